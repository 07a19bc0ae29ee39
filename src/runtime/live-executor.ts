import { SqlError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import type { Statement } from '../dialect/types.js'
import type { RebuildEvents } from '../dialect/rebuild-events.js'
import { rebuildUnavailable } from '../dialect/default/compiler.js'
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from '../schema/naming-convention.js'
import type { Operation, RowValue } from '../ops/operation.js'
import type { Row } from '../ops/operation-sink.js'
import type { VersionRowChange } from '../revision/types.js'
import type { DatabaseConnection, TransactionState } from '../dialect/driver.js'
import type { CommitTogetherOptions, MigrationExecutor, RecordedStep, StepClosing } from './executor.js'
import { sameVersionRows, showVersionRows } from './version-rows.js'
import { versionChangeStatement } from './version-statements.js'
import { buildValidIndex } from './concurrent-build.js'

/**
 * Runs operations on a live connection. A failing statement is reported with
 * its SQL, so the user sees which statement of which migration broke.
 */
export class LiveExecutor implements MigrationExecutor {
  readonly offline = false

  constructor(
    private readonly connection: DatabaseConnection,
    readonly databaseDialect: Dialect,
    private readonly versionTable: string,
    private readonly rebuild: {
      readonly namingConvention?: NamingConvention
      readonly events?: RebuildEvents
      /** Whether the version table was there when the run took its lock (see LockedDatabase.versionTableFound). */
      readonly versionTableFound?: boolean
      /**
       * The statement journal of a step outside a transaction: a rebuild
       * that fails undoes itself, so its statements count only once it
       * succeeds (see StatementLog.undoneOnFailure).
       */
      readonly journal?: { undoneOnFailure<T>(work: () => Promise<T>): Promise<T> }
    } = {},
  ) {
    this.#versionTableFound = rebuild.versionTableFound
  }

  get dialect() {
    return this.connection.dialect
  }

  private get compiler() {
    return this.databaseDialect.compiler
  }

  async run(op: Operation): Promise<void> {
    await this.#settled()
    // sendAhead may have compiled it a moment ago, and declined it.
    const compiled = this.#declined?.op === op ? this.#declined.compiled : this.compiler.compile(op, 'online')
    this.#declined = undefined
    if (compiled.kind === 'sql') {
      for (const statement of compiled.statements) await this.#execute(statement)
      return
    }
    // What the dialect's ALTER TABLE cannot do, its table rebuild does, here on the connection.
    const rebuilder = this.databaseDialect.tableRebuild
    if (rebuilder === null) throw rebuildUnavailable(compiled)
    const rebuild = () =>
      rebuilder.live(this.connection, compiled, this.rebuild.namingConvention ?? DEFAULT_NAMING_CONVENTION, this.rebuild.events)
    const journal = this.rebuild.journal
    await (journal === undefined ? rebuild() : journal.undoneOnFailure(rebuild))
  }

  /**
   * Sends the statements of an operation athanor compiled without waiting
   * for the server, where that is safe: the connection pipelines, a
   * transaction is open, and each statement is one command (no `;`), so
   * none can end the transaction. The script goes on to its next operation
   * while the server runs this one, and a step costs one round trip instead
   * of one per statement. A failure is thrown by the step's record
   * (recordStep), or by the next call that waits for an answer; the
   * transaction it aborted refuses every statement after it, the record
   * included, so nothing behind the failure takes effect. False, and nothing sent, where it is
   * not safe: the caller runs the operation with {@link run}.
   */
  sendAhead(op: Operation): boolean {
    if (!this.sendsAhead || !this.connection.inTransaction) return false
    const compiled = this.compiler.compile(op, 'online')
    const declined = () => {
      this.#declined = { op, compiled }
      return false
    }
    if (compiled.kind !== 'sql') return declined()
    for (const statement of compiled.statements) {
      if (statement.outsideTransaction === true || statement.sql.includes(';')) return declined()
    }
    for (const statement of compiled.statements) {
      this.#ahead.push(
        this.connection.execute(statement).catch((error: unknown) => {
          // The first failure is the cause; those behind it only found the transaction aborted.
          this.#aheadFailure ??= statementError(error, statement.sql)
        }),
      )
    }
    return true
  }

  /** Whether this connection can take statements ahead of their answers (see sendAhead). */
  get sendsAhead(): boolean {
    return this.connection.pipelined === true
  }

  /** Whether statements sent ahead wait for their answers. */
  get aheadPending(): boolean {
    return this.#ahead.length > 0
  }

  #declined: { op: Operation; compiled: ReturnType<Dialect['compiler']['compile']> } | undefined

  /** Statements sent ahead and not yet awaited, and the first of them that failed. */
  #ahead: Promise<void>[] = []
  #aheadFailure: Error | undefined

  /** Waits for the statements sent ahead and throws the first failure among them. */
  async #settled(): Promise<void> {
    if (this.#ahead.length === 0 && this.#aheadFailure === undefined) return
    const ahead = this.#ahead
    this.#ahead = []
    await Promise.all(ahead)
    const failure = this.#aheadFailure
    this.#aheadFailure = undefined
    if (failure !== undefined) throw failure
  }

  /** Waits for what was sent ahead, whatever came of it: the caller is already undoing the step. */
  async #drained(): Promise<void> {
    await this.#settled().catch(() => undefined)
  }

  async query(sql: string, params: readonly RowValue[]): Promise<Row[]> {
    await this.#settled()
    try {
      return await this.connection.query(sql, params)
    } catch (error) {
      throw statementError(error, sql)
    }
  }

  async begin(): Promise<void> {
    await this.#settled()
    return this.connection.begin()
  }

  async commit(): Promise<void> {
    await this.#settled()
    return this.connection.commit()
  }

  async rollback(): Promise<void> {
    await this.#drained()
    return this.connection.rollback()
  }

  async commitAndBegin(): Promise<void> {
    await this.#settled()
    if (!this.databaseDialect.capabilities.batchedStatements) {
      await this.commit()
      await this.begin()
      return
    }
    // A COMMIT that fails ends the text there: no transaction is left open, as after a failed commit().
    const { commitTransaction, beginTransaction } = this.compiler.traits
    await this.connection.execute({ sql: `${commitTransaction};\n${beginTransaction}` })
  }

  // SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT are spelled the
  // same in SQLite, PostgreSQL and MySQL.
  savepoint(name: string): Promise<void> {
    return this.#execute({ sql: `SAVEPOINT ${this.compiler.quoteIdentifier(name)}` })
  }

  releaseSavepoint(name: string): Promise<void> {
    return this.#execute({ sql: `RELEASE SAVEPOINT ${this.compiler.quoteIdentifier(name)}` })
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.#drained()
    return this.#execute({ sql: `ROLLBACK TO SAVEPOINT ${this.compiler.quoteIdentifier(name)}` })
  }

  async note(): Promise<void> {}

  async ensureVersionTable(): Promise<void> {
    // Seen under the migration lock a moment ago, nothing else creates or drops it meanwhile: the run's first
    // call need not ask again. A later call (after a rollback) asks.
    const found = this.#versionTableFound ?? (await this.connection.hasTable(this.versionTable))
    this.#versionTableFound = undefined
    if (!found) await this.#execute(this.compiler.versionTable.create(this.versionTable))
  }

  #versionTableFound: boolean | undefined

  async applyVersionChanges(changes: readonly VersionRowChange[]): Promise<void> {
    for (const statement of this.versionStatements(changes)) await this.#execute(statement)
  }

  versionStatements(changes: readonly VersionRowChange[]): Statement[] {
    return changes.map((change) => versionChangeStatement(this.compiler, this.versionTable, change))
  }

  /**
   * A step's version rows, history row and read-back were three round trips
   * of the four or five a one-statement migration cost on a server; sent as
   * one text they are one, in the step's transaction as before, the read
   * back coming last. Statements with parameters, a driver that takes one
   * statement at a time, and a version table not yet seen by this run (see
   * readVersionRows) go one by one.
   * Where the dialect's check fails naming the rows (rowsInFailure), the
   * check replaces the read-back and `closing` (the COMMIT, and the next
   * step's BEGIN) ends the same text: one round trip fewer per step. A
   * failure anywhere stops the text there with the transaction open and
   * failed, for the runner to roll back; a failed check returns the rows it
   * found, for the runner to report.
   */
  async recordStep(
    changes: readonly VersionRowChange[],
    alongside: readonly Statement[],
    readBack: boolean,
    closing?: StepClosing,
  ): Promise<RecordedStep> {
    const statements = [...this.versionStatements(changes), ...alongside]
    const { versionTable } = this.compiler
    const unbound = statements.every((statement) => !statement.params?.length)
    const batched = this.databaseDialect.capabilities.batchedStatements && unbound
    // The version statements ahead of the check need the table, so the check does not need it seen.
    const checked = !readBack || (versionTable.rowsInFailure !== undefined && changes.length > 0)
    const oneTrip = batched && (this.#versionTableSeen || !readBack || (closing !== undefined && checked))
    if (!oneTrip) {
      await this.#settled()
      // A driver without round trips still takes several statements as one text (see DatabaseConnection.execute): one call, not two.
      if (unbound && statements.length > 1) await this.#execute({ sql: statements.map((statement) => statement.sql).join(';\n') })
      else for (const statement of statements) await this.#execute(statement)
      return { rows: readBack ? await this.readVersionRows() : undefined, closed: false }
    }
    const texts = statements.map((statement) => statement.sql)
    if (closing !== undefined && checked) {
      if (readBack) texts.push(versionTable.expect(this.versionTable, closing.after).sql)
      const sql = [...texts, ...closing.statements.map((statement) => statement.sql)].join(';\n')
      // Behind the script's statements sent ahead, in their round trip: after a failure among them the
      // aborted transaction refuses the record's first statement, and the COMMIT after it never runs.
      const recorded = this.connection.execute({ sql })
      try {
        await this.#settled()
      } catch (error) {
        await recorded.catch(() => undefined)
        throw error
      }
      try {
        await recorded
      } catch (error) {
        const found = readBack ? versionTable.rowsInFailure?.(error) : undefined
        if (found !== undefined) return { rows: found, closed: false }
        throw statementError(error, sql)
      }
      if (readBack) this.#versionTableSeen = true
      return { rows: readBack ? [...closing.after] : undefined, closed: true }
    }
    if (readBack) texts.push(versionTable.select(this.versionTable).sql)
    const rows = await this.query(texts.join(';\n'), [])
    return { rows: readBack ? versionNumbers(rows) : undefined, closed: false }
  }

  /**
   * On a server every statement is a round trip, which for a short journal
   * transaction costs more than the statements themselves; PostgreSQL's
   * simple protocol and mysql2's multipleStatements take them in one, the
   * version rows' check among them, before the COMMIT (see
   * VersionTableSql.expect). Where the dialect has no round trips to save
   * (SQLite), one by one, the rows read back before the COMMIT.
   */
  async commitTogether(statements: readonly Statement[], options: CommitTogetherOptions = {}): Promise<void> {
    await this.#settled()
    const { continuing, keep = [], versionRows } = options
    const oneTrip = this.databaseDialect.capabilities.batchedStatements && statements.every((statement) => !statement.params?.length)
    const { beginTransaction, commitTransaction } = this.compiler.traits
    // What the open transaction held before these statements stays when they fail.
    const opening = continuing === undefined ? [{ sql: beginTransaction }] : [...continuing, { sql: `SAVEPOINT ${RECORD_SAVEPOINT}` }]
    const undo = () =>
      continuing === undefined
        ? this.connection.rollback()
        : this.connection.execute({
            sql: [`ROLLBACK TO SAVEPOINT ${RECORD_SAVEPOINT}`, ...keep.map((statement) => statement.sql), commitTransaction].join(';\n'),
          })
    const expected = versionRows === undefined ? [] : [this.compiler.versionTable.expect(this.versionTable, versionRows.after)]
    try {
      if (oneTrip) {
        const sql = [...opening, ...statements, ...expected, { sql: commitTransaction }].map((statement) => statement.sql).join(';\n')
        try {
          await this.connection.execute({ sql })
        } catch (error) {
          throw statementError(error, sql)
        }
      } else {
        // The driver's own BEGIN: SQLite's takes the write lock at once (BEGIN IMMEDIATE).
        if (continuing === undefined) await this.begin()
        else for (const statement of opening) await this.#execute(statement)
        for (const statement of statements) await this.#execute(statement)
        if (versionRows !== undefined) this.#checkRecorded(await this.readVersionRows(), versionRows.after)
        await this.commit()
      }
    } catch (error) {
      // The batch stopped at the failing statement with its transaction open.
      await undo().catch(() => undefined)
      throw await this.#explainRecordFailure(error, versionRows?.before)
    }
  }

  #checkRecorded(found: readonly string[], expected: readonly string[]): void {
    if (sameVersionRows(found, expected)) return
    throw new Error(`the version table would hold ${showVersionRows(found)} instead of ${showVersionRows(expected)}`)
  }

  /**
   * The version rows are not those the step started from (the script
   * changed them), so its change was not recorded: say what the table
   * holds. Any other failure is its own.
   */
  async #explainRecordFailure(error: unknown, before: readonly string[] | undefined): Promise<unknown> {
    if (before === undefined) return error
    const found = await this.readVersionRows().catch(() => undefined)
    if (found === undefined || sameVersionRows(found, before)) return error
    return new AthanorError(
      'VERSION_ROWS_MISMATCH',
      `the version table holds ${showVersionRows(found)} where it should hold ${showVersionRows(before)}, ` +
        "so the migration's own version-row change was not made (does the script change the version table itself?)",
      { cause: error },
    )
  }

  async readVersionRows(): Promise<string[]> {
    // Once seen, the table stays for the run: one query, not two, per read.
    if (!this.#versionTableSeen && !(await this.connection.hasTable(this.versionTable))) return []
    this.#versionTableSeen = true
    let rows: Row[]
    try {
      rows = await this.query(this.compiler.versionTable.select(this.versionTable).sql, [])
    } catch (error) {
      // Created in a transaction the database has since rolled back.
      if (await this.connection.hasTable(this.versionTable)) throw error
      this.#versionTableSeen = false
      return []
    }
    return versionNumbers(rows)
  }

  #versionTableSeen = false

  async transactionState(): Promise<TransactionState> {
    // The state after the last statement sent, not the last answered.
    await Promise.all(this.#ahead)
    return this.connection.transactionState()
  }

  async isolated(work: () => Promise<void>, beforeCommit?: () => Promise<void>, beginFailed?: (error: unknown) => unknown): Promise<void> {
    const isolation = this.databaseDialect.stepIsolation
    await isolation?.enter(this.connection)
    try {
      try {
        await this.begin()
      } catch (error) {
        throw beginFailed === undefined ? error : beginFailed(error)
      }
      try {
        await work()
        await isolation?.verify(this.connection)
        // SQLite's check reads every foreign key of the database, which may take as long as the rebuild did.
        await beforeCommit?.()
        await this.commit()
      } catch (error) {
        await this.rollback()
        throw error
      }
    } finally {
      await isolation?.leave(this.connection)
    }
  }

  #execute(statement: Statement): Promise<void> {
    if (this.#ahead.length > 0 || this.#aheadFailure !== undefined) return this.#settled().then(() => this.#execute(statement))
    // No closure for the common statement: a run sends several in every step.
    if (statement.outsideTransaction !== true) return this.#send(statement)
    return buildValidIndex(this.connection, this.databaseDialect, statement, () => this.#send(statement))
  }

  async #send(statement: Statement): Promise<void> {
    try {
      await this.connection.execute(statement)
    } catch (error) {
      throw statementError(error, statement.sql)
    }
  }
}

/** Marks where a step's closing statements begin inside a transaction they continue. */
const RECORD_SAVEPOINT = 'athanor_record'

function versionNumbers(rows: readonly Row[]): string[] {
  return rows.map((row) => String(row['version_num'])).sort()
}

/**
 * PostgreSQL's DETAIL of a refused DROP (SQLSTATE 2BP01, dependent objects
 * still exist): the objects that depend on it, which the message alone does
 * not name. Empty for any other error.
 */
function dependentsDetail(error: unknown): string {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown }
  if (code !== '2BP01' || typeof detail !== 'string' || detail.trim() === '') return ''
  return `: ${detail.trim().split('\n').join('; ')}`
}

/** Wraps a driver error with the statement that caused it. */
export function statementError(error: unknown, sql: string): Error {
  if (error instanceof AthanorError) return error
  const reason = String((error as Error)?.message ?? error).split('\n')[0] + dependentsDetail(error)
  const shown = sql.replace(/\s+/g, ' ').trim()
  const statement = shown.length > 200 ? `${shown.slice(0, 197)}...` : shown
  return new SqlError(`${reason} (in: ${statement})`, { sql }, { cause: error })
}
