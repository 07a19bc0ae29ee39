import type { RowValue } from '../../ops/operation.js'
import { numericBooleanLiteral, standardString, utcTimestamp } from '../default/literal.js'

/**
 * A value as a SQLite literal. SQLite has no boolean or date storage class:
 * booleans are 1/0 and dates UTC text (`YYYY-MM-DD HH:MM:SS.mmm`), the form its
 * date functions read (https://sqlite.org/lang_datefunc.html). Bytes are
 * blob literals `X'…'`.
 *
 * @example
 * sqliteLiteral("it's") // "'it''s'"
 * sqliteLiteral(true)   // '1'
 */
export const sqliteLiteral: (value: RowValue) => string = numericBooleanLiteral(standardString)

/**
 * A value as better-sqlite3 binds it: it refuses booleans and dates, so they
 * become what the offline literal would have stored, and a script gives the
 * same rows online and offline.
 *
 * @example
 * sqliteBind(false) // 0
 */
export function sqliteBind(value: RowValue): RowValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return utcTimestamp(value)
  return value
}
