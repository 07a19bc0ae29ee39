import { redactError } from '../core/error-copy.js'
import { AthanorError } from '../errors.js'
import { scrubSecrets, type DatabaseUrl } from '../config/database-url.js'
import { compilerFor } from './compilers.js'
import type { DatabaseConnection } from './connection.js'

/**
 * Opens a connection for a URL. Drivers are imported on demand, so a SQLite
 * project never loads a network driver. A failure to connect is one line
 * naming the server, host, port and user, never the password.
 *
 * @example
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * try { await connection.query('SELECT 1') } finally { await connection.close() }
 */
export async function openConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  switch (url.dialect) {
    case 'sqlite': {
      const { SqliteConnection } = await import('../dialect/sqlite/driver.js')
      return SqliteConnection.open(url.filename ?? ':memory:')
    }
    case 'postgresql': {
      const { PostgresConnection } = await import('../dialect/postgresql/driver.js')
      return PostgresConnection.open(url)
    }
    case 'mysql': {
      const { MysqlConnection } = await import('../dialect/mysql/driver.js')
      return MysqlConnection.open(url)
    }
  }
}

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
  const rows = await connection.query(compilerFor(connection.dialect).versionTable.select(versionTable).sql)
  return rows.map((row) => String(row['version_num'])).sort()
}
