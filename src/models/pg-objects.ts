import { AthanorError } from '../core/errors.js'
import type { EnumType, Extension, Sequence, SequenceOptions } from '../schema/pg-objects.js'
import type { ColumnBuilder } from './column.js'
import { namedTypeColumn, type TypeColumnOptions } from './named-type-column.js'
import type { PgDomain } from './pg-domain.js'
import type { PgComposite } from './pg-composite.js'
import type { PgRange } from './pg-range.js'
import type { PgPartition } from './partition.js'

/**
 * A PostgreSQL enum type in the models. Pass it to `defineModels` so it is
 * created before the tables that use it, and give a column its type with
 * `.column()`.
 *
 * @example
 * const mpaaRating: PgEnum = pgEnum('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17'])
 * const films = table('films', { id: col.integer().primaryKey(), rating: mpaaRating.column().notNull() })
 * export default defineModels(mpaaRating, films)
 */
export interface PgEnum extends EnumType {
  readonly objectKind: 'enum'
  /** A column of this type; `{ array: true }`, of an array of it (`mood[]`). */
  column(options?: TypeColumnOptions): ColumnBuilder
}

/**
 * An extension in the models, created before anything that uses it.
 *
 * @example
 * const citext: PgExtension = extension('citext')
 */
export interface PgExtension extends Extension {
  readonly objectKind: 'extension'
}

/**
 * A free-standing sequence in the models.
 *
 * @example
 * const orderNo: PgSequence = sequence('order_no', { start: 1000 })
 */
export interface PgSequence extends Sequence {
  readonly objectKind: 'sequence'
}

/**
 * What `defineModels` takes besides tables.
 *
 * @example
 * const objects: ModelObject[] = [extension('citext'), pgEnum('mood', ['sad', 'happy'])]
 */
export type ModelObject = PgEnum | PgExtension | PgSequence | PgDomain | PgComposite | PgRange | PgPartition

/**
 * Declares a PostgreSQL enum type (`CREATE TYPE name AS ENUM (…)`), its
 * labels in their sort order. Appending a label later is an
 * `ALTER TYPE … ADD VALUE`; PostgreSQL cannot remove or reorder one.
 * On MySQL use `col.enum([...])`, an inline column type.
 *
 * @example
 * export const mpaaRating = pgEnum('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17'])
 * export const films = table('films', { id: col.integer().primaryKey(), rating: mpaaRating.column() })
 */
export function pgEnum(name: string, values: readonly string[], options: { readonly schema?: string } = {}): PgEnum {
  if (values.length === 0) throw new AthanorError('INVALID_TYPE', `enum type "${name}" has no values`)
  const duplicate = values.find((v, i) => values.indexOf(v) !== i)
  if (duplicate !== undefined) throw new AthanorError('INVALID_TYPE', `enum type "${name}" lists '${duplicate}' twice`)
  const schema = options.schema
  return {
    objectKind: 'enum',
    name,
    values: [...values],
    ...(schema === undefined ? {} : { schema }),
    column: (options) => namedTypeColumn(name, schema, options),
  }
}

/**
 * Declares a PostgreSQL extension the schema needs (`CREATE EXTENSION IF
 * NOT EXISTS`); a column then uses its types with `col.raw('citext')`.
 *
 * @example
 * export const citext = extension('citext')
 * export const users = table('users', { id: col.integer().primaryKey(), email: col.raw('citext') })
 */
export function extension(name: string, options: { readonly schema?: string } = {}): PgExtension {
  return { objectKind: 'extension', name, ...(options.schema === undefined ? {} : { schema: options.schema }) }
}

/**
 * Declares a free-standing PostgreSQL sequence; a column draws from it with
 * a default of `nextval('name')`. Absent options are PostgreSQL's defaults.
 *
 * @example
 * export const orderNo = sequence('order_no', { start: 1000, cache: 10 })
 * export const orders = table('orders', { no: col.bigint().primaryKey().default(sql("nextval('order_no')")) })
 */
export function sequence(name: string, options: SequenceOptions & { readonly schema?: string } = {}): PgSequence {
  return { objectKind: 'sequence', name, ...options }
}

/**
 * Whether a value given to `defineModels` is an enum type, extension, sequence, domain, composite or range type or
 * partition rather than a table.
 *
 * @example
 * isModelObject(extension('citext')) // true
 */
export function isModelObject(value: unknown): value is ModelObject {
  return typeof value === 'object' && value !== null && 'objectKind' in value
}
