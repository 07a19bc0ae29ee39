import type { Handler } from '../context.js'

/**
 * `batch_alter_table` where ALTER TABLE can do everything: each change
 * compiled in order. `recreate` only matters on SQLite, the one dialect
 * that needs a table rebuild.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const dropEmail: BatchOperation = { kind: 'drop_column', table: 't', column: 'email' }
 * batchAlterTable({ kind: 'batch_alter_table', table: 't', recreate: 'auto', ops: [dropEmail] }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" DROP COLUMN "email"' }]
 */
export const batchAlterTable: Handler<'batch_alter_table'> = (op, ctx) => op.ops.flatMap((sub) => ctx.compileSql(sub))
