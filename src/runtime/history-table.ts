import { defaultHistoryTable } from '../config/config.js'
import type { Project } from '../config/project.js'
import type { DialectCompiler, Statement } from '../dialect/types.js'
import type { Column, Table } from '../schema/types.js'

/**
 * The history table: one row per migration step, stamp and resolution.
 * Times are ISO-8601 UTC text, not a timestamp type: the three dialects and
 * their drivers agree on text, while DATETIME comes back zone-shifted from
 * mysql2 and as a Date from pg. They sort correctly as text.
 *
 * @example
 * historyTableDefinition('athanor_version_history').columns.map((column) => column.name) // ['id', 'run_id', 'revision', …]
 */
export function historyTableDefinition(name: string): Table {
  const text = (column: string, nullable = true) => ({ name: column, type: { kind: 'text' as const }, nullable })
  const string = (column: string, length: number, nullable = true) => ({
    name: column,
    type: { kind: 'string' as const, length },
    nullable,
  })
  return {
    name,
    columns: [
      { name: 'id', type: { kind: 'bigint' }, primaryKey: true, autoincrement: true, nullable: false },
      string('run_id', 36, false),
      string('revision', 64, false),
      string('direction', 16, false),
      string('status', 16, false),
      string('checksum', 64),
      text('from_revisions'),
      text('to_revisions'),
      string('started_at', 32, false),
      string('finished_at', 32),
      { name: 'duration_ms', type: { kind: 'bigint' }, nullable: true },
      string('athanor_version', 32, false),
      text('error'),
      text('statement'),
      text('note'),
      ...JOURNAL_COLUMNS,
    ],
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    // A step's closing update finds its `started` row by run and revision;
    // without an index every step would scan the whole history.
    indexes: [{ name: `ix_${name}_run_id_revision`, columns: ['run_id', 'revision'] }],
  }
}

/**
 * The step journal's columns, added after the table's first layout: how
 * many statements of a step that runs outside a transaction have completed,
 * a running hash of their text (fixed size however many there are), the
 * last one's text, and the server session that ran them. A table made
 * before them gets them added in place (see HistoryWriter.ensureTable).
 */
const JOURNAL_COLUMNS: readonly Column[] = [
  { name: 'statements_done', type: { kind: 'bigint' }, nullable: true },
  { name: 'statements_hash', type: { kind: 'string', length: 64 }, nullable: true },
  { name: 'last_statement', type: { kind: 'text' }, nullable: true },
  { name: 'connection_id', type: { kind: 'string', length: 32 }, nullable: true },
]

/**
 * The statements that add the journal columns a history table lacks, given
 * the columns it has.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * addMissingHistoryColumns(dialectNamed('sqlite').compiler, 'athanor_version_history', ['id', 'run_id'])
 * // [{ sql: 'ALTER TABLE "athanor_version_history" ADD COLUMN "statements_done" BIGINT' }, …]
 */
export function addMissingHistoryColumns(compiler: DialectCompiler, name: string, existing: readonly string[]): Statement[] {
  const has = new Set(existing.map((column) => column.toLowerCase()))
  return JOURNAL_COLUMNS.filter((column) => !has.has(column.name)).flatMap((column) =>
    compiler.compileSql({ kind: 'add_column', table: name, column }, 'online'),
  )
}

/**
 * The statements that create the history table in a dialect.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * createHistoryTable(dialectNamed('sqlite').compiler, 'athanor_version_history').map((statement) => statement.sql)
 * // ['CREATE TABLE "athanor_version_history" (…)', 'CREATE INDEX "ix_athanor_version_history_run_id_revision" ON …']
 */
export function createHistoryTable(compiler: DialectCompiler, name: string): Statement[] {
  return compiler.compileSql({ kind: 'create_table', table: historyTableDefinition(name) }, 'online')
}

/**
 * The project's history table: configured, or `<versionTable>_history`.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * historyTableOf(await openProject({ directory: 'migrations' })) // 'athanor_version_history'
 */
export function historyTableOf(project: Project): string {
  return project.config.historyTable ?? defaultHistoryTable(project.versionTable)
}
