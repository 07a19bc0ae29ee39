import type { ServerSessions } from '../server-sessions.js'

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
  async nodeName(connection) {
    // SHOW, not @@wsrep_on: MySQL has no such variable and would fail the SELECT.
    const rows = await connection.query("SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_node_name')")
    const value = (name: string) => rows.find((row) => String(row['Variable_name']).toLowerCase() === name)?.['Value']
    const name = value('wsrep_node_name')
    return String(value('wsrep_on')).toUpperCase() === 'ON' && typeof name === 'string' && name !== '' ? name : undefined
  },
  async readClusterCommits(connection) {
    const [row] = await connection.query("SHOW VARIABLES LIKE 'wsrep_on'")
    if (String(row?.['Value'] ?? '').toUpperCase() === 'ON') await connection.execute({ sql: 'SET SESSION wsrep_sync_wait = 1' })
  },
  // Galera's applier threads run as 'system user'; between events they keep no statement.
  replicatedSql:
    "SELECT INFO AS statement FROM information_schema.PROCESSLIST WHERE USER = 'system user' AND DB = DATABASE() AND INFO IS NOT NULL",
}
