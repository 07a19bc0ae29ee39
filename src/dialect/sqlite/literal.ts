import type { RowValue } from '../../ops/operation.js'
import { hex, numberLiteral, standardString, utcTimestamp } from '../default/literal.js'

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
export function sqliteLiteral(value: RowValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') return standardString(value)
  if (typeof value === 'number') return numberLiteral(value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (value instanceof Date) return standardString(utcTimestamp(value))
  return `X'${hex(value)}'`
}

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
