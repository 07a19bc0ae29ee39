import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import { JOURNAL_START, type JournalPoint } from './history-writer.js'
import { type DeferredEntry, type JournaledStart, type Resumption, StepJournal } from './step-journal.js'

/**
 * The statements of the current step that runs outside a transaction, as
 * seen by {@link logStatements}: what was tried (for failure reports) and,
 * once the step's journal is open, what completed.
 */
export interface StatementLog {
  /** Statements tried since the step began, reads included, skipped ones too (the last may have failed). */
  readonly count: number
  readonly last: string | undefined
  /** Whether the last statement ended in an error (a cancelled one did); false while it runs. */
  readonly lastFailed: boolean
  /** The step's journal: the statements that completed. */
  readonly point: JournalPoint
  /** The statement sent and not answered, when the step fails in one. */
  readonly inFlight: string | undefined
  /** Whether the row marks that statement in flight: nothing holds it with its entry, so it may have taken effect. */
  readonly inFlightMarked: boolean
  /** The last statement took effect but the row still marks it in flight: its entry could not be written (see StepJournal.unrecorded). */
  readonly unrecorded: boolean
  /** A statement and its entry wait, uncommitted, for the COMMIT of the next round trip (see StepJournal.waiting). */
  readonly waiting: boolean
  /** The step failed at the journal's write before its first statement, which was never sent (see StepJournal.nothingSent). */
  readonly nothingSent: boolean
  /** A resumed run's take-over of the unfinished row rolled back: that row waits for `resolve` as before (see StepJournal.notTakenOver). */
  readonly notTakenOver: boolean
  /** Where the run a `--retry` took over had stopped, when further than this one got (see StepJournal.earlierPoint). */
  readonly earlierPoint: JournalPoint | undefined
  /** Runs a unit that undoes itself when it fails: its statements count only once it succeeds (see StepJournal.undoneOnFailure). */
  undoneOnFailure<T>(work: () => Promise<T>): Promise<T>
  /** Begins a step: its statements from now on are journaled (see StepJournal). */
  startStep(start: JournaledStart): Promise<void>
  /** The step's script returned: the journal checks a resumed run and closes. */
  finishScript(): Promise<void>
  /** Stops journaling, whatever happened; what the journal said is gone with it. */
  endStep(): void
  /** Resolves once the statement last sent, and the journal's work after it, are over: only then does the log say what took effect. */
  settled(): Promise<void>
  /** Commits a statement that waits for its COMMIT (see StepJournal.waiting) on its own: a step that failed or stopped keeps it. */
  commitWaiting(): Promise<void>
  /** Ends the step with `close` (see StepJournal.commitWith): a statement still waiting commits with the step's closing statements. */
  commitWith(close: (continuing: readonly Statement[] | undefined, deferred?: DeferredEntry) => Promise<void>): Promise<void>
}

/**
 * Wraps a connection so that the statements of a step that cannot roll
 * back are journaled as they complete, and remembered for the report when
 * the step fails: which statement broke and how many before it took
 * effect. A proxy rather than a class, so the wrapper keeps every method
 * the connection has. `resumption` makes the first step journaled take over
 * an unresolved row (`athanor resolve --retry` / `--continue`).
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const connection: DatabaseConnection
 * const { connection: logged, log } = logStatements(connection, dialectNamed(connection.dialect))
 * await logged.execute({ sql: 'CREATE TABLE t (a INT)' })
 * log.count // 1
 * log.last // 'CREATE TABLE t (a INT)'
 */
export function logStatements(
  inner: DatabaseConnection,
  dialect: Dialect,
  resumption?: Resumption,
): { connection: DatabaseConnection; log: StatementLog } {
  const state = { count: 0, last: undefined as string | undefined, lastFailed: false }
  let current: Promise<unknown> = Promise.resolve()
  // The step's journal; `sending` while the script's statements go through it, not the step's closing ones.
  let journal: StepJournal | undefined
  let sending: StepJournal | undefined
  let pending = resumption
  const log: StatementLog = {
    get count() {
      return state.count
    },
    get last() {
      return state.last
    },
    get lastFailed() {
      return state.lastFailed
    },
    get point() {
      return journal?.point ?? JOURNAL_START
    },
    get inFlightMarked() {
      return journal?.inFlightMarked === true
    },
    get inFlight() {
      return journal?.inFlight
    },
    get earlierPoint() {
      return journal?.earlierPoint
    },
    get unrecorded() {
      return journal?.unrecorded === true
    },
    get notTakenOver() {
      return journal?.notTakenOver === true
    },
    get waiting() {
      return journal?.waiting === true
    },
    get nothingSent() {
      return journal?.nothingSent === true
    },
    async startStep(start) {
      state.count = 0
      state.last = undefined
      state.lastFailed = false
      const taken = pending
      pending = undefined
      journal = await StepJournal.open(inner, dialect, start, taken)
      sending = journal
    },
    async finishScript() {
      await journal?.finishScript()
    },
    endStep() {
      journal = undefined
      sending = undefined
    },
    undoneOnFailure(work) {
      return sending === undefined ? work() : sending.undoneOnFailure(work)
    },
    async settled() {
      await current.catch(() => undefined)
    },
    async commitWaiting() {
      await journal?.commitWaiting()
    },
    async commitWith(close) {
      sending = undefined
      await (journal === undefined ? close(undefined) : journal.commitWith(close))
    },
  }
  // While a statement waits for its COMMIT, the session is as it will be
  // once that is sent: anything else that uses the connection sends it first.
  const waiting = () => log.waiting
  const unaffected = new Set<PropertyKey>(['cancel', 'close'])
  const note = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    state.count++
    state.last = sql
    state.lastFailed = false
    const index = state.count
    const running = run().catch((error: unknown) => {
      if (state.count === index) state.lastFailed = true
      throw error
    })
    current = running
    return running
  }
  // Made once: the runner reaches for these several times in every step.
  const execute = (statement: Statement) => {
    // Not one of the step's statements (see Statement.housekeeping): around the journal, after what waits for its COMMIT.
    if (statement.housekeeping === true) return log.commitWaiting().then(() => inner.execute(statement))
    return note(statement.sql, () => (sending ? sending.execute(statement) : inner.execute(statement)))
  }
  // Reads are not journaled: a resumed run reads again what it reads.
  const query = (sql: string, params?: Parameters<DatabaseConnection['query']>[1]) =>
    note(sql, async () => {
      await log.commitWaiting()
      return inner.query(sql, params)
    })
  const transactionState = () => (waiting() ? Promise.resolve({ open: false, autocommit: true }) : inner.transactionState())
  const connection = new Proxy(inner, {
    get(target, property) {
      if (property === 'execute') return execute
      if (property === 'query') return query
      if (property === 'inTransaction' && waiting()) return false
      if (property === 'transactionState') return transactionState
      const value = Reflect.get(target, property, target) as unknown
      if (typeof value !== 'function') return value
      const method = (value as (...args: unknown[]) => unknown).bind(target)
      if (unaffected.has(property)) return method
      return (...args: unknown[]) => (waiting() ? log.commitWaiting().then(() => method(...args)) : method(...args))
    },
  })
  return { connection, log }
}
