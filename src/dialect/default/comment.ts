import type { TableRef } from '../../ops/operation.js'
import type { Statement } from '../types.js'
import type { CompileContext } from './context.js'

/**
 * `COMMENT ON TABLE t IS '…'` or `COMMENT ON COLUMN t.c IS '…'`; `IS NULL`
 * removes the comment (https://www.postgresql.org/docs/current/sql-comment.html).
 *
 * @example
 * import type { CompileContext } from './context.js'
 * declare const ctx: CompileContext
 * commentOnStatement({ table: 'user', column: 'email' }, 'login', ctx)
 * // PostgreSQL: [{ sql: `COMMENT ON COLUMN "user"."email" IS 'login'` }]
 */
export function commentOnStatement(
  target: TableRef & { readonly column?: string },
  comment: string | null,
  ctx: CompileContext,
): Statement[] {
  const text = comment === null ? 'NULL' : ctx.renderLiteral(comment)
  if (target.column === undefined) return [{ sql: `COMMENT ON TABLE ${ctx.quoteTable(target)} IS ${text}` }]
  return [{ sql: `COMMENT ON COLUMN ${ctx.quoteTable(target)}.${ctx.quoteIdentifier(target.column)} IS ${text}` }]
}

/**
 * For dialects with no separate comment statement.
 *
 * @example
 * noCommentStatement() // []
 */
export function noCommentStatement(): Statement[] {
  return []
}
