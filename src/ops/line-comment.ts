import { skipQuotedOrComment } from './stored-code-text.js'

/**
 * Whether SQL text ends inside a `--` comment, which would swallow a `;`
 * written after it on the same line (a view's text may end in one).
 *
 * @example
 * endsInLineComment('SELECT 1 -- the only row') // true
 * endsInLineComment("SELECT '--' AS dashes") // false
 */
export function endsInLineComment(sql: string): boolean {
  for (let at = 0; at < sql.length; at++) {
    if (sql[at] === '-' && sql[at + 1] === '-') {
      const end = sql.indexOf('\n', at)
      if (end < 0) return true
      at = end
    } else at = skipQuotedOrComment(sql, at)
  }
  return false
}
