import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from './driver.js'

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
  /**
   * This server's name among the nodes of a cluster whose sessions are per
   * node (a Galera node's `wsrep_node_name`); `undefined` on a server of its
   * own. A session id is recorded with it, as `42@node1`, since another
   * node's process list knows nothing of session 42 of node1, and may hold
   * a session 42 of its own.
   */
  nodeName?(connection: DatabaseConnection): Promise<string | undefined>
  /**
   * This connection's session id (as `currentIdSql` reads it) and its
   * nodeName, in one round trip, where the dialect can ask for both at once.
   */
  currentSession?(connection: DatabaseConnection): Promise<{ readonly id: unknown; readonly node?: string | undefined }>
  /**
   * On a cluster node: a row per statement this node applies for another
   * node in this database, `statement` its text. A DDL statement of a
   * runner that died on another node runs on every node in the cluster's
   * total order, so this node sees it here while it applies it.
   */
  readonly replicatedSql?: string
  /**
   * On a cluster node, makes the connection's reads wait until this node
   * has applied what the cluster committed before them (Galera's
   * `wsrep_sync_wait`): a runner on another node may just have migrated.
   */
  readClusterCommits?(connection: DatabaseConnection): Promise<void>
  /**
   * On a cluster node: a connection of its own to the node named `node` (as
   * recorded, see nodeName), found among the client addresses the cluster
   * gives for its nodes and reached with `url`'s user, password and
   * database; `undefined` when none answers to that name. A runner that died
   * there may have left a statement running that this node finished long
   * ago, and only that node's process list shows it.
   */
  nodeConnection?(connection: DatabaseConnection, url: DatabaseUrl, node: string): Promise<DatabaseConnection | undefined>
}
