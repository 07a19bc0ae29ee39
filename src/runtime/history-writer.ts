import { randomUUID } from 'node:crypto'
import type { DialectCompiler, Statement } from '../dialect/types.js'
import type { RowValue } from '../ops/operation.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { athanorVersion, HISTORY_ROW_COLUMNS, type HistoryStatus, type HistoryStep } from './history-entry.js'
import { addMissingHistoryColumns, createHistoryTable } from './history-table.js'
import { statementError } from './live-executor.js'

/** Longest error or statement text kept in a row. */
const MAX_TEXT = 4000

/** Where a step's statement journal stands: how many completed, their running hash, the last one's text. */
export interface JournalPoint {
  readonly done: number
  readonly hash: string
  readonly last: string | null
}

/** The journal of a step before its first statement. */
export const JOURNAL_START: JournalPoint = { done: 0, hash: '', last: null }

/** The columns only a journaled step's row names (see #insertSql). */
const JOURNAL_COLUMNS = ['statements_done', 'statements_hash', 'last_statement', 'connection_id'] as const

type Extra = {
  error?: string | null
  statement?: string | null
  note?: string | null
  journal?: JournalPoint
}

/**
 * Writes history rows on the migration connection, so a row commits or
 * rolls back with the step it describes. Values are inlined as the
 * dialect's escaped literals: the statements need no parameter style.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const connection: DatabaseConnection
 * const history = new HistoryWriter(connection, dialectNamed(connection.dialect).compiler, 'athanor_version_history')
 * await history.ensureTable()
 * await history.succeeded({ revision: 'ae10', direction: 'stamp', checksum: null, fromRevisions: [], toRevisions: ['ae10'] }, new Date())
 */
export class HistoryWriter {
  /** Groups the rows one command writes. */
  readonly runId: string = randomUUID()

  /** The server session the steps run on, written into their `started` rows (see recordSession). */
  #session: string | null = null

  /**
   * `columnNamesSql`, the dialect's query for a table's column names, lets
   * {@link ensureTable} bring a table of an older layout up to this one.
   */
  constructor(
    private readonly connection: DatabaseConnection,
    private readonly compiler: DialectCompiler,
    readonly table: string,
    private readonly columnNamesSql?: (table: string) => string,
  ) {}

  /** Creates the table, or adds the columns a table of an older layout lacks. */
  async ensureTable(): Promise<void> {
    const found = this.#found
    this.#found = undefined
    if (found === undefined ? await this.connection.hasTable(this.table) : found.columns !== undefined) {
      if (this.columnNamesSql === undefined) return
      const existing = found?.columns ?? (await this.connection.query(this.columnNamesSql(this.table))).map((row) => String(row['name']))
      for (const statement of addMissingHistoryColumns(this.compiler, this.table, existing)) await this.#run(statement.sql)
      return
    }
    for (const statement of createHistoryTable(this.compiler, this.table)) await this.#run(statement.sql)
  }

  /**
   * The table's column names as the run read them under its migration lock
   * (`undefined`: no table), which nothing changes meanwhile: the next
   * {@link ensureTable} takes them instead of asking again.
   */
  foundUnderLock(columns: readonly string[] | undefined): void {
    this.#found = { columns }
  }

  #found: { readonly columns: readonly string[] | undefined } | undefined

  /**
   * The server session id of the connection steps run on: a later run that
   * finds a step unfinished waits until that session has no statement left
   * on the server before it trusts the journal.
   */
  recordSession(id: string | null): void {
    this.#session = id
  }

  /** A step that ran and committed with this row. */
  succeeded(step: HistoryStep, startedAt: Date, note?: string): Promise<void> {
    return this.#run(this.succeededStatement(step, startedAt, note).sql)
  }

  /** The statement of {@link succeeded}, to be run with others in the step's transaction. */
  succeededStatement(step: HistoryStep, startedAt: Date, note?: string): Statement {
    return { sql: this.#insertSql(step, 'succeeded', startedAt, new Date(), { note: note ?? null }) }
  }

  /** A step about to run outside a transaction: the row that says so if it never finishes. */
  started(step: HistoryStep, startedAt: Date): Promise<void> {
    return this.#run(this.startedStatement(step, startedAt).sql)
  }

  /** The statement of {@link started}, to be run with others in one transaction; `from` where its journal starts. */
  startedStatement(step: HistoryStep, startedAt: Date, from: JournalPoint = JOURNAL_START): Statement {
    return { sql: this.#insertSql(step, 'started', startedAt, null, { journal: from }) }
  }

  /**
   * Records in a step's `started` row that its statements up to `point`
   * completed; the statement marked in flight (see inFlightStatement) is no
   * longer.
   */
  journalStatement(step: HistoryStep, point: JournalPoint): Statement {
    const inFlightCleared = this.#set('statement', null)
    return {
      sql: `UPDATE ${this.#q(this.table)} SET ${this.#journalAssignments(point)}, ${inFlightCleared} WHERE ${this.#startedRow(step)}`,
    }
  }

  /**
   * Marks in a step's `started` row the statement about to run where no
   * transaction holds it with its entry (DDL on MySQL, a `transactional =
   * false` script's statement): committed before it runs, so a session that
   * ends between the statement and its entry (a KILL, a failover, a server
   * crash) leaves a row saying the statement may have taken effect, not
   * that it never ran.
   */
  inFlightStatement(step: HistoryStep, sql: string): Statement {
    return { sql: `UPDATE ${this.#q(this.table)} SET ${this.#set('statement', clip(sql))} WHERE ${this.#startedRow(step)}` }
  }

  /** The statement that marks an unresolved row as dealt with, saying how. */
  resolveStatement(id: number, note: string): Statement {
    const q = (name: string) => this.compiler.quoteIdentifier(name)
    return {
      sql:
        `UPDATE ${q(this.table)} SET ${q('status')} = ${this.#literal('resolved')}, ${q('note')} = ${this.#literal(note)} ` +
        `WHERE ${q('id')} = ${this.#literal(id)}`,
    }
  }

  /** The `started` row of a step that finished. */
  finished(step: HistoryStep, startedAt: Date): Promise<void> {
    return this.#closeStarted(step, 'succeeded', startedAt, {})
  }

  /** The statement of {@link finished}, run with others in one transaction; `journal` where the journal stands, if not yet recorded. */
  finishedStatement(step: HistoryStep, startedAt: Date, journal?: JournalPoint): Statement {
    return { sql: this.#closeStartedSql(step, 'succeeded', startedAt, journal === undefined ? {} : { journal }) }
  }

  /** The `started` row of a step that failed midway. */
  failed(step: HistoryStep, startedAt: Date, error: string, statement: string | null, journal?: JournalPoint): Promise<void> {
    return this.#closeStarted(step, 'failed', startedAt, { error, statement, ...(journal === undefined ? {} : { journal }) })
  }

  /** The `started` row of a step that failed before any of its statements ran: nothing of it is left. */
  startedRolledBack(step: HistoryStep, startedAt: Date, error: string): Promise<void> {
    return this.#closeStarted(step, 'rolled-back', startedAt, { error })
  }

  /** A transactional step that failed and was undone entirely. */
  rolledBack(step: HistoryStep, startedAt: Date, error: string): Promise<void> {
    return this.#insert(step, 'rolled-back', startedAt, new Date(), { error })
  }

  /** Marks an unresolved row as dealt with, saying how. */
  async resolve(id: number, note: string): Promise<void> {
    await this.#run(this.resolveStatement(id, note).sql)
  }

  async #insert(step: HistoryStep, status: HistoryStatus, startedAt: Date, finishedAt: Date | null, extra: Extra): Promise<void> {
    await this.#run(this.#insertSql(step, status, startedAt, finishedAt, extra))
  }

  #insertSql(step: HistoryStep, status: HistoryStatus, startedAt: Date, finishedAt: Date | null, extra: Extra): string {
    const values: RowValue[] = [
      this.runId,
      step.revision,
      step.direction,
      status,
      step.checksum,
      step.fromRevisions.join(','),
      step.toRevisions.join(','),
      startedAt.toISOString(),
      finishedAt?.toISOString() ?? null,
      finishedAt ? Math.max(0, finishedAt.getTime() - startedAt.getTime()) : null,
      athanorVersion(),
      clip(extra.error),
      clip(extra.statement),
      extra.note ?? null,
    ]
    // Only a journaled step's row names the journal's columns: stamps and
    // transactional steps still write to a table of the older layout.
    const journal = extra.journal
    if (journal !== undefined) values.push(journal.done, journal.hash, clip(journal.last), this.#session)
    let literals = ''
    for (const value of values) literals += literals === '' ? this.#literal(value) : `, ${this.#literal(value)}`
    return `${this.#insertInto(journal !== undefined)} VALUES (${literals})`
  }

  /** `INSERT INTO table (columns)` of a row with or without the journal's columns, quoted once per writer: a run writes one per step. */
  #insertInto(journaled: boolean): string {
    const cached = journaled ? this.#journaledInsert : this.#plainInsert
    if (cached !== undefined) return cached
    const columns = journaled ? [...HISTORY_ROW_COLUMNS, ...JOURNAL_COLUMNS] : HISTORY_ROW_COLUMNS
    const q = (name: string) => this.compiler.quoteIdentifier(name)
    const sql = `INSERT INTO ${q(this.table)} (${columns.map(q).join(', ')})`
    if (journaled) this.#journaledInsert = sql
    else this.#plainInsert = sql
    return sql
  }

  #plainInsert: string | undefined
  #journaledInsert: string | undefined

  async #closeStarted(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    extra: { error?: string | null; statement?: string | null; journal?: JournalPoint },
  ): Promise<void> {
    await this.#run(this.#closeStartedSql(step, status, startedAt, extra))
  }

  #closeStartedSql(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    extra: { error?: string | null; statement?: string | null; journal?: JournalPoint },
  ): string {
    const finishedAt = new Date()
    let assignments =
      `${this.#set('status', status)}, ${this.#set('finished_at', finishedAt.toISOString())}, ` +
      this.#set('duration_ms', Math.max(0, finishedAt.getTime() - startedAt.getTime()))
    if (extra.error !== undefined) assignments += `, ${this.#set('error', clip(extra.error))}`
    if (extra.statement !== undefined) assignments += `, ${this.#set('statement', clip(extra.statement))}`
    if (extra.journal !== undefined) assignments += `, ${this.#journalAssignments(extra.journal)}`
    return `UPDATE ${this.#q(this.table)} SET ${assignments} WHERE ${this.#startedRow(step)}`
  }

  /** The journal's columns at `point`, as assignments. */
  #journalAssignments(point: JournalPoint): string {
    return (
      `${this.#set('statements_done', point.done)}, ${this.#set('statements_hash', point.hash)}, ` +
      this.#set('last_statement', clip(point.last))
    )
  }

  /** This run's `started` row of the step; the run-and-revision index finds it. Each of a step's journal entries asks. */
  #startedRow(step: HistoryStep): string {
    if (this.#startedRowOf?.revision === step.revision) return this.#startedRowOf.sql
    const sql = `${this.#set('run_id', this.runId)} AND ${this.#set('revision', step.revision)} AND ${this.#set('status', 'started')}`
    this.#startedRowOf = { revision: step.revision, sql }
    return sql
  }

  #startedRowOf: { readonly revision: string; readonly sql: string } | undefined

  /** `name = value`. */
  #set(name: string, value: RowValue): string {
    return `${this.#q(name)} = ${this.#literal(value)}`
  }

  /** A quoted column or table name; the writer quotes the same few names in every statement. */
  #q(name: string): string {
    let quoted = this.#quoted.get(name)
    if (quoted === undefined) {
      quoted = this.compiler.quoteIdentifier(name)
      this.#quoted.set(name, quoted)
    }
    return quoted
  }

  readonly #quoted = new Map<string, string>()

  #literal(value: RowValue): string {
    return this.compiler.renderLiteral(value)
  }

  async #run(sql: string): Promise<void> {
    try {
      await this.connection.execute({ sql })
    } catch (error) {
      throw statementError(error, sql)
    }
  }
}

/**
 * A text as the history table keeps it: a long one cut, so that one row
 * stays small.
 *
 * @example
 * clip('CREATE TABLE t (id INT)') // 'CREATE TABLE t (id INT)'
 */
export function clip(text: string | null | undefined): string | null {
  if (text === undefined || text === null) return null
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text
}
