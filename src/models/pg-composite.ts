import { AthanorError } from '../core/errors.js'
import type { CompositeAttribute, CompositeType } from '../schema/pg-composite.js'
import type { ColumnBuilder } from './column.js'
import { namedTypeColumn, type TypeColumnOptions } from './named-type-column.js'

/**
 * A PostgreSQL composite type in the models. Pass it to `defineModels` so it
 * is created before the tables that use it, and give a column its type with
 * `.column()`.
 *
 * @example
 * const address: PgComposite = pgComposite('address', { street: 'text', city: 'varchar(80)' })
 * const people = table('people', { id: col.integer().primaryKey(), home: address.column() })
 */
export interface PgComposite extends CompositeType {
  readonly objectKind: 'composite'
  /** A column of this type; `{ array: true }`, of an array of it. */
  column(options?: TypeColumnOptions): ColumnBuilder
}

/**
 * An attribute's type as SQL, or its type and a collation of its own.
 *
 * @example
 * const code: CompositeAttributeSpec = { type: 'text', collation: 'C' }
 */
export type CompositeAttributeSpec = string | { readonly type: string; readonly collation?: string }

/**
 * Declares a PostgreSQL composite type (`CREATE TYPE name AS (…)`), its
 * attributes in order: an object of name to type (SQL, written as is), or,
 * where a name is a number (an object would put it first), a list of
 * `{ name, type, collation }`. An attribute added at the end or dropped is
 * an `ALTER TYPE`, the type's columns kept; a changed attribute type or
 * order is only a comment saying what to write, as PostgreSQL cannot change
 * them while a column uses the type.
 *
 * @example
 * export const address = pgComposite('address', { street: 'text', city: 'varchar(80)', zip: { type: 'text', collation: 'C' } })
 * export const people = table('people', { id: col.integer().primaryKey(), home: address.column(), past: address.column({ array: true }) })
 */
export function pgComposite(
  name: string,
  attributes: Readonly<Record<string, CompositeAttributeSpec>> | readonly CompositeAttribute[],
  options: { readonly schema?: string } = {},
): PgComposite {
  const list: CompositeAttribute[] = Array.isArray(attributes)
    ? attributes.map((a: CompositeAttribute) => ({ ...a }))
    : Object.entries(attributes as Readonly<Record<string, CompositeAttributeSpec>>).map(([attribute, spec]) =>
        typeof spec === 'string' ? { name: attribute, type: spec } : { name: attribute, ...spec },
      )
  const seen = new Set<string>()
  for (const attribute of list) {
    if (seen.has(attribute.name))
      throw new AthanorError('INVALID_MODEL', `composite type "${name}" has attribute "${attribute.name}" twice`)
    seen.add(attribute.name)
    if (typeof attribute.type !== 'string' || attribute.type.trim() === '') {
      throw new AthanorError('INVALID_MODEL', `composite type "${name}": attribute "${attribute.name}" has no type`)
    }
  }
  const schema = options.schema
  return {
    objectKind: 'composite',
    name,
    ...(schema === undefined ? {} : { schema }),
    attributes: list,
    column: (columnOptions) => namedTypeColumn(name, schema, columnOptions),
  }
}
