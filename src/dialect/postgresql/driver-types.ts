import type { CustomTypesConfig } from 'pg'

/** PostgreSQL type OIDs whose default parsing is replaced (pg_type.oid). */
export const INT8 = 20
export const DATE = 1082
export const TIMESTAMP = 1114

type Parser = (text: string) => unknown

/**
 * Per-connection type parsers, so nothing global in `pg` is changed for the
 * application that imports athanor.
 *
 * - int8 (`bigint`, `count(*)`): a number when exact, else a `bigint`; `pg`
 *   returns text, which compares wrongly and adds as strings.
 * - timestamp without time zone: read as UTC. athanor writes UTC wall time
 *   into such columns, and `pg` would read it in the process's local zone.
 * - date: kept as `YYYY-MM-DD`; a date has no zone, and a `Date` at local
 *   midnight shifts the day when printed in UTC.
 *
 * @example
 * import pg from 'pg'
 * const client = new pg.Client({ types: athanorTypes(pg.types.getTypeParser) })
 */
export function athanorTypes(fallback: (oid: number, format: 'text' | 'binary') => unknown): CustomTypesConfig {
  const parsers: Readonly<Record<number, Parser>> = {
    [INT8]: parseInt8,
    [DATE]: (text) => text,
    [TIMESTAMP]: parseUtcTimestamp,
  }
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      const own = format === 'binary' ? undefined : parsers[oid]
      return own ?? fallback(oid, format ?? 'text')
    }) as CustomTypesConfig['getTypeParser'],
  }
}

/**
 * An int8's text as a number when it is exact, else a bigint.
 *
 * @example
 * import pg from 'pg'
 * const parseInt8 = athanorTypes(pg.types.getTypeParser).getTypeParser(pg.types.builtins.INT8)
 * parseInt8('42') // 42
 * parseInt8('9007199254740993') // 9007199254740993n
 */
export function parseInt8(text: string): number | bigint {
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : BigInt(text)
}

/**
 * `2024-02-29 23:59:58.123456` (no zone) as that instant in UTC. Infinity
 * and BC dates are left as text: no `Date` holds them.
 *
 * @example
 * import pg from 'pg'
 * const parseUtcTimestamp = athanorTypes(pg.types.getTypeParser).getTypeParser(pg.types.builtins.TIMESTAMP)
 * parseUtcTimestamp('2024-02-29 23:59:58.123').toISOString() // '2024-02-29T23:59:58.123Z'
 * parseUtcTimestamp('infinity') // 'infinity'
 */
export function parseUtcTimestamp(text: string): Date | string {
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text)) return text
  return new Date(`${text.replace(' ', 'T')}Z`)
}
