import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import type { HistoryRow, HistoryStep } from './history-entry.js'
import { JOURNAL_START, type HistoryWriter, type JournalPoint } from './history-writer.js'
import { chainStatementHash } from './statement-hash.js'
import { scriptStopped } from './step-guard.js'

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
}

/**
 * The statement journal of one step that runs outside a transaction: every
 * statement the step sends is recorded in its `started` row as it completes
 * (its number, the running hash of the text so far, its text), so a runner
 * that dies leaves a row saying exactly which statements ran.
 *
 * Where DDL cannot be transactional (MySQL/MariaDB), each statement goes
 * with its journal entry inside START TRANSACTION … COMMIT, in one round
 * trip (see DatabaseConnection.executeBatch):
 * a DDL statement commits by itself and its entry right after it, on the
 * server, even when the runner is already gone; a DML statement commits
 * together with its entry, so the two cannot disagree. Elsewhere the steps
 * journaled are exactly those that must run outside a transaction block
 * (CREATE INDEX CONCURRENTLY, VACUUM), so the entry follows the statement.
 */
export class StepJournal {
  #point: JournalPoint = JOURNAL_START
  #inFlight: string | undefined
  #resumption: Resumption | undefined
  readonly #skip: number

  private constructor(
    private readonly connection: DatabaseConnection,
    private readonly dialect: Dialect,
    private readonly start: JournaledStart,
    resumption: Resumption | undefined,
  ) {
    this.#resumption = resumption
    this.#skip = resumption?.skipDone ? (resumption.row.statementsDone ?? 0) : 0
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
    if (!start.recorded && resumption === undefined) await connection.execute(start.history.startedStatement(start.entry, start.startedAt))
    return new StepJournal(connection, dialect, start, resumption)
  }

  /** The statements that completed, as the row records them. */
  get point(): JournalPoint {
    return this.#point
  }

  /** The statement sent and not answered, when the step fails in one. */
  get inFlight(): string | undefined {
    return this.#inFlight
  }

  /** Runs one of the step's statements and records it; skips it if it is one the resumed run already completed. */
  async execute(statement: Statement): Promise<void> {
    const next: JournalPoint = { done: this.#point.done + 1, hash: chainStatementHash(this.#point.hash, statement), last: statement.sql }
    if (next.done <= this.#skip) {
      this.#point = next
      if (next.done === this.#skip) this.#checkSkipped()
      return
    }
    await this.#takeOver()
    this.#inFlight = statement.sql
    await this.#runWithEntry(statement, this.start.history.journalStatement(this.start.entry, next))
    this.#inFlight = undefined
    this.#point = next
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
    await this.#together([
      history.resolveStatement(resumption.row.id, `${resumption.note}${skipped}`),
      history.startedStatement(entry, startedAt, point),
    ])
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

  async #runWithEntry(statement: Statement, entry: Statement): Promise<void> {
    const { capabilities, compiler } = this.dialect
    if (capabilities.transactionalDdl) {
      await this.connection.execute(statement)
      await this.connection.execute(entry)
      return
    }
    // A transactional = false script's own transaction, or a statement that
    // opens or ends one: wrapping it would commit the script's transaction
    // early. The entry then goes with the script's transaction instead.
    if (this.connection.inTransaction || this.dialect.transactionControl.find(statement.sql) !== undefined) {
      await this.connection.executeBatch([statement, entry])
      return
    }
    const { beginTransaction, commitTransaction } = compiler.traits
    try {
      await this.connection.executeBatch([{ sql: beginTransaction }, { sql: `SAVEPOINT ${JOURNAL_SAVEPOINT}` }, statement, entry])
    } catch (error) {
      // The batch stopped at the failing statement, maybe with its transaction open.
      await this.connection.rollback().catch(() => undefined)
      throw error
    }
    // A DDL statement committed implicitly, and its entry after it: both are in effect.
    if (!this.connection.inTransaction) return
    await this.#settleOpenTransaction(commitTransaction)
  }

  /**
   * A DML statement and its entry wait, uncommitted, in the journal's
   * transaction: a runner killed now leaves neither. They are committed
   * together unless the step was stopped meanwhile (a cancelled statement
   * that ended without an error, as MariaDB's SLEEP does, is then undone with
   * its entry) or the statement changed the session: a procedure that began
   * a transaction of its own (the savepoint is gone) or a PREPAREd
   * `SET autocommit = 0`. That transaction is the script's own when it
   * manages its transactions; otherwise it is left for the transaction guard
   * to roll back and report, and the journal stays before the statement.
   */
  async #settleOpenTransaction(commitTransaction: string): Promise<void> {
    if (scriptStopped()) {
      await this.connection.rollback().catch(() => undefined)
      throw new Error('the migration was stopped; its statement was cancelled and rolled back')
    }
    if ((await this.connection.transactionState()).autocommit) {
      try {
        await this.connection.executeBatch([{ sql: `RELEASE SAVEPOINT ${JOURNAL_SAVEPOINT}` }, { sql: commitTransaction }])
        return
      } catch (error) {
        // Not a missing savepoint but a failure of the commit itself.
        if (!(await this.connection.transactionState()).open) throw error
      }
    } else {
      // Only the journal's own transaction is undone (its entry with it), so the guard sees autocommit off and nothing else.
      await this.connection.execute({ sql: 'ROLLBACK' })
    }
    if (this.start.scriptOwnsTransactions) return
    throw new SessionChangedByStatement()
  }
}

/** The statement left the session in a transaction state the journal did not make; the guard reports it. */
export class SessionChangedByStatement extends Error {
  constructor() {
    super('the statement changed the transaction state of the session')
  }
}
