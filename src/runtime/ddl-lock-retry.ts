import { setTimeout as sleep } from 'node:timers/promises'
import { formatDuration } from '../config/duration.js'
import type { RunTimeouts } from '../config/run-timeouts.js'
import { SqlError } from '../core/error-classes.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { SessionTimeouts } from '../dialect/session-timeouts.js'
import { statementTarget } from '../dialect/statement-target.js'
import { StepStopped } from './step-guard.js'

/** Retries of a migration rolled back after its lock wait timed out, when the user sets none. */
export const DEFAULT_DDL_LOCK_RETRIES = 4
/** The wait before the first retry, when the user sets none; each next one doubles. */
export const DEFAULT_DDL_LOCK_RETRY_DELAY_MS = 1_000
/** No wait between two attempts is longer, however many retries are allowed. */
const MAX_RETRY_DELAY_MS = 60_000

/** How a run bounds its statements' lock waits, and what it does when one times out. */
export interface DdlLockPolicy {
  /** The session's lock timeout; absent: none. */
  readonly timeoutMs?: number
  /**
   * Who set it: the user (ddlLockTimeout), the session's own settings (the
   * role's, the database's), or athanor's default, which a step outside a
   * transaction runs without.
   */
  readonly source: 'option' | 'session' | 'default'
  readonly retries: number
  readonly retryDelayMs: number
}

/**
 * The run's lock-wait policy: the user's ddlLockTimeout; else a lock
 * timeout the session already has (set on the role, the database or the
 * server), left as it is; else the dialect's default (PostgreSQL's 2 s).
 * 0 from the user means none at all.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const connection: DatabaseConnection
 * await ddlLockPolicy({}, dialectNamed('postgresql').sessionTimeouts, connection)
 * // { timeoutMs: 2000, source: 'default', retries: 4, retryDelayMs: 1000 } where the session has no lock_timeout
 */
export async function ddlLockPolicy(
  timeouts: RunTimeouts,
  session: SessionTimeouts,
  connection: DatabaseConnection,
): Promise<DdlLockPolicy> {
  const retrying = {
    retries: timeouts.ddlLockRetries ?? DEFAULT_DDL_LOCK_RETRIES,
    retryDelayMs: timeouts.ddlLockRetryDelayMs ?? DEFAULT_DDL_LOCK_RETRY_DELAY_MS,
  }
  const runner = runnerLockTimeout(timeouts, session)
  if (runner.source !== 'default') return { ...runner, ...retrying }
  const own = (await session.sessionLockTimeoutMs?.(connection)) ?? 0
  return own > 0 ? { timeoutMs: own, source: 'session', ...retrying } : { ...runner, ...retrying }
}

/**
 * The lock timeout a run sets, as the options and the dialect decide it
 * before any session is read: the user's ddlLockTimeout (none for 0); else
 * the dialect's default, which a live run sets only where the session has
 * no lock timeout of its own (and an offline script sets under the same
 * condition); else none, the server's own setting stays.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * runnerLockTimeout({}, dialectNamed('postgresql').sessionTimeouts) // { source: 'default', timeoutMs: 2000 }
 * runnerLockTimeout({ ddlLockTimeoutMs: 0 }, dialectNamed('postgresql').sessionTimeouts) // { source: 'option' }
 * runnerLockTimeout({}, dialectNamed('mysql').sessionTimeouts) // { source: 'session' }
 */
export function runnerLockTimeout(timeouts: RunTimeouts, session: SessionTimeouts): RunnerLockTimeout {
  const given = timeouts.ddlLockTimeoutMs
  if (given !== undefined) return { ...(given === 0 ? {} : { timeoutMs: given }), source: 'option' }
  const fallback = session.defaultDdlLockTimeoutMs
  return fallback === undefined ? { source: 'session' } : { timeoutMs: fallback, source: 'default' }
}

/** See {@link runnerLockTimeout}. */
export type RunnerLockTimeout =
  | { readonly source: 'option'; readonly timeoutMs?: number }
  | { readonly source: 'default'; readonly timeoutMs: number }
  | { readonly source: 'session'; readonly timeoutMs?: undefined }

/**
 * Whether a migration runs with a lock timeout the runner set: the user's
 * always; the default only in a transaction (see {@link DdlLockRetry.outsideTransaction}).
 * What `athanor lint` counts on, and what the offline script writes.
 *
 * @example
 * runnerBounds({ source: 'default', timeoutMs: 2000 }, false) // false
 */
export function runnerBounds(runner: RunnerLockTimeout, transactional: boolean): boolean {
  return runner.timeoutMs !== undefined && (runner.source === 'option' || transactional)
}

/**
 * The wait before retry `retry` (from 1): exponential, and drawn at random
 * between half and all of it ("equal jitter"), so that runs that timed out
 * on the same lock do not all come back at the same moment.
 *
 * @example
 * retryDelayMs(1_000, 3, () => 1) // 4000
 * retryDelayMs(1_000, 3, () => 0) // 2000
 */
export function retryDelayMs(baseMs: number, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** (retry - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** What became of the failed attempts, as the retry's line and the final error say it. */
export interface AttemptWording {
  /** `rolled back attempt 1 of 5`. */
  readonly attempt: (attempt: number, attempts: number) => string
  /** After `gave up after 5 attempts (ddlLockRetries 4)`: `, each rolled back`. */
  readonly each: string
}

/** A migration run in a transaction: each failed attempt was rolled back. */
const ROLLED_BACK: AttemptWording = {
  attempt: (attempt, attempts) => `rolled back attempt ${attempt} of ${attempts}`,
  each: ', each rolled back',
}

/** What to do after a failed attempt: run it again, or fail with `error`. */
export type RetryVerdict = { readonly again: true } | { readonly again: false; readonly error: unknown }

/**
 * Retries a migration whose statement waited longer than the lock timeout:
 * the caller has rolled the attempt back, so nothing of it is in effect and
 * the lock it waited for was never granted; after a growing wait it runs
 * again, until the retries are spent. Only a migration in a transaction can
 * be rolled back like that; see {@link DdlLockRetry.outsideTransaction}.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const connection: DatabaseConnection
 * declare const error: unknown // attempt 1 of r02 failed and was rolled back
 * const timeouts = dialectNamed('postgresql').sessionTimeouts
 * const retry = new DdlLockRetry(await ddlLockPolicy({}, timeouts, connection), timeouts, connection)
 * const verdict = await retry.after(error, 1, 'r02', (line) => console.error(line)) // { again: true } on a lock timeout
 */
export class DdlLockRetry {
  readonly #policy: DdlLockPolicy
  readonly #session: SessionTimeouts
  readonly #connection: DatabaseConnection
  readonly #signal: AbortSignal | undefined

  constructor(policy: DdlLockPolicy, session: SessionTimeouts, connection: DatabaseConnection, signal?: AbortSignal) {
    this.#policy = policy
    this.#session = session
    this.#connection = connection
    this.#signal = signal
  }

  get policy(): DdlLockPolicy {
    return this.#policy
  }

  /**
   * After attempt `attempt` failed and was rolled back: on a lock timeout
   * with retries left, one line through `notify` naming the revision and
   * the lock, the wait, and `again`; else the error to fail with (saying how
   * many attempts were made, when there were several). A signal during the
   * wait throws {@link StepStopped}. `wording` says what became of the
   * attempts, when they were not rolled back.
   */
  async after(
    error: unknown,
    attempt: number,
    revision: string,
    notify: (line: string) => void,
    wording: AttemptWording = ROLLED_BACK,
  ): Promise<RetryVerdict> {
    if (!isLockTimeout(error, this.#session)) return { again: false, error }
    const attempts = this.#policy.retries + 1
    if (attempt >= attempts) return { again: false, error: attempt === 1 ? error : this.#exhausted(error, attempts, wording) }
    const delay = retryDelayMs(this.#policy.retryDelayMs, attempt)
    const limit = this.#policy.timeoutMs === undefined ? '' : ` ${formatDuration(this.#policy.timeoutMs)}`
    notify(
      `${revision}: waited${limit} for ${describeLock(error)}, held by another session; ` +
        `${wording.attempt(attempt, attempts)}, trying again in ${formatDuration(delay)}`,
    )
    try {
      await sleep(delay, undefined, this.#signal ? { signal: this.#signal } : {})
    } catch {
      throw new StepStopped({ kind: 'signal', reason: this.#signal?.reason }, true)
    }
    return { again: true }
  }

  /**
   * Runs a migration that no transaction covers (`transactional = false`)
   * without athanor's default lock timeout: a timeout there could not be
   * retried, as its earlier statements have committed, and would leave a
   * CREATE INDEX CONCURRENTLY, which waits for every older transaction,
   * behind as an INVALID index. Such a statement takes no lock that queues
   * the table's readers. A timeout the user set stays.
   */
  async outsideTransaction(work: () => Promise<void>): Promise<void> {
    const { timeoutMs, source } = this.#policy
    if (source !== 'default' || timeoutMs === undefined) return work()
    await this.#session.apply(this.#connection, { lockTimeoutMs: 0 })
    let done = false
    try {
      await work()
      done = true
    } finally {
      // After a failure the step's own error is the one to report.
      await this.#session.apply(this.#connection, { lockTimeoutMs: timeoutMs }).catch((error: unknown) => {
        if (done) throw error
      })
    }
  }

  #exhausted(error: unknown, attempts: number, wording: AttemptWording): AthanorError {
    return new AthanorError(
      'DDL_LOCK_TIMEOUT',
      `${describeThrown(error)}; gave up after ${attempts} attempts (ddlLockRetries ${this.#policy.retries})${wording.each}`,
      { cause: error },
    )
  }
}

/**
 * Whether `error`, or an error it wraps, is a wait for a lock another
 * session holds that timed out: the database's own (SQLite's SQLITE_BUSY,
 * PostgreSQL's lock_timeout) or athanor's DDL_LOCK_TIMEOUT naming one.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * const busy = { code: 'SQLITE_BUSY', message: 'database is locked' }
 * isLockTimeout(new Error('UPDATE failed', { cause: busy }), dialectNamed('sqlite').sessionTimeouts) // true
 */
export function isLockTimeout(error: unknown, session: SessionTimeouts): boolean {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    if (isAthanorError(cause) && cause.code === 'DDL_LOCK_TIMEOUT') return true
    if (session.exceeded(cause) === 'lock') return true
  }
  return false
}

/** The lock a failed statement waited for, as far as its text tells. */
function describeLock(error: unknown): string {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof SqlError) {
      const target = statementTarget(cause.sql)
      const statement = oneLine(cause.sql)
      return target === undefined ? `a lock (${statement})` : `a lock on ${target} (${statement})`
    }
  }
  return 'a lock'
}

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat
}
