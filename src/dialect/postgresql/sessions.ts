import type { ServerSessions } from '../server-sessions.js'

/**
 * PostgreSQL sessions are backends, by process id; pg_stat_activity says
 * whether one is `idle` or running a statement. Process ids are reused, so
 * only a backend on the same database counts.
 * https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW
 *
 * @example
 * postgresqlSessions.endSessionSql('4242') // 'SELECT pg_terminate_backend(4242)'
 */
export const postgresqlSessions: ServerSessions = {
  currentIdSql: 'SELECT pg_backend_pid() AS id',
  sessionSql: (id) =>
    "SELECT state <> 'idle' AS running, query AS statement FROM pg_stat_activity " +
    `WHERE pid = ${id} AND pid <> pg_backend_pid() AND datname = current_database()`,
  endSessionSql: (id) => `SELECT pg_terminate_backend(${id})`,
}
