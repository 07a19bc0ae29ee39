import type { RowValue } from '../../ops/operation.js'
import { numericBooleanLiteral, utcTimestamp } from '../default/literal.js'

/**
 * A value as a MySQL/MariaDB literal. Backslash is an escape character in
 * MySQL strings by default, so it is doubled along with the quote, and NUL
 * becomes `\0` (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html).
 * This assumes the server's default sql_mode; under NO_BACKSLASH_ESCAPES a
 * backslash would be stored twice. Booleans are 1/0 (BOOLEAN is TINYINT(1));
 * dates are UTC `YYYY-MM-DD HH:MM:SS.mmm`, since DATETIME has no zone and
 * MariaDB refuses an offset in the literal.
 *
 * @example
 * mysqlLiteral("it's a \\ test") // "'it''s a \\\\ test'"
 */
export const mysqlLiteral: (value: RowValue) => string = numericBooleanLiteral((value) => mysqlString(value))

/** What a MySQL string literal escapes. */
const NEEDS_ESCAPE = /[\\'\0]/

/**
 * A MySQL string literal with `\`, `'` and NUL escaped.
 *
 * @example
 * mysqlString('a\\b') // "'a\\\\b'"
 */
export function mysqlString(value: string): string {
  // The journal inlines each statement's text: most hold nothing to escape, and one scan tells.
  if (!NEEDS_ESCAPE.test(value)) return `'${value}'`
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\0', '\\0')}'`
}

/**
 * A value as the driver should bind it: dates as the offline literal's UTC
 * text (drivers default to the client's local zone), booleans as 1/0.
 *
 * @example
 * mysqlBind(true) // 1
 */
export function mysqlBind(value: RowValue): RowValue {
  if (value instanceof Date) return utcTimestamp(value)
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}
