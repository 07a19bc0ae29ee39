import type { DialectCompiler } from '../dialect/types.js'
import type { Row } from '../ops/operation-sink.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { UNRESOLVED_STATUSES, type HistoryDirection, type HistoryRow, type HistoryStatus } from './history-entry.js'

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
  if (!(await connection.hasTable(table))) return []
  const q = (name: string) => compiler.quoteIdentifier(name)
  const rows = await connection.query(`SELECT * FROM ${q(table)} ORDER BY ${q('id')}`)
  return rows.map(toHistoryRow)
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
  if (!(await connection.hasTable(table))) return []
  const q = (name: string) => compiler.quoteIdentifier(name)
  const statuses = UNRESOLVED_STATUSES.map((status) => compiler.renderLiteral(status)).join(', ')
  const rows = await connection.query(`SELECT * FROM ${q(table)} WHERE ${q('status')} IN (${statuses}) ORDER BY ${q('id')}`)
  return rows.map(toHistoryRow)
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
