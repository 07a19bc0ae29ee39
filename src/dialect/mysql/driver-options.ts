import type { ConnectionOptions } from 'mysql2/promise'

/**
 * How mysql2 converts values, so rows read the same as on the other
 * dialects: BIGINT as a number when exact, else as text that
 * {@link withBigIntegers} turns into a `bigint`; DECIMAL as exact text;
 * DATE as `YYYY-MM-DD`; and DATETIME read as UTC (`timezone: 'Z'`), since
 * athanor writes UTC wall time. No `typeCast` function: mysql2 would call it
 * for every value of every row, which was a tenth of reading a large catalog.
 *
 * @example
 * import mysql from 'mysql2/promise'
 * const connection = await mysql.createConnection({ host: '127.0.0.1', user: 'root', ...MYSQL_VALUE_OPTIONS })
 */
export const MYSQL_VALUE_OPTIONS = {
  timezone: 'Z',
  dateStrings: ['DATE'],
  supportBigNumbers: true,
  bigNumberStrings: false,
  decimalNumbers: false,
} as const satisfies ConnectionOptions

/** mysql2's type code of BIGINT. */
const LONGLONG = 8

/**
 * Turns in place the BIGINT values of a query's rows that mysql2 gave as
 * text, being past 2^53 (see MYSQL_VALUE_OPTIONS), into bigints; `result`
 * and `fields` as mysql2's `query` gives them, for one statement or several.
 *
 * @example
 * const rows = [{ n: '9007199254740993' }]
 * withBigIntegers(rows, [{ name: 'n', columnType: 8 }])
 * rows[0]?.n // 9007199254740993n
 */
export function withBigIntegers(result: unknown, fields: unknown): void {
  if (!Array.isArray(result) || !Array.isArray(fields)) return
  if (fields.some((field) => field === undefined || Array.isArray(field))) {
    // Several statements: a result and its fields (none for one that returns no rows) each.
    for (const [index, part] of result.entries()) withBigIntegers(part, fields[index])
    return
  }
  const names: string[] = []
  for (const field of fields as ReadonlyArray<{ readonly name: string; readonly columnType: number }>) {
    if (field.columnType === LONGLONG) names.push(field.name)
  }
  if (names.length === 0) return
  for (const row of result as Array<Record<string, unknown>>) {
    for (const name of names) {
      const value = row[name]
      if (typeof value === 'string') row[name] = BigInt(value)
    }
  }
}

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
