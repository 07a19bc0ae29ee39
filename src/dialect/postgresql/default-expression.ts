import { skipQuotedOrComment } from '../../ops/stored-code-text.js'

// What PostgreSQL's grammar allows in an a_expr but not in the b_expr a DEFAULT clause takes.
const A_EXPR_ONLY = new Set(['AND', 'OR', 'NOT', 'IS', 'ISNULL', 'NOTNULL', 'IN', 'LIKE', 'ILIKE', 'SIMILAR', 'BETWEEN', 'AT', 'COLLATE'])

/**
 * A default expression as a DEFAULT clause takes it: one with AND, OR,
 * NOT, IS, IN, LIKE, BETWEEN, AT TIME ZONE or COLLATE outside parentheses
 * in parentheses, as PostgreSQL's grammar refuses them there bare. The
 * catalog (pg_get_expr) leaves such parentheses out, so a pulled default
 * comes without them; the catalog reads the same with them.
 *
 * @example
 * groupedDefault("now() AT TIME ZONE 'utc'::text") // "(now() AT TIME ZONE 'utc'::text)"
 * groupedDefault("'active'::character varying") // unchanged
 */
export function groupedDefault(sql: string): string {
  let depth = 0
  let word = ''
  for (let at = 0; at <= sql.length; at++) {
    const char = sql[at] ?? ' '
    if (/[A-Za-z_]/.test(char) || (word !== '' && /[0-9$]/.test(char))) {
      word += char
      continue
    }
    if (depth === 0 && A_EXPR_ONLY.has(word.toUpperCase())) return `(${sql})`
    word = ''
    if (char === '(' || char === '[') depth++
    else if (char === ')' || char === ']') depth--
    else at = skipQuotedOrComment(sql, at)
  }
  return sql
}
