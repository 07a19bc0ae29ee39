import { DEFAULT_LOCK_TIMEOUT_MS, parseLockTimeout } from '../config/lock-timeout.js'
import { AthanorError } from '../core/errors.js'
import type { Dialect } from '../dialect/dialect.js'
import { dialectNamed } from '../dialect/registry.js'
import { withConnection } from './connect.js'
import { lostVersionTableError } from './history-checks.js'
import { guardedByLock } from './lock-guard.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import type { HistoryRow } from './history-entry.js'
import { readHistoryTable } from './history-read.js'
import { historyTableOf } from './history-table.js'
import { readVersionRows } from './version-rows.js'
import type { Project } from '../config/project.js'
import { runTimeouts, type RunTimeoutOptions } from '../config/run-timeouts.js'
import { interruptedError } from '../core/interruption.js'
import { StepGuard } from './step-guard.js'
import { DdlLockRetry, ddlLockPolicy } from './ddl-lock-retry.js'
import { awaitStoppedRunners } from './runner-sessions.js'

/**
 * Options of every command that changes the version table: how long to wait
 * for another run's migration lock, who hears that it waits, what stops the
 * command midway, and the run's time limits (see {@link RunTimeoutOptions}).
 *
 * @example
 * await stamp({ directory: 'migrations', lockTimeout: '90s', onLockWait: (message) => console.error(message) }, ['head'])
 */
export interface MigrationLockOptions extends RunTimeoutOptions {
  /**
   * How long to wait for another athanor run on the same database: seconds,
   * or a string with a unit (`'90s'`, `'500ms'`). Over the config's `lockTimeout`.
   */
  readonly lockTimeout?: number | string
  /** Galera: `rsu` allows a session set to Rolling Schema Upgrade; refused otherwise. */
  readonly galeraOsu?: 'toi' | 'rsu'
  /** Told once when another run holds the lock and this one starts waiting. */
  readonly onLockWait?: (message: string) => void
  /**
   * Stops the command: a wait for the lock ends at once, the migration in
   * progress is cancelled and rolled back (or journaled where it stopped),
   * the lock is released, and the command fails with INTERRUPTED (or
   * TERMINATED when the reason is `'SIGTERM'`). The CLI aborts it on SIGINT
   * and SIGTERM, with the signal's name as the reason.
   */
  readonly signal?: AbortSignal
}

/** How a locked command reads the version table; for athanor's own commands, not part of the API. */
interface LockedReading {
  /** A dropped version table reads as base even when the history says revisions are applied. */
  readonly versionTableMayBeLost?: boolean
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
  /** Whether the version table was there when they were read. */
  readonly versionTableFound: boolean
  /** The history rows, read after the lock was taken. */
  readonly history: readonly HistoryRow[]
  /** The history table's column names when they were read; `undefined` without a table. */
  readonly historyColumns: readonly string[] | undefined
  /** Stops a migration midway on a signal, stepTimeout or a wait for nothing; runs of scripts go through it. */
  readonly guard: StepGuard
  /** Runs a migration again when its statement's lock wait timed out (see DdlLockRetry). */
  readonly ddlLockRetry: DdlLockRetry
  /** The command's AbortSignal, for the commands that run no script. */
  readonly signal?: AbortSignal
}

/**
 * Connects, takes the migration lock, and reads the version and history
 * tables only then: a runner that waited for another sees what that one
 * did, so the second of two replicas starting together finds nothing to do.
 * A version table dropped while the history says revisions are applied is
 * refused, unless `versionTableMayBeLost` (stamp, which is how the user
 * puts it back).
 *
 * @example
 * import { openProject } from '../config/project.js'
 * const project = await openProject({ directory: 'migrations' })
 * await withMigrationLock(project, { lockTimeout: 30 }, async (db) => db.heads) // the version rows, read under the lock
 */
export async function withMigrationLock<T>(
  project: Project,
  options: MigrationLockOptions & LockedReading,
  work: (db: LockedDatabase) => Promise<T>,
): Promise<T> {
  const url = project.databaseUrl()
  const timeoutMs = parseLockTimeout(options.lockTimeout ?? project.config.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_MS / 1000)
  const historyTable = historyTableOf(project)
  const timeouts = runTimeouts(options, project.config)
  const signal = options.signal
  return withConnection(url, async (connection) => {
    const dialect = dialectNamed(connection.dialect)
    const readOnly = await dialect.readOnlyReason(connection)
    if (readOnly !== null) throw new AthanorError('READ_ONLY_DATABASE', `${url.redacted} ${readOnly}`)
    const lock = await dialect
      .acquireLock(connection, url, {
        versionTable: project.versionTable,
        timeoutMs,
        ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
        ...(signal ? { signal } : {}),
        ...(options.galeraOsu ? { galeraOsu: options.galeraOsu } : {}),
        ...(project.config.clusterLockExpiry === undefined
          ? {}
          : { clusterLockExpiryMs: parseLockTimeout(project.config.clusterLockExpiry, 'clusterLockExpiry') }),
      })
      .catch((error: unknown) => {
        if (!signal?.aborted) throw error
        throw interruptedError(signal.reason, `while waiting for the migration lock on ${url.redacted}; nothing ran`, { cause: error })
      })
    const assertHeld = lock.assertHeld?.bind(lock)
    const guarded = assertHeld ? guardedByLock(connection, assertHeld) : connection
    try {
      const ddlLock = await ddlLockPolicy(timeouts, dialect.sessionTimeouts, guarded)
      await dialect.sessionTimeouts.apply(guarded, {
        ...(timeouts.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: timeouts.statementTimeoutMs }),
        ...(ddlLock.timeoutMs === undefined || ddlLock.source === 'session' ? {} : { lockTimeoutMs: ddlLock.timeoutMs }),
      })
      await dialect.strictSession?.(guarded)
      const rows = await readVersionRows(guarded, project.versionTable)
      const { rows: history, columns: historyColumns } = await readSettledHistory(guarded, dialect, historyTable, {
        scope: lock.scope,
        url,
        timeoutMs,
        ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
      })
      if (rows === undefined && options.versionTableMayBeLost !== true) {
        const error = lostVersionTableError(project.versionTable, historyTable, history)
        if (error !== undefined) throw error
      }
      const heads = rows ?? []
      // A lock timeout of the session's own is named as the database's, not as ddlLockTimeout.
      const ddlLockTimeoutMs = ddlLock.source === 'session' ? undefined : ddlLock.timeoutMs
      const limits = { ...timeouts, ddlLockTimeoutMs, ...(signal ? { signal } : {}) }
      const guard = new StepGuard(limits, guarded, dialect.sessionTimeouts)
      const ddlLockRetry = new DdlLockRetry(ddlLock, dialect.sessionTimeouts, guarded, signal)
      const versionTable = project.versionTable
      return await guard.watchStrayFailures(() =>
        work({
          connection: guarded,
          dialect,
          scope: lock.scope,
          versionTable,
          historyTable,
          heads,
          versionTableFound: rows !== undefined,
          history,
          historyColumns,
          guard,
          ddlLockRetry,
          ...(signal ? { signal } : {}),
        }),
      )
    } finally {
      // A broken connection has lost the lock with its session already.
      await lock.release().catch(() => undefined)
    }
  })
}

/**
 * The lock and limit options out of a command's options, without `onLockWait`.
 *
 * @example
 * lockAndLimits({ lockTimeout: 30, stepTimeout: '5m', onLockWait: console.error }) // { lockTimeout: 30, stepTimeout: '5m' }
 */
export function lockAndLimits(options: MigrationLockOptions): Omit<MigrationLockOptions, 'onLockWait'> {
  const { lockTimeout, signal, stepTimeout, statementTimeout, ddlLockTimeout, ddlLockRetries, ddlLockRetryDelay, galeraOsu } = options
  return {
    ...(ddlLockRetries === undefined ? {} : { ddlLockRetries }),
    ...(ddlLockRetryDelay === undefined ? {} : { ddlLockRetryDelay }),
    ...(lockTimeout === undefined ? {} : { lockTimeout }),
    ...(galeraOsu === undefined ? {} : { galeraOsu }),
    ...(signal === undefined ? {} : { signal }),
    ...(stepTimeout === undefined ? {} : { stepTimeout }),
    ...(statementTimeout === undefined ? {} : { statementTimeout }),
    ...(ddlLockTimeout === undefined ? {} : { ddlLockTimeout }),
  }
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
): Promise<{ rows: HistoryRow[]; columns: string[] | undefined }> {
  const history = await readHistoryTable(connection, dialect.compiler, table)
  const waited = await awaitStoppedRunners(connection, dialect, history.rows, options)
  return waited ? readHistoryTable(connection, dialect.compiler, table) : history
}

// It lives with the history table now; commands import it from here too.
export { historyTableOf }
