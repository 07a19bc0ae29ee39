import { defaultHistoryTable } from '../config/config.js'
import { DEFAULT_LOCK_TIMEOUT_MS, parseLockTimeout } from '../config/lock-timeout.js'
import type { Dialect } from '../dialect/dialect.js'
import { dialectNamed } from '../dialect/registry.js'
import { readCurrentHeads, withConnection } from './connect.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { HistoryRow } from './history-entry.js'
import { readHistory } from './history-read.js'
import type { Project } from '../config/project.js'
import { awaitStoppedRunners } from './runner-sessions.js'

/**
 * Options of every command that changes the version table: how long to wait
 * for another run's migration lock, and who hears that it waits.
 *
 * @example
 * await stamp({ directory: 'migrations', lockTimeout: '90s', onLockWait: (message) => console.error(message) }, ['head'])
 */
export interface MigrationLockOptions {
  /**
   * How long to wait for another athanor run on the same database: seconds,
   * or a string with a unit (`'90s'`, `'500ms'`). Over the config's `lockTimeout`.
   */
  readonly lockTimeout?: number | string
  /** Told once when another run holds the lock and this one starts waiting. */
  readonly onLockWait?: (message: string) => void
}

/** What a locked command sees: the database as it is once the lock is held. */
export interface LockedDatabase {
  readonly connection: DatabaseConnection
  readonly dialect: Dialect
  /** The locked scope, safe to print (no password). */
  readonly scope: string
  readonly versionTable: string
  readonly historyTable: string
  /** The version rows, read after the lock was taken. */
  readonly heads: readonly string[]
  /** The history rows, read after the lock was taken. */
  readonly history: readonly HistoryRow[]
}

/**
 * Connects, takes the migration lock, and reads the version and history
 * tables only then: a runner that waited for another sees what that one
 * did, so the second of two replicas starting together finds nothing to do.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * await withMigrationLock(project, { lockTimeout: 30 }, async (db) => db.heads) // the version rows, read under the lock
 */
export async function withMigrationLock<T>(
  project: Project,
  options: MigrationLockOptions,
  work: (db: LockedDatabase) => Promise<T>,
): Promise<T> {
  const url = project.databaseUrl()
  const timeoutMs = parseLockTimeout(options.lockTimeout ?? project.config.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_MS / 1000)
  const historyTable = historyTableOf(project)
  return withConnection(url, async (connection) => {
    const dialect = dialectNamed(connection.dialect)
    const lock = await dialect.acquireLock(connection, url, {
      versionTable: project.versionTable,
      timeoutMs,
      ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
    })
    try {
      const heads = await readCurrentHeads(connection, project.versionTable)
      const history = await readSettledHistory(connection, dialect, historyTable, {
        scope: lock.scope,
        timeoutMs,
        ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
      })
      return await work({ connection, dialect, scope: lock.scope, versionTable: project.versionTable, historyTable, heads, history })
    } finally {
      // A broken connection has lost the lock with its session already.
      await lock.release().catch(() => undefined)
    }
  })
}

/**
 * The history, read once no stopped runner's statement is left on the
 * server: until then its last journal entry may still change.
 */
async function readSettledHistory(
  connection: DatabaseConnection,
  dialect: Dialect,
  table: string,
  options: Parameters<typeof awaitStoppedRunners>[3],
): Promise<HistoryRow[]> {
  const history = await readHistory(connection, dialect.compiler, table)
  return (await awaitStoppedRunners(connection, dialect, history, options)) ? readHistory(connection, dialect.compiler, table) : history
}

/** The project's history table: configured, or `<versionTable>_history`. */
export function historyTableOf(project: Project): string {
  return project.config.historyTable ?? defaultHistoryTable(project.versionTable)
}
