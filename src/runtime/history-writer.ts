import { randomUUID } from 'node:crypto'
import type { DialectCompiler, Statement } from '../dialect/types.js'
import type { RowValue } from '../ops/operation.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { athanorVersion, type HistoryStatus, type HistoryStep } from './history-entry.js'
import { createHistoryTable } from './history-table.js'
import { statementError } from './live-executor.js'

/** Longest error or statement text kept in a row. */
const MAX_TEXT = 4000

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

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly compiler: DialectCompiler,
    readonly table: string,
  ) {}

  async ensureTable(): Promise<void> {
    if (await this.connection.hasTable(this.table)) return
    for (const statement of createHistoryTable(this.compiler, this.table)) await this.#run(statement.sql)
  }

  /** A step that ran and committed with this row. */
  succeeded(step: HistoryStep, startedAt: Date, note?: string): Promise<void> {
    return this.#insert(step, 'succeeded', startedAt, new Date(), { note: note ?? null })
  }

  /** A step about to run outside a transaction: the row that says so if it never finishes. */
  started(step: HistoryStep, startedAt: Date): Promise<void> {
    return this.#insert(step, 'started', startedAt, null, {})
  }

  /** The statement of {@link started}, to be run with others in one transaction. */
  startedStatement(step: HistoryStep, startedAt: Date): Statement {
    return { sql: this.#insertSql(step, 'started', startedAt, null, {}) }
  }

  /** The `started` row of a step that finished. */
  finished(step: HistoryStep, startedAt: Date): Promise<void> {
    return this.#closeStarted(step, 'succeeded', startedAt, {})
  }

  /** The statement of {@link finished}, to be run with others in one transaction. */
  finishedStatement(step: HistoryStep, startedAt: Date): Statement {
    return { sql: this.#closeStartedSql(step, 'succeeded', startedAt, {}) }
  }

  /** The `started` row of a step that failed midway. */
  failed(step: HistoryStep, startedAt: Date, error: string, statement: string | null): Promise<void> {
    return this.#closeStarted(step, 'failed', startedAt, { error, statement })
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
    const q = (name: string) => this.compiler.quoteIdentifier(name)
    await this.#run(
      `UPDATE ${q(this.table)} SET ${q('status')} = ${this.#literal('resolved')}, ${q('note')} = ${this.#literal(note)} ` +
        `WHERE ${q('id')} = ${this.#literal(id)}`,
    )
  }

  async #insert(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    finishedAt: Date | null,
    extra: { error?: string | null; statement?: string | null; note?: string | null },
  ): Promise<void> {
    await this.#run(this.#insertSql(step, status, startedAt, finishedAt, extra))
  }

  #insertSql(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    finishedAt: Date | null,
    extra: { error?: string | null; statement?: string | null; note?: string | null },
  ): string {
    const values: Record<string, RowValue> = {
      run_id: this.runId,
      revision: step.revision,
      direction: step.direction,
      status,
      checksum: step.checksum,
      from_revisions: step.fromRevisions.join(','),
      to_revisions: step.toRevisions.join(','),
      started_at: startedAt.toISOString(),
      finished_at: finishedAt?.toISOString() ?? null,
      duration_ms: finishedAt ? Math.max(0, finishedAt.getTime() - startedAt.getTime()) : null,
      athanor_version: athanorVersion(),
      error: clip(extra.error),
      statement: clip(extra.statement),
      note: extra.note ?? null,
    }
    const columns = Object.keys(values).map((name) => this.compiler.quoteIdentifier(name))
    const literals = Object.values(values).map((value) => this.#literal(value))
    return `INSERT INTO ${this.compiler.quoteIdentifier(this.table)} (${columns.join(', ')}) VALUES (${literals.join(', ')})`
  }

  async #closeStarted(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    extra: { error?: string | null; statement?: string | null },
  ): Promise<void> {
    await this.#run(this.#closeStartedSql(step, status, startedAt, extra))
  }

  #closeStartedSql(
    step: HistoryStep,
    status: HistoryStatus,
    startedAt: Date,
    extra: { error?: string | null; statement?: string | null },
  ): string {
    const q = (name: string) => this.compiler.quoteIdentifier(name)
    const finishedAt = new Date()
    const set: Record<string, RowValue> = {
      status,
      finished_at: finishedAt.toISOString(),
      duration_ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      ...(extra.error === undefined ? {} : { error: clip(extra.error) }),
      ...(extra.statement === undefined ? {} : { statement: clip(extra.statement) }),
    }
    const assignments = Object.entries(set).map(([name, value]) => `${q(name)} = ${this.#literal(value)}`)
    return (
      `UPDATE ${q(this.table)} SET ${assignments.join(', ')} ` +
      `WHERE ${q('run_id')} = ${this.#literal(this.runId)} AND ${q('revision')} = ${this.#literal(step.revision)} ` +
      `AND ${q('status')} = ${this.#literal('started')}`
    )
  }

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

function clip(text: string | null | undefined): string | null {
  if (text === undefined || text === null) return null
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text
}
