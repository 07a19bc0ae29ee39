import { getCompiler } from '../dialect/compilers.js'
import type { DialectName } from '../dialect/types.js'
import type { Column, ColumnType, ReferentialAction } from '../schema/types.js'
import { defaultKey } from './default-key.js'

/**
 * What one dialect counts as equal. The differ is generic; these few hooks
 * are where the dialects differ (Atlas's DiffDriver idea).
 *
 * @example
 * const hooks = diffHooksFor('sqlite')
 * hooks.nameKey('User') === hooks.nameKey('user') // true
 */
export interface DiffHooks {
  readonly dialect: DialectName
  /** The schema that tables without one live in (`public` on PostgreSQL). */
  readonly defaultSchema: string
  /** How an identifier is compared: SQLite folds case. */
  nameKey(name: string): string
  /** Two column types are equal when their keys are. */
  typeKey(column: Column): string
  /** Two server defaults are equal when their keys are. */
  defaultKey(column: Column): string | undefined
  /** A referential action as the database reports its absence (NO ACTION; MySQL: RESTRICT too). */
  actionKey(action: ReferentialAction | undefined): string
  /** Column comments are stored and compared. */
  readonly comments: boolean
  /**
   * Foreign keys are always written inside CREATE TABLE, never added later:
   * SQLite cannot add one to an existing table without a rebuild, and does
   * not check that the referred table exists when a table is created.
   */
  readonly inlineForeignKeys: boolean
  /**
   * Changes to an existing table are grouped in one `batch_alter_table`, so
   * SQLite rebuilds the table once when its ALTER TABLE cannot make them
   * (Alembic's `render_as_batch`).
   */
  readonly batchTableChanges: boolean
}

function renderedType(dialect: DialectName, type: ColumnType): string {
  try {
    return getCompiler(dialect).renderType(type).toUpperCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1')
  } catch {
    // A type the dialect refuses (a MySQL VARCHAR without length) still needs a key.
    return JSON.stringify(type)
  }
}

const INTEGERS = new Set(['integer', 'smallint', 'bigint'])

/**
 * The hooks for a dialect. Types compare by the SQL the dialect would write
 * for them, which is what the database keeps: so `uuid` and `string(36)`
 * differ on PostgreSQL, while `timestamp` with and without time zone are the
 * same DATETIME on MySQL. SQLite's autoincrement key is always INTEGER
 * (https://sqlite.org/autoinc.html), whatever width the model asked for.
 *
 * @example
 * diffHooksFor('postgresql').typeKey({ name: 'a', type: { kind: 'string', length: 20 } }) // 'VARCHAR(20)'
 */
export function diffHooksFor(dialect: DialectName): DiffHooks {
  const noAction = dialect === 'mysql' ? new Set(['NO ACTION', 'RESTRICT']) : new Set(['NO ACTION'])
  return {
    dialect,
    defaultSchema: dialect === 'postgresql' ? 'public' : '',
    nameKey: dialect === 'sqlite' ? (name) => name.toLowerCase() : (name) => name,
    typeKey: (column) => {
      if (dialect === 'sqlite' && column.autoincrement === true && INTEGERS.has(column.type.kind)) return 'INTEGER'
      return renderedType(dialect, column.type)
    },
    defaultKey: (column) => (column.autoincrement === true ? undefined : defaultKey(column.serverDefault)),
    actionKey: (action) => (action === undefined || noAction.has(action) ? 'NO ACTION' : action),
    comments: dialect !== 'sqlite',
    inlineForeignKeys: dialect === 'sqlite',
    batchTableChanges: dialect === 'sqlite',
  }
}
