import type { SchemaObjects } from '../schema/pg-objects.js'
import type { Table } from '../schema/types.js'
import type { Queryable } from './introspector.js'

/**
 * What the models will have once migrated, to tell which of the types and
 * collations they use a migration creates: the tables (each a row type on
 * PostgreSQL), the views, and the objects beside tables as the database
 * has them and as the models declare them.
 *
 * @example
 * const models: ModelTypeUses = { tables: [{ name: 'spans', columns: [{ name: 'span', type: { kind: 'raw', sql: 'floatrange' } }] }] }
 */
export interface ModelTypeUses {
  readonly tables: readonly Table[]
  readonly views?: readonly { readonly name: string; readonly schema?: string }[]
  readonly objects?: { readonly current: SchemaObjects; readonly target: SchemaObjects }
}

/**
 * A type or collation a model uses that neither the database has nor the
 * models create: `at` names the column (or domain, composite attribute)
 * as an error message does.
 *
 * @example
 * const missing: MissingTypeUse = { at: 'column "span" of table "spans"', kind: 'type', name: 'floatrange' }
 */
export interface MissingTypeUse {
  readonly at: string
  readonly kind: 'type' | 'collation'
  readonly name: string
}

/**
 * Asks the live catalog which of the types and collations the models use
 * it lacks, in one query; absent where every type a model can name is the
 * dialect's own.
 *
 * @example
 * import type { Queryable } from './introspector.js'
 * declare const reader: MissingTypesReader
 * declare const db: Queryable
 * const missing = await reader(db, { tables: [] }) // []
 */
export type MissingTypesReader = (db: Queryable, models: ModelTypeUses) => Promise<MissingTypeUse[]>
