import type { Queryable } from '../introspector.js'
import { noSchemaObjects, type Sequence, type SchemaObjects } from '../../schema/pg-objects.js'
import { sequenceNumber } from '../../schema/sequence-defaults.js'
import { parseServerVersion } from '../lint/version.js'
import { backquoted, rowText } from './row-text.js'

// A sequence is a table of its own type to MariaDB (https://mariadb.com/kb/en/sequence-overview/).
const NAMES_SQL = `SELECT TABLE_NAME AS name FROM information_schema.TABLES
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME`

// A sequence's one row holds its options; reading it does not advance it (only NEXTVAL and SETVAL do). As text: a
// bigint bound is past what a JavaScript number holds exactly.
const optionsSql = (name: string, quoted: string) =>
  `SELECT ${quoted} AS name, CAST(start_value AS CHAR) AS start, CAST(minimum_value AS CHAR) AS min, ` +
  `CAST(maximum_value AS CHAR) AS max, CAST(increment AS CHAR) AS increment, cache_size AS cache, cycle_option AS cycle ` +
  `FROM ${backquoted(name)}`

/** MariaDB's bounds for a sequence counting up, and down: one inside bigint's at each end. */
const UP = { min: '1', max: '9223372036854775806' }
const DOWN = { min: '-9223372036854775807', max: '-1' }

/**
 * Whether a server of this version has sequences: MariaDB from 10.3; MySQL
 * has none. A version that cannot be read is taken as MySQL's.
 *
 * @example
 * hasSequences('10.11.6-MariaDB') // true
 * hasSequences('8.0.36') // false
 */
export function hasSequences(version: string): boolean {
  const parsed = parseServerVersion(version)
  if (parsed === undefined || parsed.flavor !== 'mariadb') return false
  return parsed.major > 10 || (parsed.major === 10 && parsed.minor >= 3)
}

/**
 * A sequence as the models write it: the options MariaDB would not have
 * chosen itself left out (its bounds for the direction, a start at the
 * bound it counts from). The cache is kept unless it is 1, the models'
 * default on every dialect; MariaDB's NOCACHE (0) caches nothing either, so it reads as 1.
 *
 * @example
 * mariadbSequence({ name: 'n', start: '100', min: '1', max: '9223372036854775806', increment: '5', cache: 10, cycle: 1 })
 * // { name: 'n', start: 100, increment: 5, cache: 10, cycle: true }
 */
export function mariadbSequence(row: Record<string, unknown>): Sequence {
  const increment = Number(rowText(row['increment']))
  const bounds = increment > 0 ? UP : DOWN
  const min = rowText(row['min'])
  const max = rowText(row['max'])
  const start = rowText(row['start'])
  const cache = Number(rowText(row['cache']))
  return {
    name: rowText(row['name']),
    ...(start === (increment > 0 ? min : max) ? {} : { start: sequenceNumber(start) }),
    ...(increment === 1 ? {} : { increment }),
    ...(min === bounds.min ? {} : { minValue: sequenceNumber(min) }),
    ...(max === bounds.max ? {} : { maxValue: sequenceNumber(max) }),
    ...(cache <= 1 ? {} : { cache }),
    ...(Number(rowText(row['cycle'])) === 1 ? { cycle: true } : {}),
  }
}

/**
 * Reads the sequences of a MariaDB database (the connection's), with
 * their options; MySQL has none. Every sequence's row in one query.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * const { sequences } = await introspectMariadbSequences(db) // [{ name: 'order_no', start: 1000, cache: 10 }]
 */
export async function introspectMariadbSequences(db: Queryable): Promise<SchemaObjects> {
  // No other server has a table of type SEQUENCE: where there are none, no version needs asking.
  const names = (await db.query(NAMES_SQL)).map((r) => rowText(r['name']))
  if (names.length === 0) return noSchemaObjects
  const quote = (name: string) => `'${name.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
  const rows = await db.query(names.map((name) => optionsSql(name, quote(name))).join(' UNION ALL '))
  return { ...noSchemaObjects, sequences: rows.map(mariadbSequence).sort((a, b) => a.name.localeCompare(b.name)) }
}

/**
 * Why the server cannot hold the models' sequences (MySQL has none), as the
 * clause naming the server; undefined on MariaDB 10.3+.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await mysqlSequencesRefused(await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))) // 'MySQL 8.0.36'
 */
export async function mysqlSequencesRefused(db: Queryable): Promise<string | undefined> {
  const [row] = await db.query('SELECT VERSION() AS version')
  const version = rowText(row?.['version'])
  return hasSequences(version) ? undefined : /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`
}
