import { AthanorError } from '../../../core/errors.js'
import type { Row } from '../../../ops/operation-sink.js'
import type { Query } from './read-table.js'
import { NEW_PREFIX } from './swap.js'
import { BARE_NAME } from '../../../schema/bare-name.js'

/** A text that is one bare name: SQLite names a named check by its name alone. */
const WHOLE_BARE_NAME = new RegExp(`^${BARE_NAME}$`)

/**
 * A failed rebuild as one line naming the table, the constraint and an
 * offending row, read from the original table once the rebuild has been
 * rolled back: SQLite's own message names only the constraint
 * (`NOT NULL constraint failed: t.email`).
 *
 * @example
 * import { openConnection } from '../../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite://'))
 * await connection.execute({ sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO t VALUES (3, NULL)' })
 * await describeFailure(new Error('NOT NULL constraint failed: t.email'), 't', (sql) => connection.query(sql))
 * // AthanorError: rebuilding table "t" failed: NOT NULL constraint on "email" fails; e.g. row (id=3, email=NULL); the table is unchanged
 */
export async function describeFailure(
  error: unknown,
  table: string,
  query: Query,
  checkNamed: (name: string) => string | undefined = () => undefined,
): Promise<AthanorError> {
  if (error instanceof AthanorError && error.code !== 'SQL_FAILED') return error
  const raw = String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .replace(/ \(in: .*$/, '')
  const message = raw.replaceAll(NEW_PREFIX + table, table)
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`
  let where: string[] = []
  let what = message
  const notNull = /^NOT NULL constraint failed: [^.]+\.(.+)$/.exec(message)
  const unique = /^UNIQUE constraint failed: (.+)$/.exec(message)
  const check = /^CHECK constraint failed: (.+)$/.exec(message)
  if (notNull) {
    where = [`${q(notNull[1]!)} IS NULL`]
    what = `NOT NULL constraint on "${notNull[1]}" fails`
  } else if (unique) {
    const cols = unique[1]!.split(', ').map((c) => q(c.slice(c.indexOf('.') + 1)))
    // The old table compares as its columns did; the new one may collate otherwise (a column made NOCASE).
    where = ['BINARY', 'NOCASE', 'RTRIM'].map((collation) => {
      const collated = cols.map((c) => `${c} COLLATE ${collation}`).join(', ')
      return `(${collated}) IN (SELECT ${collated} FROM ${q(table)} GROUP BY ${collated} HAVING count(*) > 1)`
    })
    what = `UNIQUE constraint on (${unique[1]!
      .split(', ')
      .map((c) => c.slice(c.indexOf('.') + 1))
      .join(', ')}) fails`
  } else if (check) {
    what = `CHECK constraint ${check[1]} fails`
    // SQLite names a named check by its name alone: its expression is the migration's, or the table's as it was.
    const expression = WHOLE_BARE_NAME.test(check[1]!) ? (checkNamed(check[1]!) ?? (await namedCheck(query, table, check[1]!))) : check[1]
    where = expression === undefined ? [] : [`NOT (${expression})`]
  }
  let row = ''
  for (const condition of where) {
    try {
      const found = await query(`SELECT * FROM ${q(table)} WHERE ${condition} LIMIT 1`)
      if (found[0] === undefined) continue
      row = `; e.g. row ${formatRow(found[0])}`
      break
    } catch {
      // The row is a courtesy; the constraint is named either way.
    }
  }
  return new AthanorError('SQLITE_REBUILD_FAILED', `rebuilding table "${table}" failed: ${what}${row}; the table is unchanged`, {
    cause: error,
  })
}

/** The expression of the check `name` in the table's CREATE TABLE, if it has one so named. */
async function namedCheck(query: Query, table: string, name: string): Promise<string | undefined> {
  const [found] = await query('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?', ['table', table])
  const sql = String(found?.['sql'] ?? '')
  const at = new RegExp(`CONSTRAINT\\s+["\`\\[]?${name}["\`\\]]?\\s+CHECK\\s*\\(`, 'i').exec(sql)
  if (at === null) return undefined
  let depth = 1
  for (let end = at.index + at[0].length; end < sql.length; end++) {
    if (sql[end] === '(') depth++
    else if (sql[end] === ')' && --depth === 0) return sql.slice(at.index + at[0].length, end)
  }
  return undefined
}

/**
 * A row as `(a=1, b='x', c=NULL)`, long values cut.
 *
 * @example
 * formatRow({ id: 1, email: null }) // '(id=1, email=NULL)'
 */
export function formatRow(row: Row): string {
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL'
    if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 37)}...` : v}'`
    if (v instanceof Uint8Array) return `<${v.length} bytes>`
    return String(v)
  }
  return `(${Object.entries(row)
    .map(([k, v]) => `${k}=${value(v)}`)
    .join(', ')})`
}
