import type { Dialect } from '../dialect/dialect.js'
import type { TransactionState } from '../dialect/driver.js'
import type { Statement } from '../dialect/types.js'
import type { VersionRowChange } from '../revision/types.js'
import type { OperationSink } from '../ops/operation-sink.js'
import type { Operation } from '../ops/operation.js'

/**
 * What the runner drives: an operation sink plus transactions and the version
 * table. Live and offline (`--sql`) runs implement the same interface, so no
 * script, op or command knows which mode it is in.
 */
export interface MigrationExecutor extends OperationSink {
  /** The database family the run speaks to. */
  readonly databaseDialect: Dialect
  begin(): Promise<void>
  commit(): Promise<void>
  /** Commits the open transaction and opens the next, in one round trip where the driver takes several statements at once. */
  commitAndBegin(): Promise<void>
  rollback(): Promise<void>
  savepoint(name: string): Promise<void>
  releaseSavepoint(name: string): Promise<void>
  rollbackToSavepoint(name: string): Promise<void>
  /** A comment line in offline scripts (`-- Running upgrade A -> B`); nothing live. */
  note(text: string): Promise<void>
  /** Creates the version table when it does not exist yet. */
  ensureVersionTable(): Promise<void>
  applyVersionChanges(changes: readonly VersionRowChange[]): Promise<void>
  /** The statements {@link applyVersionChanges} would run. */
  versionStatements(changes: readonly VersionRowChange[]): Statement[]
  /**
   * Ends a transactional step inside its transaction: the version-row
   * changes, then `alongside` (its history row), then, with `readBack`, the
   * version rows as the database holds them after (live; offline `undefined`).
   * One round trip on a server whose driver takes several statements at once.
   * With `closing`, where the dialect's version-row check runs in the
   * server, the step's COMMIT (and the next step's BEGIN) may go in that
   * same round trip: `closed` says whether they did.
   */
  recordStep(
    changes: readonly VersionRowChange[],
    alongside: readonly Statement[],
    readBack: boolean,
    closing?: StepClosing,
  ): Promise<RecordedStep>
  /**
   * Runs parameterless statements as one transaction, in one round trip
   * where the driver allows several statements at once.
   */
  commitTogether(statements: readonly Statement[], options?: CommitTogetherOptions): Promise<void>
  /**
   * Runs `work` as one transaction apart from the run's, with the dialect's
   * step isolation around it (SQLite: foreign keys off, checked before
   * COMMIT). Called outside any open transaction. `beforeCommit` runs after
   * the isolation's check, the last moment a stop (a signal) can still
   * roll the work back: it throws to do so. `beginFailed` turns a failed
   * BEGIN into the error to throw (a lock wait named as the run's BEGIN's is).
   */
  isolated(work: () => Promise<void>, beforeCommit?: () => Promise<void>, beginFailed?: (error: unknown) => unknown): Promise<void>
  /** The version rows as the database holds them now (live); offline, `undefined`. */
  readVersionRows(): Promise<string[] | undefined>
  /**
   * Sends an operation athanor compiled (not a script's own SQL) without
   * waiting for the server, where the connection allows it and nothing it
   * sends can end the open transaction (see LiveExecutor.sendAhead); false,
   * and nothing sent, elsewhere. A failure is thrown by {@link recordStep},
   * or by the next call that waits for an answer.
   */
  sendAhead?(op: Operation): boolean
  /** Whether {@link sendAhead} can ever send ahead on this connection. */
  readonly sendsAhead?: boolean
  /** Whether statements sent ahead wait for their answers. */
  readonly aheadPending?: boolean
  /** The session's transaction state after the last statement (live); offline, `undefined`. */
  transactionState(): Promise<TransactionState | undefined>
}

/**
 * The statements that end a step's transaction, and the version rows the
 * step must leave, checked before them.
 *
 * @example
 * const closing: StepClosing = { statements: [{ sql: 'COMMIT' }, { sql: 'BEGIN' }], after: ['ae10'] }
 */
export interface StepClosing {
  readonly statements: readonly Statement[]
  readonly after: readonly string[]
}

/**
 * What {@link MigrationExecutor.recordStep} found and did.
 *
 * @example
 * const recorded: RecordedStep = { rows: ['ae10'], closed: true }
 */
export interface RecordedStep {
  /** The version rows read back (or, where the check ran in the server, the rows it found or expected); `undefined` unread. */
  readonly rows: string[] | undefined
  /** The closing statements were sent with the record and succeeded: the step has committed. */
  readonly closed: boolean
}

/** What {@link MigrationExecutor.commitTogether} does besides its statements. */
export interface CommitTogetherOptions {
  /**
   * Statements that continue a transaction already open (a journaled
   * statement waiting for its COMMIT), sent in place of BEGIN; what that
   * transaction holds is committed even when the statements after fail.
   */
  readonly continuing?: readonly Statement[]
  /**
   * With `continuing`: what that transaction must still hold when the
   * statements after fail, run in their place before its COMMIT (the
   * journal entry of a waiting statement that the closing statements record).
   */
  readonly keep?: readonly Statement[]
  /**
   * The version rows before and after the statements: checked before the
   * COMMIT; a mismatch fails, naming what the table holds.
   */
  readonly versionRows?: { readonly before: readonly string[]; readonly after: readonly string[] }
}
