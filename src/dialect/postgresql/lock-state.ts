import type { DatabaseConnection } from '../driver.js'
import type { LockState } from '../lock-state.js'
import { advisoryLockKey } from './lock.js'

/**
 * Who holds the migration lock: the session holding its advisory lock, from
 * `pg_locks` joined to `pg_stat_activity`. A bigint key is kept in two oid
 * columns, its high half in `classid` and its low half in `objid`, with
 * `objsubid` 1 (https://www.postgresql.org/docs/current/view-pg-locks.html).
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * const state = await readPostgresqlLockState(connection, 'athanor_version') // { held: false } when no run migrates
 */
export async function readPostgresqlLockState(connection: DatabaseConnection, versionTable: string): Promise<LockState> {
  const [schemaRow] = await connection.query('SELECT current_schema() AS schema_name')
  const key = advisoryLockKey(String(schemaRow?.['schema_name'] ?? 'public'), versionTable)
  const [row] = await connection.query(
    'SELECT a.pid, a.usename, a.application_name, a.client_addr::text AS client, a.backend_start::text AS since ' +
      'FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid ' +
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 " +
      'AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) ' +
      `AND ((l.classid::bigint << 32) | l.objid::bigint) = ${key}`,
  )
  if (row === undefined) return { held: false }
  const parts = [`user ${String(row['usename'] ?? '?')}`]
  if (row['application_name']) parts.push(`application ${String(row['application_name'])}`)
  parts.push(row['client'] ? `from ${String(row['client'])}` : 'local')
  if (row['since']) parts.push(`connected since ${String(row['since'])}`)
  return { held: true, holder: `PostgreSQL backend pid ${String(row['pid'])} (${parts.join(', ')})` }
}
