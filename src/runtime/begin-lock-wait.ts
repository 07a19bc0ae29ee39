import { formatDuration } from '../config/duration.js'
import { AthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { SessionTimeouts } from '../dialect/session-timeouts.js'
import { interruptedError } from '../core/interruption.js'
import type { AttemptWording, DdlLockRetry } from './ddl-lock-retry.js'
import { StepStopped } from './step-guard.js'

/**
 * A run's BEGIN that gave up waiting for a lock, as the DDL_LOCK_TIMEOUT a
 * statement's lock wait is; `undefined` for any other failure. SQLite's
 * BEGIN IMMEDIATE takes the database's write lock at once
 * (https://www.sqlite.org/lang_transaction.html), so while another
 * connection holds it (an application's write transaction) the BEGIN
 * itself waits out the busy timeout and fails with SQLITE_BUSY: the same
 * wait, bounded by the same ddlLockTimeout, and retried the same way.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * const busy = { code: 'SQLITE_BUSY', message: 'database is locked' }
 * beginLockTimeout(busy, dialectNamed('sqlite').sessionTimeouts, 2_000)?.code // 'DDL_LOCK_TIMEOUT'
 * beginLockTimeout(new Error('disk I/O error'), dialectNamed('sqlite').sessionTimeouts, 2_000) // undefined
 */
export function beginLockTimeout(
  error: unknown,
  session: SessionTimeouts,
  limitMs: number | undefined,
  transaction = "the migration's transaction",
  to = 'begin',
): AthanorError | undefined {
  if (session.exceeded(error) !== 'lock') return undefined
  const what = limitMs === undefined ? "the database's lock timeout" : `ddlLockTimeout (${formatDuration(limitMs)})`
  return new AthanorError(
    'DDL_LOCK_TIMEOUT',
    `${transaction} waited longer than ${what} to ${to}, for a lock another session holds: ${describeThrown(error)}`,
    { cause: error },
  )
}

/** What a transaction of a command that runs no migration needs to wait for its BEGIN as a run does. */
export interface BeginWait {
  readonly session: SessionTimeouts
  readonly retry: DdlLockRetry
  /** What waits, at the start of each retry's line and of the error: `stamp r2`. */
  readonly waiting: string
  /** Told once per retry, the line a run's retried migration writes. */
  readonly notify: (line: string) => void
  /** What began, in the error: `the transaction of <waiting>` unless told. */
  readonly what?: string
  /** What it waited to do, in the error: `begin` unless told (`record statement 2`). */
  readonly to?: string
  /**
   * Something already took effect before the write that waits (a journal
   * entry recording a statement that returned, the mark of a statement
   * after the first): what each retry's line says
   * of the attempt, and what an interruption leaves, in place of a BEGIN's
   * `rolled back attempt n of m` and `nothing changed`.
   */
  readonly after?: { readonly attempts: AttemptWording; readonly interrupted: string }
}

/**
 * Begins a transaction of a command that runs no migration (a stamp, a
 * resolve --applied) the way a run begins a migration's: a BEGIN that gave
 * up waiting for another session's lock (SQLite's write lock, held by an
 * application's write transaction) is tried again ddlLockRetries times,
 * then fails with DDL_LOCK_TIMEOUT naming what waited. Nothing ran before
 * the BEGIN, so trying it again repeats nothing.
 *
 * @example
 * import type { AttemptWording, DdlLockRetry } from './ddl-lock-retry.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const retry: DdlLockRetry
 * declare const begin: () => Promise<void>
 * const session = dialectNamed('sqlite').sessionTimeouts
 * await beginWaitingForLock(begin, { session, retry, waiting: 'stamp r2', notify: (line) => console.error(line) })
 */
export async function beginWaitingForLock(begin: () => Promise<void>, wait: BeginWait): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await begin()
      return
    } catch (error) {
      const what = wait.what ?? `the transaction of ${wait.waiting}`
      const timedOut = beginLockTimeout(error, wait.session, wait.retry.policy.timeoutMs, what, wait.to)
      if (timedOut === undefined) throw error
      const verdict = await wait.retry.after(timedOut, attempt, wait.waiting, wait.notify, wait.after?.attempts).catch((stop: unknown) => {
        if (!(stop instanceof StepStopped) || stop.stop.kind !== 'signal') throw stop
        throw interruptedError(
          stop.stop.reason,
          wait.after?.interrupted ?? `while ${wait.waiting} waited to try its BEGIN again; nothing changed`,
        )
      })
      if (verdict.again) continue
      throw verdict.error
    }
  }
}
