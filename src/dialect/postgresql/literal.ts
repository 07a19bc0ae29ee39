import type { RowValue } from '../../ops/operation.js'
import { hex, numberLiteral, refuseNul, standardString, utcTimestamp } from '../default/literal.js'

/**
 * A value as a PostgreSQL literal. A string holding a backslash is written
 * as an escape string `E'…'` with the backslash doubled, so it reads the same
 * whether or not `standard_conforming_strings` is on
 * (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE).
 * Dates are UTC with an explicit `+00` offset: exact in a TIMESTAMPTZ column,
 * the UTC wall time in a TIMESTAMP one. Bytes go through `decode(…, 'hex')`,
 * which no string setting can misread.
 *
 * @example
 * postgresLiteral('a\\b')  // "E'a\\\\b'"
 * postgresLiteral(true)    // 'TRUE'
 */
export function postgresLiteral(value: RowValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'string') {
    if (!value.includes('\\')) return standardString(value)
    refuseNul(value)
    return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
  }
  if (typeof value === 'number') return numberLiteral(value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return `'${utcTimestamp(value)}+00'`
  return `decode('${hex(value)}', 'hex')`
}

/**
 * A value as the driver should bind it: dates as the same UTC text the
 * offline literal uses (a driver would otherwise send local time), bigints as
 * text, bytes as a Buffer.
 *
 * @example
 * postgresBind(10n) // '10'
 */
export function postgresBind(value: RowValue): RowValue {
  if (value instanceof Date) return `${utcTimestamp(value)}+00`
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return value
}
