import { setTimeout as sleep } from 'node:timers/promises'
import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { ServerSessions } from '../dialect/server-sessions.js'
import { UNRESOLVED_STATUSES, type HistoryRow } from './history-entry.js'

/** How often a wait for a stopped runner's statement looks again. */
const POLL_MS = 100

/**
 * This connection's session id on the server (recorded with each journaled
 * step), or null where the dialect has no server sessions.
 *
 * @example
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * const id = await currentSessionId(db.connection, db.dialect) // '42' on MariaDB, null on SQLite
 */
export async function currentSessionId(connection: DatabaseConnection, dialect: Dialect): Promise<string | null> {
  const sessions = dialect.sessions
  if (sessions === null) return null
  const { id, node } = sessions.currentSession ? await sessions.currentSession(connection) : await separately(connection, sessions)
  if (id === undefined || id === null) return null
  // The history column holds 32 characters: a session id has at most 20 digits.
  return node === undefined ? String(id) : `${String(id)}@${node.slice(0, 11)}`
}

/** The session id and node name, one question each. */
async function separately(connection: DatabaseConnection, sessions: ServerSessions): Promise<{ id: unknown; node?: string | undefined }> {
  const [row] = await connection.query(sessions.currentIdSql)
  if (row?.['id'] === undefined || row['id'] === null) return { id: undefined }
  return { id: row['id'], node: await sessions.nodeName?.(connection) }
}

/** A recorded session id: the server's own, and the cluster node it is on (`42@node1`), if any. */
function parseSessionId(recorded: string | null): { id: string; node?: string } | undefined {
  // The id is read back from a table anyone may write: only digits are ever inlined.
  const match = /^(\d{1,20})(?:@(.+))?$/.exec(recorded ?? '')
  if (match === null) return undefined
  return match[2] === undefined ? { id: match[1]! } : { id: match[1]!, node: match[2] }
}

/** How a session id is named in messages: `42`, or `42 on node1`. */
function showSession(session: { id: string; node?: string }): string {
  return session.node === undefined ? session.id : `${session.id} on ${session.node}`
}

/**
 * What the server says about the session of an unfinished step's runner:
 * gone, idle, or still running a statement (its text).
 *
 * @example
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * const state = await runnerSession(db.connection, db.dialect, db.history.at(-1)!)
 * if (state.kind === 'running') console.log(`still running: ${state.statement}`)
 */
export async function runnerSession(
  connection: DatabaseConnection,
  dialect: Dialect,
  row: HistoryRow,
): Promise<{ kind: 'gone' | 'idle' } | { kind: 'running'; statement: string } | { kind: 'elsewhere'; node: string }> {
  const sessions = dialect.sessions
  const recorded = parseSessionId(row.connectionId)
  if (sessions === null || recorded === undefined) return { kind: 'gone' }
  if (recorded.node !== undefined && (await sessions.nodeName?.(connection))?.slice(0, 11) !== recorded.node) {
    return { kind: 'elsewhere', node: recorded.node }
  }
  const [session] = await connection.query(sessions.sessionSql(recorded.id))
  if (session === undefined) return { kind: 'gone' }
  const running = session['running'] === true || Number(session['running']) === 1
  return running ? { kind: 'running', statement: String(session['statement'] ?? '') } : { kind: 'idle' }
}

/**
 * Whether an unfinished step's runner may still be at work: its session is
 * on the server; for a runner on another cluster node, which this node
 * cannot see, whether a statement it left is being applied here.
 *
 * @example
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * const alive = await runnerMayBeAlive(db.connection, db.dialect, db.history.at(-1)!)
 */
export async function runnerMayBeAlive(connection: DatabaseConnection, dialect: Dialect, row: HistoryRow): Promise<boolean> {
  const state = await runnerSession(connection, dialect, row)
  if (state.kind === 'elsewhere') return (await replicatedStatement(connection, dialect)) !== undefined
  return state.kind !== 'gone'
}

/**
 * A statement this cluster node applies for another node in this database,
 * if any: the DDL of a runner that died on another node, which every node
 * runs in the cluster's total order.
 */
async function replicatedStatement(connection: DatabaseConnection, dialect: Dialect): Promise<string | undefined> {
  const sql = dialect.sessions?.replicatedSql
  if (sql === undefined) return undefined
  const [row] = await connection.query(sql)
  return row === undefined ? undefined : String(row['statement'] ?? '')
}

/**
 * Waits, up to `timeoutMs`, until no unfinished step's runner has a
 * statement left on the server. A runner killed mid-statement leaves it
 * running there (and MariaDB runs the rest of its batch, the journal entry
 * included), so the journal is final only once that statement has left.
 * Returns whether it waited: then the history must be read again.
 *
 * @example
 * import type { LockedDatabase } from './locked-run.js'
 * declare const db: LockedDatabase
 * const waited = await awaitStoppedRunners(db.connection, db.dialect, db.history, { scope: db.scope, timeoutMs: 60_000 })
 */
export async function awaitStoppedRunners(
  connection: DatabaseConnection,
  dialect: Dialect,
  rows: readonly HistoryRow[],
  options: {
    readonly scope: string
    readonly timeoutMs: number
    readonly onWait?: (message: string) => void
    /** How this connection reached the server: with it, a runner's own node is asked too (see ServerSessions.nodeConnection). */
    readonly url?: DatabaseUrl
  },
): Promise<boolean> {
  const sessions = dialect.sessions
  if (sessions === null) return false
  const deadline = performance.now() + options.timeoutMs
  const nodes = new OtherNodes(connection, sessions, options.url)
  let waited = false
  try {
    for (const row of rows.filter((entry) => UNRESOLVED_STATUSES.includes(entry.status))) {
      if (await awaitRunner(connection, dialect, row, nodes, deadline, { ...options, announce: !waited })) waited = true
    }
  } finally {
    await nodes.close()
  }
  return waited
}

/** Waits for one unfinished step's runner, as {@link awaitStoppedRunners}; whether it waited. */
async function awaitRunner(
  connection: DatabaseConnection,
  dialect: Dialect,
  row: HistoryRow,
  nodes: OtherNodes,
  deadline: number,
  options: { readonly scope: string; readonly timeoutMs: number; readonly onWait?: (message: string) => void; readonly announce: boolean },
): Promise<boolean> {
  const sessions = dialect.sessions!
  let waited = false
  for (;;) {
    const state = await runnerSession(connection, dialect, row)
    // A runner on another cluster node: its process list is that node's,
    // but the DDL it left running is applied here too, in the same order;
    // and its node may still run a DDL statement this node has finished,
    // with its journal entry to follow.
    const statement =
      state.kind === 'running'
        ? state.statement
        : state.kind === 'elsewhere'
          ? ((await nodes.runningStatement(state.node, parseSessionId(row.connectionId)!.id)) ??
            (await replicatedStatement(connection, dialect)))
          : undefined
    if (statement === undefined) return waited
    const session = parseSessionId(row.connectionId)!
    if (performance.now() >= deadline) {
      const node = session.node === undefined ? '' : ` (node ${session.node})`
      throw new AthanorError(
        'RUNNER_STILL_RUNNING',
        `the runner that stopped during the ${row.direction} of revision ${row.revision} left a statement running on ` +
          `${options.scope} (session ${showSession(session)}) for longer than the ${Math.round(options.timeoutMs / 1000)} s wait: ` +
          `${oneLine(statement)}; let it finish, or end it (${sessions.endSessionSql(session.id)}${node}), then run the command again`,
      )
    }
    if (!waited && options.announce) {
      options.onWait?.(
        `waiting for session ${showSession(session)} of the runner that stopped during revision ${row.revision} ` +
          `to finish its statement on ${options.scope}`,
      )
    }
    waited = true
    await sleep(POLL_MS)
  }
}

/** Connections to the other nodes of a cluster, opened when a runner's session is first looked for there, closed together. */
class OtherNodes {
  readonly #open = new Map<string, Promise<DatabaseConnection | undefined>>()

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly sessions: ServerSessions,
    private readonly url: DatabaseUrl | undefined,
  ) {}

  /** The statement session `id` runs on `node`; `undefined` when it runs none, or the node cannot be reached. */
  async runningStatement(node: string, id: string): Promise<string | undefined> {
    const { url, sessions } = this
    if (url === undefined || sessions.nodeConnection === undefined) return undefined
    let opening = this.#open.get(node)
    if (opening === undefined) {
      opening = sessions.nodeConnection(this.connection, url, node).catch(() => undefined)
      this.#open.set(node, opening)
    }
    const other = await opening
    if (other === undefined) return undefined
    // A node that stops answering counts as one that cannot be reached, as when it never answered.
    const [session] = await other.query(sessions.sessionSql(id)).catch(() => [])
    const running = session !== undefined && (session['running'] === true || Number(session['running']) === 1)
    return running ? String(session['statement'] ?? '') : undefined
  }

  async close(): Promise<void> {
    const all = await Promise.all(this.#open.values())
    await Promise.all(all.map((other) => other?.close().catch(() => undefined)))
  }
}

function oneLine(sql: string): string {
  const shown = sql.replace(/\s+/g, ' ').trim()
  return shown.length > 200 ? `${shown.slice(0, 197)}...` : shown
}
