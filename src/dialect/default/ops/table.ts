import type { Handler } from '../context.js'

/**
 * `DROP TABLE t`.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * dropTable({ kind: 'drop_table', table: 'user' }, ctx) // PostgreSQL: [{ sql: 'DROP TABLE "user"' }]
 */
export const dropTable: Handler<'drop_table'> = (op, ctx) => [{ sql: `DROP TABLE ${ctx.quoteTable(op)}` }]

/**
 * `ALTER TABLE t RENAME TO n`; the new name stays unqualified because the
 * table keeps its schema (PostgreSQL and SQLite refuse a qualified one).
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * renameTable({ kind: 'rename_table', table: 'a', newName: 'b' }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "a" RENAME TO "b"' }]
 */
export const renameTable: Handler<'rename_table'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} RENAME TO ${ctx.quoteIdentifier(op.newName)}` },
]
