import { redactError } from '../core/error-copy.js'
import { AthanorError } from '../core/errors.js'
import { scrubSecrets, type DatabaseUrl } from '../core/database-url.js'
import type { Project } from '../config/project.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed, openConnection } from '../dialect/registry.js'

/** Runs `work` on a fresh connection and closes it; errors never leak the password. */
export async function withConnection<T>(url: DatabaseUrl, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  let connection: DatabaseConnection | undefined
  try {
    connection = await openConnection(url)
    return await work(connection)
  } catch (error) {
    throw scrubError(error, url)
  } finally {
    await connection?.close().catch(() => undefined)
  }
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
  if (!(await connection.hasTable(versionTable))) return []
  const rows = await connection.query(dialectNamed(connection.dialect).compiler.versionTable.select(versionTable).sql)
  return rows.map((row) => String(row['version_num'])).sort()
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
  return withConnection(project.databaseUrl(), (connection) => readCurrentHeads(connection, project.versionTable))
}
