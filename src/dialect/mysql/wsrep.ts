import { driverErrorCode } from '../session-timeouts.js'
import type { DatabaseConnection } from '../driver.js'
import type { Row } from '../../ops/operation-sink.js'

/** A session's Galera settings: whether it replicates (wsrep_on), and its node's name. */
export interface WsrepSession {
  readonly on: boolean
  /** wsrep_node_name; absent where the server has none. */
  readonly nodeName?: string
}

/** MySQL has no such variable (ER_UNKNOWN_SYSTEM_VARIABLE), nor a MariaDB built without Galera. */
const UNKNOWN_SYSTEM_VARIABLE = 1193

/**
 * `SELECT columns` and the session's Galera settings, in one round trip on
 * MariaDB: its executable comment (`/*M! … *\/`, run by MariaDB alone,
 * https://mariadb.com/kb/en/comment-syntax/) reads them as variables. MySQL
 * reads the comment as one and gets the settings from SHOW VARIABLES, which
 * Percona XtraDB Cluster answers too; so does a MariaDB built without Galera.
 * SHOW VARIABLES lists every variable to find two: once a tenant, for each
 * lock and each journaled run, it was the slowest of `--all`'s setup reads.
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * const { row, wsrep } = await selectWithWsrep(connection, 'DATABASE() AS database_name')
 * wsrep.on // false off a Galera cluster
 */
export async function selectWithWsrep(
  connection: DatabaseConnection,
  columns: string,
): Promise<{ row: Row | undefined; wsrep: WsrepSession }> {
  let rows: Row[]
  try {
    rows = await connection.query(`SELECT ${columns} /*M! , @@wsrep_on AS wsrep_on, @@wsrep_node_name AS wsrep_node_name */`)
  } catch (error) {
    if (driverErrorCode(error).errno !== UNKNOWN_SYSTEM_VARIABLE) throw error
    rows = await connection.query(`SELECT ${columns}`)
  }
  const row = rows[0]
  if (row !== undefined && Object.hasOwn(row, 'wsrep_on')) return { row, wsrep: wsrepOf(row['wsrep_on'], row['wsrep_node_name']) }
  const shown = await connection.query("SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_node_name')")
  const value = (name: string) => shown.find((one) => String(one['Variable_name']).toLowerCase() === name)?.['Value']
  return { row, wsrep: wsrepOf(value('wsrep_on'), value('wsrep_node_name')) }
}

// A variable reads as 1 or 0; SHOW VARIABLES says ON or OFF.
function wsrepOf(on: unknown, name: unknown): WsrepSession {
  const enabled = Number(on) === 1 || String(on ?? '').toUpperCase() === 'ON'
  return typeof name === 'string' && name !== '' ? { on: enabled, nodeName: name } : { on: enabled }
}
