import { AthanorError } from '../core/errors.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectOfConnection } from '../dialect/dialect-loader.js'
import type { VersionRowChange } from '../revision/types.js'
import { checkTableShape } from './table-shape.js'

/** The version rows after applying changes to `heads`; what a run will leave behind. */
export function applyVersionRowChanges(heads: readonly string[], changes: Iterable<VersionRowChange>): string[] {
  const rows = new Set(heads)
  for (const change of changes) {
    if (change.kind === 'insert') rows.add(change.id)
    else if (change.kind === 'delete') rows.delete(change.id)
    else {
      rows.delete(change.from)
      rows.add(change.to)
    }
  }
  return [...rows].sort()
}

/**
 * The version rows, sorted, or `undefined` when there is no version table.
 * The table is checked first (see checkTableShape) and its rows after: a
 * NULL, an empty id or one id twice is refused in one line naming the
 * table, rather than read as a revision named 'null' or ''.
 *
 * @example
 * import { openConnection } from '../dialect/registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * await readVersionRows(connection, 'athanor_version') // ['ae1027a6acf0'], [] at base, undefined before the first run
 */
export async function readVersionRows(connection: DatabaseConnection, table: string): Promise<string[] | undefined> {
  const shape = await connection.describeTable(table)
  if (shape === undefined) return undefined
  checkTableShape(shape, {
    code: 'INVALID_VERSION_TABLE',
    role: 'version table',
    table,
    columns: [{ name: 'version_num', family: 'text' }],
    elsewhere: `give athanor a table of its own with versionTable in the config, or move this ${shape.kind} away`,
    restore: `restore it as ${table}(version_num VARCHAR(32) NOT NULL PRIMARY KEY), one row per applied head`,
  })
  const rows = await connection.query(dialectOfConnection(connection).compiler.versionTable.select(table).sql)
  const ids = rows.map((row) => row['version_num'])
  const fail = (problem: string): never => {
    throw new AthanorError('INVALID_VERSION_TABLE', `version table ${table} ${problem}; correct its rows by hand, one per applied head`)
  }
  const seen = new Set<string>()
  for (const id of ids) {
    if (id === null || id === undefined) fail('holds a row whose version_num is NULL')
    const text = String(id)
    if (text.trim() === '') fail(`holds an empty version_num ${JSON.stringify(text)}`)
    if (seen.has(text)) fail(`holds revision ${text} twice`)
    seen.add(text)
  }
  return [...seen].sort()
}

/** Whether the version rows found are those expected, in any order. */
export function sameVersionRows(found: readonly string[], expected: readonly string[]): boolean {
  const want = [...expected].sort()
  return found.length === want.length && [...found].sort().every((row, i) => row === want[i])
}

/** Version rows as messages name them: `base`, or the ids. */
export function showVersionRows(rows: readonly string[]): string {
  return rows.length === 0 ? 'base' : [...rows].sort().join(', ')
}

/**
 * Throws VERSION_TABLE_CHANGED when the version rows read under the
 * database's write lock are not those the command planned from: another
 * run moved them meanwhile (on SQLite, through another path to the same
 * file, whose lock file is another). `undefined` (offline) passes.
 *
 * @example
 * checkVersionRows(['ae1027a6acf0'], ['ae1027a6acf0']) // the rows planned from: passes
 * checkVersionRows(['1975ea83b712'], ['ae1027a6acf0']) // moved by another run: throws VERSION_TABLE_CHANGED
 */
export function checkVersionRows(found: readonly string[] | undefined, expected: readonly string[]): void {
  if (found === undefined || sameVersionRows(found, expected)) return
  throw new AthanorError(
    'VERSION_TABLE_CHANGED',
    `the version table changed under this run: it holds ${showVersionRows(found)} where this run expected ${showVersionRows(expected)}; ` +
      'another athanor run migrated the same database meanwhile (through another path to the same file?); run the command again',
  )
}
