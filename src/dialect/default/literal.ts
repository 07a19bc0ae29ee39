import type { RowValue } from '../../ops/operation.js'
import { AthanorError } from '../../core/errors.js'

/**
 * Literal pieces every dialect shares. The dialect files decide how strings,
 * booleans, dates and bytes are spelled; these helpers do the parts that
 * are the same everywhere.
 */

/**
 * A finite JavaScript number as SQL. `NaN` and the infinities have no portable
 * literal, so they are refused rather than written as a bare word.
 *
 * @example
 * numberLiteral(1.5) // '1.5'
 */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) {
    throw new AthanorError('UNSUPPORTED_LITERAL', `The number ${value} has no SQL literal`)
  }
  return String(value)
}

/**
 * A string as `'…'` with quotes doubled, the SQL standard's only escape.
 * NUL is refused: PostgreSQL text cannot hold it and SQLite would cut the
 * string there.
 *
 * @example
 * standardString("it's") // "'it''s'"
 */
export function standardString(value: string): string {
  refuseNul(value)
  return `'${value.replaceAll("'", "''")}'`
}

/**
 * Throws when a string holds a NUL character.
 *
 * @example
 * refuseNul('ok')
 */
export function refuseNul(value: string): void {
  if (value.includes('\0')) {
    throw new AthanorError('UNSUPPORTED_LITERAL', 'A string literal cannot contain a NUL character')
  }
}

/**
 * A date as UTC `YYYY-MM-DD HH:MM:SS.mmm`: the form SQLite's date functions
 * read and MySQL's DATETIME accepts, and it sorts as text.
 *
 * @example
 * utcTimestamp(new Date(0)) // '1970-01-01 00:00:00.000'
 */
export function utcTimestamp(value: Date): string {
  if (Number.isNaN(value.getTime())) {
    throw new AthanorError('UNSUPPORTED_LITERAL', 'An invalid Date has no SQL literal')
  }
  return value.toISOString().replace('T', ' ').replace('Z', '')
}

/**
 * Bytes as lower-case hex digits.
 *
 * @example
 * hex(new Uint8Array([222, 173])) // 'dead'
 */
export function hex(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')
}

/**
 * The literal writer of a dialect without boolean or date types of its own
 * (SQLite, MySQL): booleans are 1/0, dates UTC text in the dialect's string
 * quoting, bytes `X'…'`.
 *
 * @example
 * const literal = numericBooleanLiteral(standardString)
 * literal(true) // '1'
 */
export function numericBooleanLiteral(quoteString: (value: string) => string): (value: RowValue) => string {
  return (value) => {
    if (value === null) return 'NULL'
    if (typeof value === 'string') return quoteString(value)
    if (typeof value === 'number') return numberLiteral(value)
    if (typeof value === 'bigint') return value.toString()
    if (typeof value === 'boolean') return value ? '1' : '0'
    if (value instanceof Date) return quoteString(utcTimestamp(value))
    return `X'${hex(value)}'`
  }
}
