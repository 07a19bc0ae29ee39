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

/**
 * A table's comment, where the dialect keeps comments apart from the DDL
 * (PostgreSQL's COMMENT ON TABLE); nothing where it keeps none (SQLite).
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * setTableComment({ kind: 'set_table_comment', table: 'users', comment: 'who signs in' }, ctx)
 * // PostgreSQL: [{ sql: `COMMENT ON TABLE "users" IS 'who signs in'` }]
 */
export const setTableComment: Handler<'set_table_comment'> = (op, ctx) => ctx.commentOn(op, op.comment)
