import type { Handler } from '../context.js'

/**
 * `ALTER TABLE t ADD COLUMN <definition>`, then the column's comment where
 * comments are separate statements.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * addColumn({ kind: 'add_column', table: 't', column: { name: 'a', type: { kind: 'text' } } }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" ADD COLUMN "a" TEXT' }]
 */
export const addColumn: Handler<'add_column'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD COLUMN ${ctx.columnDefinition(op.column, op, { purpose: 'add' })}` },
  ...(op.column.comment === undefined ? [] : ctx.commentOn({ ...op, column: op.column.name }, op.column.comment)),
]

/**
 * `ALTER TABLE t DROP COLUMN c`.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * dropColumn({ kind: 'drop_column', table: 't', column: 'a' }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" DROP COLUMN "a"' }]
 */
export const dropColumn: Handler<'drop_column'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} DROP COLUMN ${ctx.quoteIdentifier(op.column)}` },
]
