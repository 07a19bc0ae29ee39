/**
 * The server's own view of its sessions, so that a runner that died during
 * a statement can be waited out: a server runs a statement to its end even
 * when the client that sent it is gone (MariaDB even runs the rest of a
 * multi-statement batch), and until it has, the journal may still change.
 * `null` on a dialect without a server (SQLite: the runner's process is the
 * database engine, and its death ends every statement).
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('mysql').sessions?.currentIdSql // 'SELECT CONNECTION_ID() AS id'
 */
export interface ServerSessions {
  /** One row whose `id` column is this connection's session id on the server. */
  readonly currentIdSql: string
  /**
   * A row for session `id` (digits only) while it exists on this database,
   * other than the asking session itself: `running` is true while it runs a
   * statement, `statement` is that statement's text.
   */
  sessionSql(id: string): string
  /** What ends the session by hand, for messages: `KILL 123`. */
  endSessionSql(id: string): string
}
