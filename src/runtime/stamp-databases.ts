import { eachDatabase, refuseSharedVersionTables, selectDatabases } from '../config/database-selection.js'
import { type CommandOptions, openProject, type Project } from '../config/project.js'
import { dialectNamed } from '../dialect/registry.js'
import type { VersionRowChange } from '../revision/types.js'
import { readCurrentHeads } from './connect.js'
import type { MigrationExecutor } from './executor.js'
import { unresolvedSteps } from './history-checks.js'
import { HistoryWriter } from './history-writer.js'
import { LiveExecutor } from './live-executor.js'
import { type LockedDatabase, type MigrationLockOptions, withMigrationLock } from './locked-run.js'
import { OfflineExecutor } from './offline-executor.js'
import { offlineHeading } from './offline-heading.js'
import { applyVersionRowChanges, checkVersionRows } from './version-rows.js'
import { throwIfInterrupted } from '../core/interruption.js'
import { type BeginWait, beginWaitingForLock } from './begin-lock-wait.js'

/**
 * Options of `stamp`: besides the project and the lock, whether to empty
 * the version table first, and whether to print the SQL instead.
 *
 * @example
 * await stamp({ directory: 'migrations', purge: true }, ['ae1027a6acf'])
 */
export interface StampOptions extends CommandOptions, MigrationLockOptions {
  /** Empty the version table first; the way out of a database stamped with an unknown revision. */
  readonly purge?: boolean
  readonly sql?: boolean
  readonly write?: (text: string) => void
  /** Told each time the stamp's BEGIN waited out ddlLockTimeout for another session's lock and is tried again. */
  readonly onRetry?: (line: string) => void
}

/** What a stamp did on one database. */
export interface DatabaseStamp {
  /** Several databases: the one this result is about; absent for a single-database project. */
  readonly database?: string
  readonly from: string[]
  readonly to: string[]
  /** Revisions whose unresolved (failed or unfinished) steps the stamp settled. */
  readonly resolved: string[]
}

/**
 * Stamps each database the options select, one after another; offline, it
 * prints each one's SQL under its heading.
 *
 * @example
 * const stamped = await stampDatabases({ directory: 'migrations' }, ['head'])
 */
export async function stampDatabases(options: StampOptions, targets: readonly string[]): Promise<DatabaseStamp[]> {
  const project = await openProject(options)
  const views = selectDatabases(project, options)
  if (!options.sql) refuseSharedVersionTables(views)
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  return eachDatabase(views, async (view) => {
    if (view.database !== undefined && options.sql) write(offlineHeading(view))
    return stampOne(view, { ...options, write }, targets)
  })
}

/** Stamps one database: each of a project's, or of `--all`. */
export async function stampOne(project: Project, options: StampOptions, targets: readonly string[]): Promise<DatabaseStamp> {
  const graph = (await project.scripts()).graph
  const url = project.databaseUrl()
  const purge = options.purge === true

  const record = async (
    executor: MigrationExecutor,
    changes: readonly VersionRowChange[],
    alsoInside?: () => Promise<void>,
    locked?: { readonly db: LockedDatabase; readonly planned: readonly string[] | undefined },
  ) => {
    const signal = locked?.db.signal
    const planned = locked?.planned
    if (locked === undefined) await executor.begin()
    else await beginWaitingForLock(() => executor.begin(), stampWait(locked.db, targets, options))
    try {
      // Under the write lock (SQLite: BEGIN IMMEDIATE), the rows must still be
      // those the stamp planned from: a run through another path to the same
      // file holds another lock file and may have moved them meanwhile.
      if (planned !== undefined) checkVersionRows(await executor.readVersionRows(), planned)
      await executor.ensureVersionTable()
      await executor.applyVersionChanges(changes)
      await alsoInside?.()
      // A signal during the stamp undoes it: the version table stays as it was.
      await throwIfInterrupted(signal, 'during stamp: rolled back; the version table is unchanged')
      await executor.commit()
    } catch (error) {
      await executor.rollback()
      throw error
    }
  }

  if (options.sql) {
    const changes = graph.planStamp([], targets)
    const write = options.write ?? ((text: string) => process.stdout.write(text))
    await record(new OfflineExecutor(dialectNamed(url.dialect), project.versionTable, write), changes)
    return { from: [], to: applyVersionRowChanges([], changes), resolved: [] }
  }

  // A stamp is how a dropped version table is put back.
  return withMigrationLock(project, { ...options, versionTableMayBeLost: true }, async (db) => {
    const heads = [...db.heads]
    if (!purge) graph.checkHeads(heads)
    // A purge empties the table first, rows the graph may not know included,
    // then stamps as if from base.
    const changes: VersionRowChange[] = purge
      ? [...heads.map((id) => ({ kind: 'delete' as const, id })), ...graph.planStamp([], targets)]
      : graph.planStamp(heads, targets)
    const to = applyVersionRowChanges(purge ? [] : heads, purge ? changes.slice(heads.length) : changes)
    const history = new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable)
    const unresolved = unresolvedSteps(db.history)
    // The history table is created outside the transaction: MySQL would commit it implicitly anyway.
    await history.ensureTable()
    await record(
      new LiveExecutor(db.connection, db.dialect, db.versionTable),
      changes,
      async () => {
        for (const row of unresolved) await history.resolve(row.id, `settled by stamp to ${to.join(', ') || 'base'}`)
        const startedAt = new Date()
        for (const revision of to.length > 0 ? to : ['base']) {
          await history.succeeded({ revision, direction: 'stamp', checksum: null, fromRevisions: heads, toRevisions: to }, startedAt)
        }
      },
      { db, planned: db.dialect.capabilities.lockSeesEveryRunner ? undefined : heads },
    )
    return { from: heads, to: await readCurrentHeads(db.connection, db.versionTable), resolved: unresolved.map((row) => row.revision) }
  })
}

/** How the stamp's BEGIN waits for a lock another session holds (SQLite's write lock): as a migration's does. */
function stampWait(db: LockedDatabase, targets: readonly string[], options: StampOptions): BeginWait {
  return {
    session: db.dialect.sessionTimeouts,
    retry: db.ddlLockRetry,
    waiting: `stamp ${targets.join(' ')}`,
    notify: options.onRetry ?? (() => {}),
  }
}
