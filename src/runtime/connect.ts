import { redactError } from '../core/error-copy.js'
import { AthanorError } from '../core/errors.js'
import { scrubSecrets, type DatabaseUrl } from '../core/database-url.js'
import type { Project } from '../config/project.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectOfConnection, openDialectConnection } from '../dialect/dialect-loader.js'
import { lostVersionTableError } from './history-checks.js'
import { readHistory } from './history-read.js'
import { databaseFileMissing } from './database-presence.js'
import { historyTableOf } from './history-table.js'
import { readVersionRows } from './version-rows.js'

/** Runs `work` on a fresh connection and closes it; errors never leak the password. */
export async function withConnection<T>(url: DatabaseUrl, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  let connection: DatabaseConnection | undefined
  try {
    connection = await openDialectConnection(url)
    return await work(connection)
  } catch (error) {
    throw scrubError(error, url)
  } finally {
    await connection?.close().catch(() => undefined)
  }
}

/**
 * {@link withConnection} for a command that reports what the database holds
 * without taking the migration lock (`current`, `status`, `history`): on a
 * cluster node its reads wait until the node has applied what the other
 * nodes committed, so a migration just run from another node is seen.
 *
 * @example
 * import { parseDatabaseUrl } from '../core/database-url.js'
 * const url = parseDatabaseUrl('mysql://root@127.0.0.1:3318/app')
 * await withReadingConnection(url, (connection) => readCurrentHeads(connection, 'athanor_version'))
 */
export function withReadingConnection<T>(url: DatabaseUrl, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  // A database file not made yet is at base, as an empty one is: read that
  // from memory, as opening the file would create it (a typo's empty file
  // would then pass for a database). A `?mode=` that wants the file keeps
  // its own answer.
  const reading = databaseFileMissing(url) && url.params['mode'] === undefined ? { ...url, filename: ':memory:' } : url
  return withConnection(reading, async (connection) => {
    await dialectOfConnection(connection).sessions?.readClusterCommits?.(connection)
    return work(connection)
  })
}

/**
 * The error with the URL's password blanked everywhere: message, stack,
 * fields and the whole cause chain (see redactError), keeping its class,
 * code and cause. A foreign error whose message held the password becomes
 * `DATABASE_ERROR`, with its redacted copy as the cause.
 */
function scrubError(error: unknown, url: DatabaseUrl): unknown {
  if (!(error instanceof Error) || !url.password) return error
  const redacted = redactError(error, (text) => scrubSecrets(text, url))
  if (error instanceof AthanorError || redacted.message === error.message) return redacted
  return new AthanorError('DATABASE_ERROR', redacted.message, { cause: redacted })
}

/** The version rows: the database's current heads. No table means base. */
export async function readCurrentHeads(connection: DatabaseConnection, versionTable: string): Promise<string[]> {
  return (await readVersionRows(connection, versionTable)) ?? []
}

/**
 * The version rows of a project's database, as {@link readCurrentHeads},
 * except that a version table dropped while the history table says
 * revisions are applied is refused rather than read as base.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * await withConnection(project.databaseUrl(), (connection) => readHeadsOfProject(connection, project)) // ['ae1027a6acf0']
 */
export async function readHeadsOfProject(connection: DatabaseConnection, project: Project): Promise<string[]> {
  const rows = await readVersionRows(connection, project.versionTable)
  if (rows !== undefined) return rows
  const historyTable = historyTableOf(project)
  const error = lostVersionTableError(
    project.versionTable,
    historyTable,
    await readHistory(connection, dialectOfConnection(connection).compiler, historyTable),
  )
  if (error !== undefined) throw error
  return []
}

/**
 * The version rows of a project's database, on a connection of their own.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const heads = await readProjectHeads(await openProject({ directory: 'migrations' }))
 * heads // [] at base, else the applied heads, sorted
 */
export function readProjectHeads(project: Project): Promise<string[]> {
  return withConnection(project.databaseUrl(), (connection) => readHeadsOfProject(connection, project))
}
