import { AsyncLocalStorage } from 'node:async_hooks'
import { formatDuration } from '../config/duration.js'
import type { RunTimeouts } from '../config/run-timeouts.js'
import { AthanorError, isAthanorError } from '../core/errors.js'
import { deliverPendingSignals } from '../core/pending-signals.js'
import { catchStrayFailures, describeThrown, lastRunningStep } from '../core/thrown.js'
import { MigrationFailedError } from '../core/error-classes.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { SessionTimeouts } from '../dialect/session-timeouts.js'

/** What stopped a step from outside its script. */
export type StopReason =
  | { readonly kind: 'signal'; readonly reason: unknown }
  | { readonly kind: 'step-timeout'; readonly ms: number }
  | { readonly kind: 'never-settled' }
  | { readonly kind: 'stray-failure'; readonly thrown: unknown }

/**
 * A step stopped from outside: by the run's AbortSignal (SIGINT, SIGTERM),
 * by stepTimeout, because its script awaits what nothing can settle, or
 * because a timer or unawaited promise threw outside the script's await.
 * `started` says whether any of the script had run. The runner undoes the
 * step (or journals where it stopped) and then reports it in one line.
 */
export class StepStopped extends Error {
  constructor(
    readonly stop: StopReason,
    readonly started: boolean,
  ) {
    super(`the step was stopped (${stop.kind})`)
  }
}

/** What bounds a live run: its AbortSignal and its time limits. */
export interface RunLimits extends RunTimeouts {
  readonly signal?: AbortSignal
}

/** How much JavaScript time may pass before a signal's stop is looked for again (see StepGuard's #stopIfAborted). */
const SIGNAL_TURN_MS = 10

/** The script running in this async context, and whether it was stopped: then its statements are refused. */
const runningScript = new AsyncLocalStorage<{ stopped: boolean }>()

/**
 * Whether the script this code runs for was stopped: its statement in
 * flight was being cancelled, so what it did must not be committed.
 *
 * @example
 * scriptStopped() // false outside a stopped script
 */
export function scriptStopped(): boolean {
  return runningScript.getStore()?.stopped === true
}

/**
 * Runs each migration's script so that it can be stopped: a signal, the
 * step timeout or an event loop drained while the script waits end the
 * wait at once; the statement in flight is cancelled on the server, and
 * whatever the abandoned script still tries to run is refused, while the
 * runner rolls the step back on the same connection.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const connection: DatabaseConnection
 * const guard = new StepGuard({ stepTimeoutMs: 300 }, connection, dialectNamed('postgresql').sessionTimeouts)
 * await guard.run(async () => op.execute('SELECT pg_sleep(30)'), true) // throws StepStopped after 300 ms
 */
export class StepGuard {
  readonly #limits: RunLimits
  readonly #connection: DatabaseConnection
  readonly #timeouts: SessionTimeouts

  constructor(limits: RunLimits, connection: DatabaseConnection, timeouts: SessionTimeouts) {
    this.#limits = limits
    this.#connection = connection
    this.#timeouts = timeouts
  }

  /**
   * The connection the scripts' statements go through: once a script's
   * step is stopped, every statement it (or a timer it left) still sends is
   * refused, so nothing of it lands after the ROLLBACK. The runner's own
   * statements run outside the script's async context and pass.
   */
  fence(connection: DatabaseConnection): DatabaseConnection {
    const refusal = () =>
      runningScript.getStore()?.stopped ? new Error('the migration was stopped; its statement was not sent') : undefined
    // One wrapper per method, made on first use: every statement of a run passes here.
    const wrapped = new Map<PropertyKey, unknown>()
    return new Proxy(connection, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown
        if (typeof value !== 'function') return value
        const known = wrapped.get(property)
        if (known !== undefined) return known
        const method = (value as (...args: unknown[]) => unknown).bind(target)
        const wrapper =
          property !== 'execute' && property !== 'query'
            ? method
            : (...args: unknown[]) => {
                // A refusal is a rejected promise, as an async wrapper's would be, without one more promise per statement.
                const refused = refusal()
                return refused === undefined ? method(...args) : Promise.reject(refused)
              }
        wrapped.set(property, wrapper)
        return wrapper
      },
    })
  }

  /**
   * Runs `script`, or throws {@link StepStopped} once something stops it.
   * With `checkAfter`, a signal that came while the script ran, or a run
   * past stepTimeout that no timer could cut short (a synchronous SQLite
   * statement), still stops the step after it, as it is not committed yet;
   * a journaled step, which cannot be undone, is left to finish its journal.
   * `script` is handed `stopped`, true once its step was stopped: the
   * operations it sends after that are refused (see guardTransactions).
   * On a synchronous connection that suffices for a transactional step, as
   * a stop lands only between the script's own awaits, so the script does
   * not run in the async context the fence reads: AsyncLocalStorage hooks
   * every promise of the process, 4% of a 1,000-step SQLite run's instructions.
   * `record`, a transactional step's record and COMMIT, runs after the
   * script, under the same stops (see #recordUnlessStopped).
   */
  async run(script: (stopped: () => boolean) => Promise<void>, checkAfter: boolean, record?: () => Promise<void>): Promise<void> {
    try {
      await this.#run(script, checkAfter, record)
    } catch (error) {
      // The step fails with the stray failure: it is reported once, as that step's.
      if (error instanceof StepStopped && error.stop.kind === 'stray-failure') this.#stray = undefined
      throw error
    }
  }

  /**
   * Runs a command's locked work with the failures that a script's timer or
   * unawaited promise throws outside its await handed to this guard (the
   * CLI hands them over; see handOverStrayFailure). Ending the process
   * there, as Node would, loses more than the migration that threw: on
   * SQLite, every migration since the last of the run's shared commits.
   * Instead, one that comes while a script runs stops its step, which fails
   * and rolls back as a throw inside its await would; one that comes
   * between steps stops the next step before it begins; one that comes
   * after the last fails the command once `work` is done, with everything
   * it did committed.
   */
  async watchStrayFailures<T>(work: () => Promise<T>): Promise<T> {
    const before = lastRunningStep()
    const release = catchStrayFailures((thrown) => {
      this.#stray ??= { thrown }
      this.#stopStep?.({ kind: 'stray-failure', thrown })
    })
    let result: T
    try {
      result = await work()
    } finally {
      release()
    }
    const stray = this.#stray
    if (stray === undefined) return result
    this.#stray = undefined
    const last = lastRunningStep()
    // No script of this run ran: what threw is no migration's (a config's timer), and is reported as it is.
    if (last === undefined || last === before) throw stray.thrown
    throw new MigrationFailedError(
      'a migration script failed outside its await (in a timer or a promise it did not await) once the run had committed ' +
        `its migrations, the last being ${last.direction} of revision ${last.revision} (${last.source}): ${describeThrown(stray.thrown)}`,
      { revision: last.revision, direction: last.direction, file: last.source },
      { cause: stray.thrown },
    )
  }

  /**
   * Throws {@link StepStopped} if the run's signal came since the step's
   * script ended: for what still runs between the script and the step's
   * COMMIT outside {@link run} (an isolated migration's check), so that the
   * stop rolls the step back rather than waiting for the next one.
   */
  async stopIfSignalled(): Promise<void> {
    await this.#stopIfAborted(true)
  }

  /** A failure thrown outside a script's await that no step has failed with yet. */
  #stray: { readonly thrown: unknown } | undefined

  /** Stops the step running now, if any. */
  #stopStep: ((reason: StopReason) => void) | undefined

  async #run(script: (stopped: () => boolean) => Promise<void>, checkAfter: boolean, record?: () => Promise<void>): Promise<void> {
    await this.#stopIfAborted(false)
    if (this.#stray !== undefined) throw new StepStopped({ kind: 'stray-failure', thrown: this.#stray.thrown }, false)
    const state = { stopped: false }
    const wasStopped = () => state.stopped
    let stop: (reason: StopReason) => void = () => {}
    const stopped = new Promise<never>((_, reject) => {
      stop = (reason) => reject(new StepStopped(reason, true))
    })
    const { signal, stepTimeoutMs } = this.#limits
    const onAbort = () => stop({ kind: 'signal', reason: signal?.reason })
    // The loop drained while the script waits: nothing is left that could settle it (see settleOrFail).
    const onDrained = () => stop({ kind: 'never-settled' })
    signal?.addEventListener('abort', onAbort, { once: true })
    process.once('beforeExit', onDrained)
    this.#stopStep = stop
    // Unref'd, so that a script that waits on nothing still drains the loop and is named at once.
    const timer =
      stepTimeoutMs === undefined ? undefined : setTimeout(() => stop({ kind: 'step-timeout', ms: stepTimeoutMs }), stepTimeoutMs)
    timer?.unref()
    const started = performance.now()
    const running =
      checkAfter && this.#connection.synchronous === true ? script(wasStopped) : runningScript.run(state, () => script(wasStopped))
    try {
      try {
        await Promise.race([running, stopped])
      } catch (error) {
        if (!(error instanceof StepStopped)) throw this.#explainTimeout(error)
        state.stopped = true
        running.catch(() => undefined)
        await this.#connection.cancel()
        throw error
      }
      if (checkAfter) {
        if (stepTimeoutMs !== undefined && performance.now() - started > stepTimeoutMs) {
          state.stopped = true
          throw new StepStopped({ kind: 'step-timeout', ms: stepTimeoutMs }, true)
        }
        await this.#stopIfAborted(true)
      }
      if (record !== undefined) await this.#recordUnlessStopped(record, stopped)
    } finally {
      this.#stopStep = undefined
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      process.off('beforeExit', onDrained)
    }
  }

  /**
   * The step's record and COMMIT, which may carry the answers to statements
   * the script sent ahead (see LiveExecutor.sendAhead): a stop meanwhile
   * cancels them as it cancels the script's. A COMMIT already past when the
   * stop came stands: the step is done, and the next one is stopped before
   * it starts.
   */
  async #recordUnlessStopped(record: () => Promise<void>, stopped: Promise<never>): Promise<void> {
    const recording = record()
    try {
      await Promise.race([recording, stopped])
    } catch (error) {
      if (!(error instanceof StepStopped)) throw this.#explainTimeout(error)
      await this.#connection.cancel()
      if (await recording.then(isDone, isNotDone)) return
      throw error
    }
  }

  /**
   * A signal that arrived while JavaScript was busy (better-sqlite3 runs a
   * statement synchronously) is only delivered on the event loop's next
   * turn: take that turn, then look. A turn polls the operating system; one
   * before and one after every step cost 2% of a 1,000-step SQLite run's
   * instructions and two system calls a step, so a turn is taken only once
   * JavaScript has run SIGNAL_TURN_MS since the last: a signal is seen
   * within that much of the step it came in (a longer step is stopped
   * itself, a shorter one may finish and the next is stopped), always at a
   * revision boundary.
   */
  async #stopIfAborted(started: boolean): Promise<void> {
    const { signal } = this.#limits
    if (signal === undefined) return
    if (performance.now() - this.#turnedAt >= SIGNAL_TURN_MS) {
      await deliverPendingSignals()
      this.#turnedAt = performance.now()
    }
    if (signal.aborted) throw new StepStopped({ kind: 'signal', reason: signal.reason }, started)
  }

  /** When #stopIfAborted last let the event loop turn. */
  #turnedAt = Number.NEGATIVE_INFINITY

  /** A statement the database stopped for running or waiting too long: say which limit, and how long it is. */
  #explainTimeout(error: unknown): unknown {
    for (let cause = error; typeof cause === 'object' && cause !== null; ) {
      // Already explained where it was met (the journal's write that waited as a BEGIN does): said once.
      if (isAthanorError(cause, 'DDL_LOCK_TIMEOUT') || isAthanorError(cause, 'STATEMENT_TIMEOUT')) return cause
      const exceeded = this.#timeouts.exceeded(cause)
      if (exceeded === 'statement') {
        const limit = this.#limits.statementTimeoutMs
        const what = limit === undefined ? "the database's statement timeout" : `statementTimeout (${formatDuration(limit)})`
        return new AthanorError('STATEMENT_TIMEOUT', `a statement ran longer than ${what} and was cancelled: ${describeThrown(error)}`, {
          cause: error,
        })
      }
      if (exceeded === 'lock') {
        const limit = this.#limits.ddlLockTimeoutMs
        const what = limit === undefined ? "the database's lock timeout" : `ddlLockTimeout (${formatDuration(limit)})`
        return new AthanorError(
          'DDL_LOCK_TIMEOUT',
          `a statement waited longer than ${what} for a lock another session holds: ${describeThrown(error)}`,
          { cause: error },
        )
      }
      cause = (cause as { cause?: unknown }).cause
    }
    return error
  }
}

const isDone = () => true
const isNotDone = () => false
