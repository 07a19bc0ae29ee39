import type { DatabaseUrl } from '../../core/database-url.js'
import type { DatabaseConnection } from '../driver.js'
import type { ServerSessions } from '../server-sessions.js'
import { selectWithWsrep } from './wsrep.js'

/**
 * MySQL/MariaDB sessions, from the process list. `COMMAND` is `Sleep`
 * between statements (a Galera node's sessions are its own: see nodeName); a connection id is never reused before the server
 * restarts, and the database and own-session conditions keep a restarted
 * server's new session with an old id from passing for the runner's.
 * https://mariadb.com/kb/en/information-schema-processlist-table/
 *
 * @example
 * mysqlSessions.sessionSql('42') // SELECT … FROM information_schema.PROCESSLIST WHERE ID = 42 …
 */
export const mysqlSessions: ServerSessions = {
  currentIdSql: 'SELECT CONNECTION_ID() AS id',
  sessionSql: (id) =>
    "SELECT COMMAND <> 'Sleep' AS running, INFO AS statement FROM information_schema.PROCESSLIST " +
    `WHERE ID = ${id} AND ID <> CONNECTION_ID() AND DB = DATABASE()`,
  endSessionSql: (id) => `KILL ${id}`,
  nodeName: (connection) => named(connection),
  // A run records its session before its first step: one round trip fewer per run, a tenant's under --all.
  async currentSession(connection) {
    const { row, wsrep } = await selectWithWsrep(connection, 'CONNECTION_ID() AS id')
    return { id: row?.['id'], node: wsrep.on ? wsrep.nodeName : undefined }
  },
  async readClusterCommits(connection) {
    if ((await selectWithWsrep(connection, '1 AS one')).wsrep.on) await connection.execute({ sql: 'SET SESSION wsrep_sync_wait = 1' })
  },
  async nodeConnection(connection, url, node) {
    const { mysql2Driver } = await import('./driver.js')
    for (const address of await nodeAddresses(connection, url)) {
      const at = nodeUrl(url, address)
      const other = at === undefined ? undefined : await mysql2Driver.open(at).catch(() => undefined)
      if (other === undefined) continue
      if ((await named(other).catch(() => undefined))?.slice(0, 11) === node) return other
      await other.close().catch(() => undefined)
    }
    return undefined
  },
  // Galera's applier threads run as 'system user'; between events they keep no statement.
  replicatedSql:
    "SELECT INFO AS statement FROM information_schema.PROCESSLIST WHERE USER = 'system user' AND DB = DATABASE() AND INFO IS NOT NULL",
}

async function named(connection: DatabaseConnection): Promise<string | undefined> {
  const { wsrep } = await selectWithWsrep(connection, '1 AS one')
  return wsrep.on ? wsrep.nodeName : undefined
}

/**
 * `host:port` of every node's clients, ours included: the cluster's own list
 * (https://mariadb.com/kb/en/galera-cluster-status-variables/), or, where a
 * node left its wsrep_node_incoming_address at AUTO, the hosts of
 * wsrep_cluster_address with the port `url` uses.
 */
async function nodeAddresses(connection: DatabaseConnection, url: DatabaseUrl): Promise<string[]> {
  const [incoming] = await connection.query("SHOW STATUS LIKE 'wsrep_incoming_addresses'")
  const listed = String(incoming?.['Value'] ?? '')
    .split(',')
    .map((address) => address.trim())
  if (listed.every((address) => /:\d+$/.test(address))) return listed
  const [cluster] = await connection.query("SHOW VARIABLES LIKE 'wsrep_cluster_address'")
  const hosts = String(cluster?.['Value'] ?? '')
    .replace(/^gcomm:\/\//, '')
    .replace(/\?.*$/, '')
    .split(',')
  const port = url.port ?? 3306
  return hosts.filter((host) => host !== '').map((host) => `${host.replace(/:\d+$/, '')}:${port}`)
}

/** `url` pointed at another node's `host:port` (`[::1]:3306` for IPv6), over TCP; `undefined` for an address without a port. */
function nodeUrl(url: DatabaseUrl, address: string): DatabaseUrl | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address)
  if (match === null) return undefined
  const host = match[1]!
  const port = Number(match[2])
  const { socket: _socket, ...params } = url.params
  const shown = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  const redacted = url.redacted.replace(/^([^:]+:\/\/(?:[^@/]*@)?)[^/?]*/, `$1${shown}`)
  return { ...url, host, port, params, redacted }
}
