import { setTimeout as sleep } from 'node:timers/promises'
import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
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
  if (dialect.sessions === null) return null
  const [row] = await connection.query(dialect.sessions.currentIdSql)
  return row?.['id'] === undefined || row['id'] === null ? null : String(row['id'])
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
): Promise<{ kind: 'gone' | 'idle' } | { kind: 'running'; statement: string }> {
  const id = row.connectionId
  // The id is read back from a table anyone may write: only digits are inlined.
  if (dialect.sessions === null || id === null || !/^\d{1,20}$/.test(id)) return { kind: 'gone' }
  const [session] = await connection.query(dialect.sessions.sessionSql(id))
  if (session === undefined) return { kind: 'gone' }
  const running = session['running'] === true || Number(session['running']) === 1
  return running ? { kind: 'running', statement: String(session['statement'] ?? '') } : { kind: 'idle' }
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
  options: { readonly scope: string; readonly timeoutMs: number; readonly onWait?: (message: string) => void },
): Promise<boolean> {
  const sessions = dialect.sessions
  if (sessions === null) return false
  const deadline = performance.now() + options.timeoutMs
  let waited = false
  for (const row of rows.filter((entry) => UNRESOLVED_STATUSES.includes(entry.status))) {
    for (;;) {
      const state = await runnerSession(connection, dialect, row)
      if (state.kind !== 'running') break
      const id = row.connectionId!
      if (performance.now() >= deadline) {
        throw new AthanorError(
          'RUNNER_STILL_RUNNING',
          `the runner that stopped during the ${row.direction} of revision ${row.revision} left a statement running on ` +
            `${options.scope} (session ${id}) for longer than the ${Math.round(options.timeoutMs / 1000)} s wait: ` +
            `${oneLine(state.statement)}; let it finish, or end it (${sessions.endSessionSql(id)}), then run the command again`,
        )
      }
      if (!waited) {
        options.onWait?.(
          `waiting for session ${id} of the runner that stopped during revision ${row.revision} ` +
            `to finish its statement on ${options.scope}`,
        )
      }
      waited = true
      await sleep(POLL_MS)
    }
  }
  return waited
}

function oneLine(sql: string): string {
  const shown = sql.replace(/\s+/g, ' ').trim()
  return shown.length > 200 ? `${shown.slice(0, 197)}...` : shown
}
