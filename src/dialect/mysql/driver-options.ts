import type { ConnectionOptions, TypeCast } from 'mysql2/promise'

/**
 * How mysql2 converts values, so rows read the same as on the other
 * dialects: BIGINT as a number when exact, else a `bigint` (mysql2 would
 * round it or give text); DECIMAL as exact text; DATE as `YYYY-MM-DD`; and
 * DATETIME read as UTC (`timezone: 'Z'`), since athanor writes UTC wall time.
 *
 * @example
 * import mysql from 'mysql2/promise'
 * const connection = await mysql.createConnection({ host: '127.0.0.1', user: 'root', ...MYSQL_VALUE_OPTIONS })
 */
export const MYSQL_VALUE_OPTIONS = {
  timezone: 'Z',
  dateStrings: ['DATE'],
  supportBigNumbers: true,
  bigNumberStrings: true,
  decimalNumbers: false,
  typeCast: ((field, next) => {
    if (field.type !== 'LONGLONG') return next()
    const text = field.string()
    if (text === null) return null
    const value = Number(text)
    return Number.isSafeInteger(value) ? value : BigInt(text)
  }) satisfies TypeCast,
} as const satisfies ConnectionOptions

/**
 * mysql2's `ssl` option from `?ssl-mode=` (the mysql client's spelling) or
 * `?ssl=true`: REQUIRED encrypts without checking the certificate,
 * VERIFY_CA/VERIFY_IDENTITY check it.
 *
 * @example
 * mysqlSsl({ 'ssl-mode': 'REQUIRED' }) // { rejectUnauthorized: false }
 */
export function mysqlSsl(params: Readonly<Record<string, string>>): { rejectUnauthorized: boolean } | undefined {
  const mode = (params['ssl-mode'] ?? params['ssl_mode'] ?? (params['ssl'] === 'true' ? 'REQUIRED' : '')).toUpperCase()
  if (mode === 'REQUIRED') return { rejectUnauthorized: false }
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return { rejectUnauthorized: true }
  return undefined
}
