import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import type { HistoryRow, HistoryStep } from './history-entry.js'
import { clip, JOURNAL_START, type HistoryWriter, type JournalPoint } from './history-writer.js'
import { chainStatementHash } from './statement-hash.js'
import { scriptStopped } from './step-guard.js'
import { journalSessionChanged } from './transaction-guard.js'

/** Marks the start of the journal's own transaction, so that the journal can tell it from one a statement opened. */
const JOURNAL_SAVEPOINT = 'athanor_journal'

/**
 * A run that takes over an unresolved step's row (`resolve --retry` or
 * `--continue`): the row is marked resolved in the same transaction that
 * writes the new run's `started` row, and only once the new run is about to
 * change something, so a run that stops before that leaves the old row, and
 * the database, as they were.
 *
 * @example
 * declare const row: HistoryRow // the unfinished step, from the history table
 * const resumption: Resumption = { row, skipDone: true, note: 'continued by athanor resolve --continue' }
 */
export interface Resumption {
  readonly row: HistoryRow
  /** Skip the statements the row says completed (`--continue`), or run them all again (`--retry`). */
  readonly skipDone: boolean
  /**
   * The statement the row marks in flight (see HistoryWriter.inFlightStatement)
   * took effect, as the user checked (`--continue --from N+1`): skipped too.
   */
  readonly inFlightTookEffect?: boolean
  /** What the old row's note says about how it was settled. */
  readonly note: string
}

/**
 * What the journal of one step needs to know about it.
 *
 * @example
 * import type { HistoryStep } from './history-entry.js'
 * import type { HistoryWriter } from './history-writer.js'
 * declare const history: HistoryWriter
 * declare const entry: HistoryStep
 * const start: JournaledStart = { history, entry, startedAt: new Date(), source: 'migrations/versions/ae10_add.ts', recorded: false }
 */
export interface JournaledStart {
  readonly history: HistoryWriter
  readonly entry: HistoryStep
  readonly startedAt: Date
  /** The script file, for messages. */
  readonly source: string
  /** The previous step's closing transaction already wrote this step's `started` row. */
  readonly recorded: boolean
  /** The script exports `transactional = false`: a transaction one of its statements opens is its own. */
  readonly scriptOwnsTransactions?: boolean
  /**
   * Runs a journal write, waiting for a lock another session holds as the
   * run's BEGIN does (see beginWaitingForLock): on SQLite the write needs
   * the database's write lock, which an application's write transaction may
   * hold. Absent: the write runs once.
   */
  readonly lockWait?: JournalLockWait
}

/**
 * Which journal write waits: the step's start (its `started` row, or a
 * resumed run's take-over), before any statement of it is sent; the mark
 * of statement `statement` as running, before it is sent (those before it
 * took effect); the entry of statement `statement`, which returned (it
 * took effect whatever becomes of the wait); or the step's closing, its
 * version rows and finished row, once its statements 1-`statement` ran.
 *
 * @example
 * const write: JournalWrite = { kind: 'mark', statement: 3 } // statements 1-2 took effect, 3 is not sent yet
 */
export type JournalWrite = { readonly kind: 'start' } | { readonly kind: 'mark' | 'entry' | 'close'; readonly statement: number }

/** Runs `write`, a journal write, waiting out a lock another session holds and trying it again; `what` says which. */
export type JournalLockWait = (write: () => Promise<void>, what: JournalWrite) => Promise<void>

/**
 * The statement journal of one step that runs outside a transaction: every
 * statement the step sends is recorded in its `started` row as it completes
 * (its number, the running hash of the text so far, its text), so a runner
 * that dies leaves a row saying exactly which statements ran.
 *
 * Where DDL cannot be transactional (MySQL/MariaDB), each statement goes
 * with its journal entry inside START TRANSACTION, in one round trip (see
 * DatabaseConnection.executeBatch): a DDL statement commits by itself and
 * its entry right after it, on the server, even when the runner is already
 * gone; a DML statement commits together with its entry, in the next round
 * trip, so the two cannot disagree (see #settleOpenTransaction). Elsewhere the steps
 * journaled are exactly those that must run outside a transaction block
 * (CREATE INDEX CONCURRENTLY, VACUUM), so the entry follows the statement.
 */
export class StepJournal {
  #point: JournalPoint = JOURNAL_START
  #inFlight: string | undefined
  #waiting: Waiting | undefined
  #resumption: Resumption | undefined
  /** The row a `--retry` took over, kept after the take-over (see earlierPoint). */
  readonly #retried: HistoryRow | undefined
  readonly #skip: number

  private constructor(
    private readonly connection: DatabaseConnection,
    private readonly dialect: Dialect,
    private readonly start: JournaledStart,
    resumption: Resumption | undefined,
  ) {
    this.#resumption = resumption
    this.#retried = resumption?.skipDone === false ? resumption.row : undefined
    const tookEffect = resumption?.inFlightTookEffect === true ? 1 : 0
    this.#skip = resumption?.skipDone ? (resumption.row.statementsDone ?? 0) + tookEffect : 0
  }

  /**
   * Starts the journal of a step, writing its `started` row unless the
   * previous step did or the step takes over an unresolved row.
   */
  static async open(
    connection: DatabaseConnection,
    dialect: Dialect,
    start: JournaledStart,
    resumption: Resumption | undefined,
  ): Promise<StepJournal> {
    const journal = new StepJournal(connection, dialect, start, resumption)
    if (!start.recorded && resumption === undefined) {
      const started = start.history.startedStatement(start.entry, start.startedAt)
      await journal.#waitingForLock(() => connection.execute(started), { kind: 'start' })
    }
    return journal
  }

  /**
   * Runs a journal write under the start's lockWait, or once where there is
   * none (see JournalLockWait). Each write only records where the step
   * stands (a row, a mark, an entry), so writing it again repeats nothing:
   * a lock wait that timed out is waited out again, as the run's BEGIN's is.
   */
  #waitingForLock(write: () => Promise<void>, what: JournalWrite): Promise<void> {
    const { lockWait } = this.start
    return lockWait === undefined ? write() : lockWait(write, what)
  }

  /** The statements that completed, as the row records them. */
  get point(): JournalPoint {
    return this.#point
  }

  /**
   * Where the run this one retries had stopped, when that is further than
   * this one got and the script is the one that ran then: a retry failing
   * on what the earlier run's statements made must not record them undone,
   * or `--continue` would send them a third time.
   */
  get earlierPoint(): JournalPoint | undefined {
    const row = this.#retried
    if (row === undefined || row.statementsDone === null || row.statementsHash === null) return undefined
    if (row.statementsDone <= this.#point.done || row.checksum !== this.start.entry.checksum) return undefined
    return { done: row.statementsDone, hash: row.statementsHash, last: row.lastStatement }
  }

  /** A statement and its entry wait, uncommitted, for the COMMIT of the next round trip (see #settleOpenTransaction). */
  get waiting(): boolean {
    return this.#waiting !== undefined
  }

  /** Commits the waiting statement and its entry on their own, before anything else uses the connection. */
  async commitWaiting(): Promise<void> {
    if (this.#waiting === undefined) return
    await this.#send([...settling(this.#waiting), { sql: this.dialect.compiler.traits.commitTransaction }])
  }

  /**
   * Ends the step with `close`, which commits the step's own closing
   * statements: a waiting statement and its entry commit with them, in the
   * same transaction, `close` continuing it after `continuing` (the
   * savepoint's check, if the statement set one) instead of beginning one.
   * `close` must keep what it continued when its own statements fail. A
   * waiting statement whose entry was not sent yet (see #runWithEntry)
   * hands `close` that entry: `close` records `deferred.point` in the row
   * it closes, and runs `deferred.entry` in place of its own statements
   * when they fail, so the statement never commits without its entry.
   */
  async commitWith(close: (continuing: readonly Statement[] | undefined, deferred?: DeferredEntry) => Promise<void>): Promise<void> {
    const waiting = this.#waiting
    if (waiting === undefined) return close(undefined)
    this.#waiting = undefined
    try {
      await close(waiting.release, waiting.entry === undefined ? undefined : { point: waiting.point, entry: waiting.entry })
    } catch (error) {
      if (savepointGone(error)) throw await this.#waitingLost(waiting, error)
      this.#point = waiting.point
      throw error
    }
    this.#point = waiting.point
  }

  /** The statement sent and not answered, when the step fails in one. */
  get inFlight(): string | undefined {
    return this.#inFlight
  }

  /**
   * The step failed at the journal's write before its first statement: that
   * statement was never sent, and none before it ran, so nothing of the
   * step is in effect.
   */
  get nothingSent(): boolean {
    return (this.#unsent && this.#point.done === 0 && this.#waiting === undefined) || this.#notTakenOver
  }

  #unsent = false

  /**
   * The take-over of the unfinished row (see #takeOver) could not be
   * written: it rolled back, before any statement of this run was sent, so
   * the row still waits for `resolve` as it did.
   */
  get notTakenOver(): boolean {
    return this.#notTakenOver
  }

  #notTakenOver = false

  /**
   * The last statement returned, so it took effect, but its entry could not
   * be written (another session held the lock past every retry): the row
   * still marks it in flight, one statement behind the journal.
   */
  get unrecorded(): boolean {
    return this.#unrecorded
  }

  #unrecorded = false

  /** Whether the row marks the statement in flight (see HistoryWriter.inFlightStatement). */
  get inFlightMarked(): boolean {
    return this.#inFlight !== undefined && this.#inFlightMarked
  }

  #inFlightMarked = false

  /** Runs one of the step's statements and records it; skips it if it is one the resumed run already completed. */
  async execute(statement: Statement): Promise<void> {
    const from = this.#waiting?.point ?? this.#point
    const next: JournalPoint = { done: from.done + 1, hash: chainStatementHash(from.hash, statement), last: statement.sql }
    if (next.done <= this.#skip) {
      this.#point = next
      const journaled = this.#resumption?.row.statementsDone ?? 0
      if (next.done === journaled) this.#checkSkipped()
      if (next.done > journaled) this.#checkInFlight(statement)
      return
    }
    await this.#takeOver()
    this.#inFlight = statement.sql
    const outcome = await this.#runWithEntry(statement, next)
    this.#inFlight = undefined
    if (outcome === 'done') this.#point = next
    else this.#waiting = { statement, point: next, ...outcome }
  }

  /**
   * Runs `work`, which undoes all it did when it fails (a SQLite table
   * rebuild rolls back its own transaction, the table as it was): the
   * statements it sent count as in effect only once it succeeds. Failing, it
   * leaves the journal, and the row, where they stood before it, so the
   * report and `resolve --continue` start from the statement it began at.
   */
  async undoneOnFailure<T>(work: () => Promise<T>): Promise<T> {
    const before = this.#point
    try {
      return await work()
    } catch (error) {
      if (this.#waiting !== undefined || this.#point === before) throw error
      this.#point = before
      this.#inFlight = undefined
      this.#inFlightMarked = false
      // Best effort: a row that cannot be written now is one the step's failure cannot close either.
      await this.connection.execute(this.start.history.journalStatement(this.start.entry, before)).catch(() => undefined)
      throw error
    }
  }

  /** The script returned: a resumed run must have met every statement it skipped, and now owns the row. */
  async finishScript(): Promise<void> {
    if (this.#point.done < this.#skip) {
      throw this.#cannotContinue(
        `the script now runs ${this.#point.done} statement${this.#point.done === 1 ? '' : 's'} ` +
          `where the stopped run had completed ${this.#skip}`,
      )
    }
    await this.#takeOver()
  }

  /** The statement skipped as having taken effect must be the one the row marks in flight. */
  #checkInFlight(statement: Statement): void {
    const marked = this.#resumption?.row.statement
    if (marked !== null && marked !== undefined && clip(statement.sql) === marked) return
    throw this.#cannotContinue(
      `statement ${this.#skip} as the script runs it now is not the one that was running when the stopped run ended ` +
        '(the script, or what it reads, changed since)',
    )
  }

  #checkSkipped(): void {
    if (this.#point.hash === this.#resumption?.row.statementsHash) return
    throw this.#cannotContinue(
      `statements 1-${this.#skip} as the script runs them now are not those the stopped run completed ` +
        '(the script, or what it reads, changed since)',
    )
  }

  #cannotContinue(why: string): AthanorError {
    const { entry, source } = this.start
    return new AthanorError(
      'CANNOT_CONTINUE',
      `cannot continue the ${entry.direction} of revision ${entry.revision} (${source}): ${why}; ` +
        'nothing was run: restore the script as it ran, or settle the step with --retry, --applied or --rolled-back',
    )
  }

  /** Marks the resumed row settled and writes this run's `started` row where the journal stands, together. */
  async #takeOver(): Promise<void> {
    const resumption = this.#resumption
    if (resumption === undefined) return
    this.#resumption = undefined
    const { history, entry, startedAt } = this.start
    const point = this.#point
    const skipped = point.done === 0 ? '' : ` after statement ${point.done}`
    const takeOver = () =>
      this.#together([
        history.resolveStatement(resumption.row.id, `${resumption.note}${skipped}`),
        history.startedStatement(entry, startedAt, point),
      ])
    // Its BEGIN needs the write lock (SQLite) before any statement of this run: it waits, and is tried again, as the run's BEGIN is.
    try {
      await this.#waitingForLock(takeOver, { kind: 'start' })
    } catch (error) {
      this.#notTakenOver = true
      throw error
    }
  }

  async #together(statements: readonly Statement[]): Promise<void> {
    await this.connection.begin()
    try {
      for (const statement of statements) await this.connection.execute(statement)
      await this.connection.commit()
    } catch (error) {
      await this.connection.rollback().catch(() => undefined)
      throw error
    }
  }

  async #runWithEntry(statement: Statement, next: JournalPoint): Promise<'done' | Pick<Waiting, 'release' | 'entry'>> {
    const { capabilities, compiler, transactionControl } = this.dialect
    const entry = this.start.history.journalStatement(this.start.entry, next)
    // Where no transaction holds the statement with its entry, the row marks it first (see HistoryWriter.inFlightStatement).
    const inFlightMark = () => this.start.history.inFlightStatement(this.start.entry, statement.sql)
    this.#inFlightMarked = true
    if (capabilities.transactionalDdl) {
      try {
        const mark = inFlightMark()
        await this.#waitingForLock(() => this.connection.execute(mark), { kind: 'mark', statement: next.done })
      } catch (error) {
        // The mark did not get written, so the statement was never sent: it is not in flight, whatever the row says.
        this.#inFlight = undefined
        this.#inFlightMarked = false
        this.#unsent = true
        throw error
      }
      await this.connection.execute(statement)
      await this.#recordReturned(entry, next)
      return 'done'
    }
    // The statement before, if it waits: its savepoint checked and its
    // COMMIT sent ahead of this one, in the same round trip.
    const { beginTransaction, commitTransaction } = compiler.traits
    const before = this.#waiting === undefined ? [] : [...settling(this.#waiting), { sql: commitTransaction }]
    // A transactional = false script's own transaction, or a statement that
    // opens or ends one: wrapping it would commit the script's transaction
    // early. The entry then goes with the script's transaction instead.
    const scriptsTransaction = this.connection.inTransaction && this.#waiting === undefined
    if (scriptsTransaction || transactionControl.find(statement.sql) !== undefined) {
      await this.#send([...before, inFlightMark(), statement, entry])
      return 'done'
    }
    // A statement that commits the open transaction before it runs (DDL)
    // would end the journal's unused: it goes in autocommit, as it would
    // run after that commit anyway, and its entry commits right after it.
    // The savepoint shows a transaction begun by the statement itself, which
    // only a statement that may begin one needs (see #settleOpenTransaction).
    const commitsFirst = transactionControl.commitsFirst?.(statement.sql) === true
    // Only a statement that commits by itself is marked; the others go in the journal's transaction with their entry.
    this.#inFlightMarked = commitsFirst
    const mayBegin = this.start.scriptOwnsTransactions === true || transactionControl.mayBegin?.(statement.sql) !== false
    const marked = !commitsFirst && mayBegin
    // Committed before the DDL runs: a session killed between it and its entry leaves the row saying so.
    const opening = commitsFirst
      ? [inFlightMark()]
      : [{ sql: beginTransaction }, ...(marked ? [{ sql: `SAVEPOINT ${JOURNAL_SAVEPOINT}` }] : [])]
    // A statement that can neither commit nor begin a transaction (a plain
    // INSERT or UPDATE) leaves the journal's open: its entry, which would
    // commit only with it, travels with that COMMIT instead, one UPDATE
    // fewer when the step's closing row records it (see commitWith).
    const deferred = !commitsFirst && !marked
    try {
      await this.#send([...before, ...opening, statement, ...(deferred ? [] : [entry])])
    } catch (error) {
      // The batch stopped at the failing statement, maybe with its transaction open.
      await this.connection.rollback().catch(() => undefined)
      throw error
    }
    if (!this.connection.inTransaction) {
      // A DDL statement committed implicitly, and its entry after it: both are in effect.
      if (!deferred) return 'done'
      // Not expected of such a statement, but it took effect: its entry follows at once.
      await this.connection.execute(entry)
      return 'done'
    }
    const release = marked ? [{ sql: `RELEASE SAVEPOINT ${JOURNAL_SAVEPOINT}` }] : []
    if ((await this.#settleOpenTransaction(commitTransaction)) === 'done') return 'done'
    return deferred ? { release, entry } : { release }
  }

  /**
   * Writes the entry of a statement that returned, waiting out a lock
   * another session holds and trying again, as the journal's other writes
   * do. One that still cannot be written
   * leaves the row marking the statement in flight, but the journal knows
   * it took effect (see unrecorded).
   */
  async #recordReturned(entry: Statement, next: JournalPoint): Promise<void> {
    try {
      await this.#waitingForLock(() => this.connection.execute(entry), { kind: 'entry', statement: next.done })
    } catch (error) {
      this.#point = next
      this.#inFlight = undefined
      this.#inFlightMarked = false
      this.#unrecorded = true
      throw error
    }
  }

  /**
   * Sends a batch that may begin with the waiting statement's savepoint
   * check and COMMIT: unless that check failed, the batch committed it
   * before anything after it could fail.
   */
  async #send(batch: readonly Statement[]): Promise<void> {
    const waiting = this.#waiting
    try {
      await this.connection.executeBatch(batch)
    } catch (error) {
      if (waiting !== undefined && savepointGone(error)) throw await this.#waitingLost(waiting, error)
      this.#settleWaiting(waiting)
      throw error
    }
    this.#settleWaiting(waiting)
  }

  #settleWaiting(waiting: Waiting | undefined): void {
    if (waiting === undefined) return
    this.#waiting = undefined
    this.#point = waiting.point
  }

  /**
   * The waiting statement removed the journal's savepoint: it began a
   * transaction of its own (a procedure's START TRANSACTION), which holds
   * its entry. That transaction is rolled back and the step fails at that
   * statement, as the transaction guard reports a statement it sees change
   * the session; a savepoint gone with no transaction open (a procedure's
   * COMMIT) is the commit's own failure, as before.
   */
  async #waitingLost(waiting: Waiting, error: unknown): Promise<unknown> {
    this.#waiting = undefined
    this.#inFlight = waiting.statement.sql
    const state = await this.connection.transactionState()
    if (!state.open && state.autocommit) return error
    await this.connection.rollback()
    return journalSessionChanged(waiting.statement.sql, state, error)
  }

  /**
   * A DML statement and its entry wait, uncommitted, in the journal's
   * transaction: a runner killed now leaves neither. They wait for the
   * COMMIT of the next round trip (the next statement's, or the step's
   * closing one, which records the version row with them: a commit per
   * statement would cost a log flush each), unless the step was stopped
   * meanwhile (a cancelled statement that ended without an error, as
   * MariaDB's SLEEP does, is then undone with its entry) or the statement
   * changed the session: a PREPAREd `SET autocommit = 0`, seen in the
   * reply's flags, or a procedure that began a transaction of its own, seen
   * when the savepoint is released with that COMMIT (a statement that can
   * begin none, a plain INSERT or UPDATE, sets no savepoint). That
   * transaction is the script's own when it manages its transactions, so
   * its statements are settled at once; otherwise it is rolled back and
   * reported, and the journal stays before the statement.
   */
  async #settleOpenTransaction(commitTransaction: string): Promise<'done' | 'waiting'> {
    if (scriptStopped()) {
      await this.connection.rollback().catch(() => undefined)
      throw new Error('the migration was stopped; its statement was cancelled and rolled back')
    }
    if (!(await this.connection.transactionState()).autocommit) {
      // Only the journal's own transaction is undone (its entry with it), so the guard sees autocommit off and nothing else.
      await this.connection.execute({ sql: 'ROLLBACK' })
      if (this.start.scriptOwnsTransactions) return 'done'
      throw new SessionChangedByStatement()
    }
    if (!this.start.scriptOwnsTransactions) return 'waiting'
    try {
      await this.connection.executeBatch([{ sql: `RELEASE SAVEPOINT ${JOURNAL_SAVEPOINT}` }, { sql: commitTransaction }])
    } catch (error) {
      // Not a missing savepoint but a failure of the commit itself.
      if (!(await this.connection.transactionState()).open) throw error
    }
    return 'done'
  }
}

/** A statement and its journal entry, uncommitted in the journal's transaction, and where the journal stands once they commit. */
interface Waiting {
  readonly statement: Statement
  readonly point: JournalPoint
  /** What shows, before the COMMIT, that no transaction of the statement's own replaced the journal's: its savepoint's release, if any. */
  readonly release: readonly Statement[]
  /** The statement's journal entry, when it was not sent with it: it goes before the COMMIT that commits the statement. */
  readonly entry?: Statement
}

/**
 * A waiting statement's entry not yet sent, handed to the step's closing
 * (see StepJournal.commitWith): where the journal stands once it commits,
 * and the entry that records it.
 *
 * @example
 * declare const deferred: DeferredEntry
 * deferred.point.done // the statements completed, the waiting one included
 */
export interface DeferredEntry {
  readonly point: JournalPoint
  readonly entry: Statement
}

/** What commits a waiting statement before its COMMIT: the savepoint's check, then its entry if that still waits. */
function settling(waiting: Waiting): readonly Statement[] {
  return waiting.entry === undefined ? waiting.release : [...waiting.release, waiting.entry]
}

/** The server's refusal to release the journal's savepoint (MySQL/MariaDB: "SAVEPOINT athanor_journal does not exist"), however wrapped. */
function savepointGone(error: unknown): boolean {
  for (let cause = error; typeof cause === 'object' && cause !== null; cause = (cause as { cause?: unknown }).cause) {
    const message = (cause as { message?: unknown }).message
    if (typeof message === 'string' && message.includes(`SAVEPOINT ${JOURNAL_SAVEPOINT} does not exist`)) return true
  }
  return false
}

/** The statement left the session in a transaction state the journal did not make; the guard reports it. */
export class SessionChangedByStatement extends Error {
  constructor() {
    super('the statement changed the transaction state of the session')
  }
}
