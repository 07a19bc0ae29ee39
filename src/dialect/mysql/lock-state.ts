import type { DatabaseConnection } from '../driver.js'
import type { LockState } from '../lock-state.js'
import { mysqlLockName } from './lock.js'
import { selectWithWsrep } from './wsrep.js'

/**
 * Who holds the migration lock: the connection `IS_USED_LOCK` names, with
 * its user and host from the process list; on a Galera cluster, the owner
 * of the lock row (host:pid of the runner) and its last heartbeat.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * const state = await readMysqlLockState(connection, 'athanor_version') // { held: false } when no run migrates
 */
export async function readMysqlLockState(connection: DatabaseConnection, versionTable: string): Promise<LockState> {
  const { row: databaseRow, wsrep } = await selectWithWsrep(connection, 'DATABASE() AS database_name')
  const name = mysqlLockName(String(databaseRow?.['database_name'] ?? ''), versionTable)
  if (wsrep.on) return readGaleraRow(connection, `${versionTable}_lock`, name)
  const [used] = await connection.query(`SELECT IS_USED_LOCK('${name}') AS holder`)
  const id = used?.['holder']
  if (id === null || id === undefined) return { held: false }
  const [process] = await connection.query(
    'SELECT USER AS user, HOST AS host, TIME AS seconds FROM information_schema.PROCESSLIST WHERE ID = ?',
    [Number(id)],
  )
  const who =
    process === undefined ? '' : ` (user ${String(process['user'])}, from ${String(process['host'])}, ${String(process['seconds'])} s)`
  return { held: true, holder: `connection ${String(id)}${who}` }
}

async function readGaleraRow(connection: DatabaseConnection, table: string, name: string): Promise<LockState> {
  if (!(await connection.hasTable(table))) return { held: false }
  const [row] = await connection.query(`SELECT owner, heartbeat_at FROM \`${table}\` WHERE name = ?`, [name])
  if (row === undefined) return { held: false }
  return { held: true, holder: `runner ${String(row['owner'])} (last heartbeat ${String(row['heartbeat_at'])})` }
}
