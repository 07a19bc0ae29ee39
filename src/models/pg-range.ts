import { AthanorError } from '../core/errors.js'
import { defaultMultirangeName, type RangeType } from '../schema/pg-range.js'
import type { ColumnBuilder } from './column.js'
import { namedTypeColumn, type TypeColumnOptions } from './named-type-column.js'

/**
 * A PostgreSQL range type in the models. Pass it to `defineModels` so it is
 * created before the tables that use it, and give a column its type with
 * `.column()` (or its multirange's with `.multirangeColumn()`).
 *
 * @example
 * const floatrange: PgRange = pgRange('floatrange', { subtype: 'float8', subtypeDiff: 'float8mi' })
 * const spans = table('spans', { id: col.integer().primaryKey(), span: floatrange.column() })
 */
export interface PgRange extends RangeType {
  readonly objectKind: 'range'
  /** A column of this range type; `{ array: true }`, of an array of it. */
  column(options?: TypeColumnOptions): ColumnBuilder
  /** A column of its multirange type (`floatmultirange`). */
  multirangeColumn(options?: TypeColumnOptions): ColumnBuilder
}

/**
 * A range type's definition: `subtype` as SQL, and the options of
 * `CREATE TYPE … AS RANGE` that are not PostgreSQL's defaults.
 *
 * @example
 * const options: PgRangeOptions = { subtype: 'text', collation: 'C', schema: 'app' }
 */
export interface PgRangeOptions extends Omit<RangeType, 'name' | 'schema'> {
  readonly schema?: string
}

/**
 * Declares a PostgreSQL range type (`CREATE TYPE name AS RANGE (subtype =
 * …)`), with its multirange type. The subtype, `subtypeOpclass`,
 * `canonical` and `subtypeDiff` are SQL, written as given; `collation` is a
 * name; `multirangeTypeName` names the multirange, else PostgreSQL's
 * default (`floatrange` → `floatmultirange`). No `ALTER TYPE` changes a
 * range: a changed definition is dropped and created again, which is
 * refused (TYPE_IN_USE) while a column uses the type.
 *
 * @example
 * export const floatrange = pgRange('floatrange', { subtype: 'float8', subtypeDiff: 'float8mi' })
 * export const spans = table('spans', { id: col.integer().primaryKey(), span: floatrange.column() })
 */
export function pgRange(name: string, options: PgRangeOptions): PgRange {
  if (typeof options?.subtype !== 'string' || options.subtype.trim() === '') {
    throw new AthanorError('INVALID_MODEL', `range type "${name}" has no subtype`)
  }
  const { schema, ...definition } = options
  const defined = Object.fromEntries(Object.entries(definition).filter(([, value]) => value !== undefined)) as typeof definition
  const multirange = options.multirangeTypeName
  return {
    objectKind: 'range',
    name,
    ...(schema === undefined ? {} : { schema }),
    ...defined,
    column: (columnOptions) => namedTypeColumn(name, schema, columnOptions),
    multirangeColumn: (columnOptions) => namedTypeColumn(multirange ?? defaultMultirangeName(name), schema, columnOptions),
  }
}
