import { AthanorError } from '../core/errors.js'
import type { DialectCompiler } from '../dialect/types.js'
import type { ColumnTypeKind } from '../schema/types.js'
import type { Row } from '../ops/operation-sink.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { HISTORY_ROW_COLUMNS, UNRESOLVED_STATUSES, type HistoryDirection, type HistoryRow, type HistoryStatus } from './history-entry.js'
import { historyTableDefinition } from './history-table.js'
import { checkTableShape, type ExpectedColumn } from './table-shape.js'

/**
 * The columns every history table has had since its first layout; columns
 * added later (the step journal's) are added in place when missing (see
 * HistoryWriter.ensureTable), so a table may lack those and still be read.
 */
const COLUMNS = ['id', ...HISTORY_ROW_COLUMNS] as const

/**
 * The history table's rows, oldest first; `[]` when there is no table (a
 * database migrated before history existed, or by Alembic). Every column
 * is read, so a table of an older layout reads too: what it lacks is null.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import { withConnection } from './connect.js'
 * const url = parseDatabaseUrl('sqlite:///app.db')
 * const { compiler } = dialectNamed('sqlite')
 * const rows = await withConnection(url, (connection) => readHistory(connection, compiler, 'athanor_version_history'))
 */
export async function readHistory(connection: DatabaseConnection, compiler: DialectCompiler, table: string): Promise<HistoryRow[]> {
  return (await readHistoryTable(connection, compiler, table)).rows
}

/**
 * {@link readHistory}, and the names of the table's columns, `undefined`
 * when there is no table: a run that reads its history under the lock need
 * not ask again before it writes (see HistoryWriter.foundUnderLock).
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import { withConnection } from './connect.js'
 * const url = parseDatabaseUrl('sqlite:///app.db')
 * const { compiler } = dialectNamed('sqlite')
 * const { columns } = await withConnection(url, (connection) => readHistoryTable(connection, compiler, 'athanor_version_history'))
 */
export async function readHistoryTable(
  connection: DatabaseConnection,
  compiler: DialectCompiler,
  table: string,
): Promise<{ rows: HistoryRow[]; columns: string[] | undefined }> {
  const columns = await checkedHistoryTable(connection, table)
  if (columns === undefined) return { rows: [], columns }
  const q = (name: string) => compiler.quoteIdentifier(name)
  const rows = await connection.query(`SELECT * FROM ${q(table)} ORDER BY ${q('id')}`)
  return { rows: rows.map((row) => checkedRow(toHistoryRow(row), table)), columns }
}

/**
 * The rows of steps that began or failed outside a transaction and are not
 * resolved: what a reader that does not need the whole history (`current`)
 * asks for.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * import { withConnection } from './connect.js'
 * const url = parseDatabaseUrl('mysql://root@127.0.0.1/app')
 * const { compiler } = dialectNamed('mysql')
 * const open = await withConnection(url, (connection) => readUnresolvedHistory(connection, compiler, 'athanor_version_history'))
 */
export async function readUnresolvedHistory(
  connection: DatabaseConnection,
  compiler: DialectCompiler,
  table: string,
): Promise<HistoryRow[]> {
  if ((await checkedHistoryTable(connection, table)) === undefined) return []
  const q = (name: string) => compiler.quoteIdentifier(name)
  const statuses = UNRESOLVED_STATUSES.map((status) => compiler.renderLiteral(status)).join(', ')
  const rows = await connection.query(`SELECT * FROM ${q(table)} WHERE ${q('status')} IN (${statuses}) ORDER BY ${q('id')}`)
  return rows.map((row) => checkedRow(toHistoryRow(row), table))
}

/**
 * The history table's column names, `undefined` when it does not exist; one that is not athanor's, or was
 * altered so that it cannot be read, is refused.
 */
async function checkedHistoryTable(connection: DatabaseConnection, table: string): Promise<string[] | undefined> {
  const shape = await connection.describeTable(table)
  if (shape === undefined) return undefined
  checkTableShape(shape, {
    code: 'INVALID_HISTORY_TABLE',
    role: 'history table',
    table,
    columns: expectedColumns(table),
    elsewhere: `give athanor a table of its own with historyTable in the config, or move this ${shape.kind} away`,
    restore: 'restore it, or rename it away and athanor starts a new one (without the record of past runs)',
  })
  return shape.columns.map((column) => column.name)
}

/** What athanor keeps in each column it reads, from the table it creates. */
function expectedColumns(table: string): ExpectedColumn[] {
  const definition = historyTableDefinition(table)
  return COLUMNS.map((name) => {
    const kind = definition.columns.find((column) => column.name === name)?.type.kind
    const family = kind === undefined ? undefined : FAMILIES[kind]
    return family === undefined ? { name } : { name, family }
  })
}

const FAMILIES: Partial<Record<ColumnTypeKind, 'text' | 'integer'>> = {
  string: 'text',
  text: 'text',
  integer: 'integer',
  smallint: 'integer',
  bigint: 'integer',
}

/**
 * Every direction and status athanor writes: a row with another was written
 * by hand, and what it says cannot be trusted (an unknown status would not
 * block a run the way `started` does).
 */
const DIRECTIONS: Readonly<Record<HistoryDirection, true>> = { upgrade: true, downgrade: true, stamp: true, accept: true }
const STATUSES: Readonly<Record<HistoryStatus, true>> = {
  succeeded: true,
  started: true,
  failed: true,
  'rolled-back': true,
  resolved: true,
}

function checkedRow(row: HistoryRow, table: string): HistoryRow {
  const fail = (problem: string): never => {
    throw new AthanorError(
      'INVALID_HISTORY_TABLE',
      `history table ${table} row ${row.id} ${problem}, which athanor never writes; correct or delete that row`,
    )
  }
  if (!Object.hasOwn(DIRECTIONS, row.direction)) fail(`has direction ${JSON.stringify(row.direction)}`)
  if (!Object.hasOwn(STATUSES, row.status)) fail(`has status ${JSON.stringify(row.status)}`)
  if (row.revision === '') fail('has no revision')
  return row
}

function toHistoryRow(row: Row): HistoryRow {
  const text = (name: string) => (row[name] === null || row[name] === undefined ? null : String(row[name]))
  const list = (name: string) => (text(name) ?? '').split(',').filter((id) => id !== '')
  // pg returns BIGINT as a string, mysql2 as a number; both fit a number here.
  const number = (name: string) => (row[name] === null || row[name] === undefined ? null : Number(row[name]))
  return {
    id: number('id') ?? 0,
    runId: text('run_id') ?? '',
    revision: text('revision') ?? '',
    direction: (text('direction') ?? 'upgrade') as HistoryDirection,
    status: (text('status') ?? 'succeeded') as HistoryStatus,
    checksum: text('checksum'),
    fromRevisions: list('from_revisions'),
    toRevisions: list('to_revisions'),
    startedAt: text('started_at') ?? '',
    finishedAt: text('finished_at'),
    durationMs: number('duration_ms'),
    athanorVersion: text('athanor_version') ?? '',
    error: text('error'),
    statement: text('statement'),
    note: text('note'),
    statementsDone: number('statements_done'),
    statementsHash: text('statements_hash'),
    lastStatement: text('last_statement'),
    connectionId: text('connection_id'),
  }
}
