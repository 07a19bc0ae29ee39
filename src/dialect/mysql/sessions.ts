import type { ServerSessions } from '../server-sessions.js'

/**
 * MySQL/MariaDB sessions, from the process list. `COMMAND` is `Sleep`
 * between statements; a connection id is never reused before the server
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
}
