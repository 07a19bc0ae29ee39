import { SqlError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import type { TransactionState } from '../dialect/driver.js'
import type { Operation, RowValue } from '../ops/operation.js'
import type { OperationSink, Row } from '../ops/operation-sink.js'
import type { MigrationExecutor } from './executor.js'
import type { HistoryStep } from './history-entry.js'
import type { HistoryWriter } from './history-writer.js'

/**
 * Who owns the transactions a step's statements run in:
 * `runner`, athanor's BEGIN … COMMIT around the step (transactional DDL);
 * `journal`, nobody: each statement commits on its own and the step is
 * journaled (MySQL, where DDL commits implicitly);
 * `script`, the script itself (`transactional = false`), which may begin and
 * end transactions but must end each one before it returns.
 */
export type StepSession = 'runner' | 'journal' | 'script'

/**
 * A script's SQL that would begin or end a transaction athanor owns; it
 * was refused before it was sent.
 */
export class TransactionControlRefused extends AthanorError {
  constructor(
    message: string,
    /** The statement refused, as written. */
    readonly sql: string,
  ) {
    super('TRANSACTION_CONTROL', message)
  }
}

/**
 * A statement left the session in another transaction state than the step
 * needs; the guard has undone what the database lets it undo.
 */
export class TransactionStateChanged extends AthanorError {
  constructor(
    message: string,
    /** The statement after which the state was wrong. */
    readonly sql: string,
    /**
     * The statement ended the runner's transaction without failing: what
     * the step did before it may have been committed, so the step is
     * recorded as failed and later runs wait for `athanor resolve`.
     */
    readonly unresolved: boolean,
    options?: { cause?: unknown },
  ) {
    super('TRANSACTION_STATE_CHANGED', message, options)
  }
}

/**
 * What a step's `op` sends through: raw SQL that controls transactions is
 * refused before it is sent (unless the script owns its transactions), and
 * after every operation the session's transaction state is read back (free
 * on every driver: the last reply's status) and compared with what the
 * step needs. Once `stopped` says the step was stopped, nothing more is
 * sent (see StepGuard.run).
 *
 * @example
 * import { Operations } from '../ops/operations.js'
 * import type { MigrationExecutor } from './executor.js'
 * declare const executor: MigrationExecutor
 * const guard = guardTransactions(executor, 'ae10', 'runner')
 * const op = new Operations(guard.sink, { revision: 'ae10', direction: 'upgrade', x: {} })
 * await op.execute('COMMIT') // throws TRANSACTION_CONTROL; nothing was sent
 * await guard.verifyEnd()
 */
export function guardTransactions(executor: MigrationExecutor, revision: string, session: StepSession, stopped?: () => boolean) {
  const control = executor.databaseDialect.transactionControl
  const refuse = (sql: string): void => {
    if (session === 'script') return
    const found = control.find(sql)
    if (found === undefined) return
    const owner =
      session === 'runner'
        ? 'would end or nest the transaction athanor runs this migration in'
        : "would change how this migration's statements commit (athanor commits each on its own and journals the step)"
    throw new TransactionControlRefused(
      `"${found}" ${owner}, so it was refused before it ran; a script that manages its own transactions exports transactional = false`,
      found,
    )
  }
  // What a stopped script still sends lands after the runner's ROLLBACK: refused, as the fence refuses it (StepGuard).
  const refuseStopped = (): void => {
    if (stopped?.()) throw new Error('the migration was stopped; its statement was not sent')
  }
  const check = async (statement: string, failure?: unknown): Promise<void> => {
    if (session === 'script') return
    const state = await executor.transactionState()
    if (state === undefined) return
    if (session === 'runner') {
      if (!state.open) throw await runnerTransactionGone(executor, revision, statement, failure)
    } else if (state.open || !state.autocommit) {
      await executor.rollback()
      throw journalSessionChanged(statement, state, failure)
    }
  }
  const send = async <T>(statement: string, work: () => Promise<T>): Promise<T> => {
    let result: T
    try {
      result = await work()
    } catch (error) {
      await check(error instanceof SqlError && error.sql ? shown(error.sql) : statement, error)
      throw error
    }
    await check(statement)
    return result
  }
  const runsAhead = session === 'runner' && executor.sendsAhead === true
  const sink: OperationSink = {
    get dialect() {
      return executor.dialect
    },
    get offline() {
      return executor.offline
    },
    run: async (op: Operation) => {
      refuseStopped()
      if (op.kind === 'execute') refuse(op.sql)
      if (session === 'runner') refuseOutsideTransaction(executor, revision, op)
      // Sent ahead, it cannot end the runner's transaction (see sendAhead): no state to check after it.
      if (runsAhead && op.kind !== 'execute' && executor.sendAhead!(op)) return
      return send(op.kind === 'execute' ? shown(op.sql) : `op ${op.kind}`, () => executor.run(op))
    },
    query: async (sql: string, params: readonly RowValue[]): Promise<Row[]> => {
      refuseStopped()
      refuse(sql)
      return send(shown(sql), () => executor.query(sql, params))
    },
  }
  return {
    sink,
    /** After the script returned: the session must be as the step needs it before the runner records the step. */
    async verifyEnd(): Promise<void> {
      if (session !== 'script') {
        // What went ahead cannot have ended the transaction, and each operation that waited was checked:
        // the answers come with the step's record, in its round trip, still under the step's stops (StepGuard.run).
        return executor.aheadPending === true ? undefined : check('the end of the script')
      }
      const state = await executor.transactionState()
      if (state === undefined || (!state.open && state.autocommit)) return
      await executor.rollback()
      throw new TransactionStateChanged(
        `the script returned while the session ${unexpected(state)}; a script with transactional = false must end ` +
          `each transaction it begins and leave autocommit on. ${undone(state)}`,
        'the end of the script',
        false,
      )
    },
  }
}

/**
 * An operation the database refuses inside a transaction block (an index
 * built or dropped CONCURRENTLY), in a step athanor runs in one: refused
 * before it is sent, naming the fix, rather than failing in the database.
 * The step is not made non-transactional behind the script's back: what
 * else it does would lose its atomicity unannounced. Only operations that
 * ask for `concurrently` are compiled here, so other operations cost nothing.
 * Offline (`--sql`, and lint, which reads that text) the statement is written
 * as it is: lint's concurrently-in-transaction rule reports it with the same fix.
 */
function refuseOutsideTransaction(executor: MigrationExecutor, revision: string, op: Operation): void {
  if (executor.offline || !('concurrently' in op) || op.concurrently !== true) return
  const compiled = executor.databaseDialect.compiler.compile(op, 'offline')
  const statement = compiled.kind === 'sql' ? compiled.statements.find((s) => s.outsideTransaction === true) : undefined
  if (statement === undefined) return
  throw new TransactionControlRefused(
    `revision ${revision}: "${shown(statement.sql)}" cannot run inside the transaction athanor runs this migration in; ` +
      'export const transactional = false from the script (and keep the index build its only change)',
    statement.sql,
  )
}

/**
 * Records a failed step that ran in the runner's transaction: rolled back,
 * or, when a statement ended that transaction without failing, failed, so
 * that later runs wait for `athanor resolve` (what the step did before the
 * statement may have been committed).
 *
 * @example
 * import type { HistoryStep } from './history-entry.js'
 * import type { HistoryWriter } from './history-writer.js'
 * declare const history: HistoryWriter, entry: HistoryStep, error: unknown
 * await recordRunnerFailure(history, entry, new Date(), 'upgrade of revision ae10 failed: …', error)
 */
export async function recordRunnerFailure(
  history: HistoryWriter | undefined,
  entry: HistoryStep,
  startedAt: Date,
  message: string,
  error: unknown,
): Promise<void> {
  if (!(error instanceof TransactionStateChanged && error.unresolved)) return history?.rolledBack(entry, startedAt, message)
  await history?.started(entry, startedAt)
  await history?.failed(entry, startedAt, message, error.sql)
}

/**
 * A statement of a journaled step left the session in `state`, which the
 * caller has already undone: a transaction open (a procedure's own
 * START TRANSACTION) or autocommit off, where athanor commits each
 * statement on its own.
 *
 * @example
 * journalSessionChanged('CALL open_tx()', { open: true, autocommit: true }).message
 * // 'after "CALL open_tx()" the session has a transaction open where athanor commits each statement … rolled back'
 */
export function journalSessionChanged(statement: string, state: TransactionState, cause?: unknown): TransactionStateChanged {
  return new TransactionStateChanged(
    `after "${shown(statement)}" the session ${unexpected(state)} where athanor commits each statement of this migration on its own; ` +
      undone(state),
    shown(statement),
    false,
    cause === undefined ? {} : { cause },
  )
}

/** What `executor.rollback()` did about `state`. */
function undone(state: TransactionState): string {
  const rolledBack = 'the open transaction was rolled back'
  const turnedOn = 'autocommit was turned back on'
  if (state.open && !state.autocommit) return `${rolledBack} and ${turnedOn}`
  return state.open ? rolledBack : turnedOn
}

function unexpected(state: TransactionState): string {
  if (state.open && !state.autocommit) return 'has a transaction open and autocommit off'
  return state.open ? 'has a transaction open' : 'has autocommit off'
}

async function runnerTransactionGone(
  executor: MigrationExecutor,
  revision: string,
  statement: string,
  failure: unknown,
): Promise<TransactionStateChanged> {
  if (failure !== undefined) {
    // SQLite's ON CONFLICT ROLLBACK and RAISE(ROLLBACK) end the transaction
    // with the error (https://sqlite.org/lang_conflict.html).
    const rows = await executor.readVersionRows().catch(() => undefined)
    const holds = rows === undefined ? '' : `; the version table holds ${rows.length === 0 ? 'no revision' : rows.join(', ')}`
    return new TransactionStateChanged(
      `"${statement}" failed (${reason(failure)}) and the database rolled back the whole transaction with it: ` +
        `nothing of this migration remains, nor of any earlier one not yet committed${holds}`,
      statement,
      false,
      { cause: failure },
    )
  }
  return new TransactionStateChanged(
    `after "${statement}" the transaction athanor runs this migration in is gone: the statement ended it, so what the ` +
      'migration did before it may have been committed. Nothing more runs on this database until it is resolved: ' +
      `check the database, then run 'athanor resolve ${revision} --retry' (run it again), '--applied' (it is complete) ` +
      "or '--rolled-back' (it is undone)",
    statement,
    true,
  )
}

/** The database's own words: a SqlError's message repeats the statement, its cause does not. */
function reason(failure: unknown): string {
  const error = failure instanceof SqlError ? failure.cause : failure
  return String((error as Error)?.message ?? error).split('\n')[0]!
}

const SHOWN_LENGTH = 120

function shown(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim()
  return line.length > SHOWN_LENGTH ? `${line.slice(0, SHOWN_LENGTH - 3)}...` : line
}
