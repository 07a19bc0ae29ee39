import type { VersionRowChange } from '../revision/types.js'
import { dialectNamed } from '../dialect/registry.js'
import { readCurrentHeads } from '../runtime/connect.js'
import type { MigrationExecutor } from '../runtime/executor.js'
import { unresolvedSteps } from '../runtime/history-checks.js'
import { HistoryWriter } from '../runtime/history-writer.js'
import { LiveExecutor } from '../runtime/live-executor.js'
import { OfflineExecutor } from '../runtime/offline-executor.js'
import { applyVersionRowChanges } from '../runtime/version-rows.js'
import { eachDatabase, refuseSharedVersionTables, selectDatabases } from '../config/database-selection.js'
import { withMigrationLock, type MigrationLockOptions } from '../runtime/locked-run.js'
import { offlineHeading } from '../runtime/offline-heading.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'

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
 * What a stamp did: one entry per database, in config order; a
 * single-database project has one.
 *
 * @example
 * const { databases } = await stamp({ directory: 'migrations' }, ['head'])
 * for (const { database, from, to } of databases) console.log(database ?? 'database', from, '->', to)
 */
export interface StampResult {
  readonly databases: readonly DatabaseStamp[]
}

/**
 * Sets the version table to the given revisions without running any
 * migration (`flask db stamp`): for a database whose schema is already there.
 * It takes the migration lock like a run, records itself in the history
 * table, and settles any failed or unfinished step: a stamp declares the
 * database's state, which is what resolving one does.
 *
 * @example
 * await stamp({ url: 'sqlite:///app.db' }, ['head'])
 * await stamp({ directory: 'migrations', db: 'db1' }, ['head']) // one database of several
 */
export async function stamp(options: StampOptions, targets: readonly string[]): Promise<StampResult> {
  const project = await openProject(options)
  const views = selectDatabases(project, options)
  if (!options.sql) refuseSharedVersionTables(views)
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  const results = await eachDatabase(views, async (view) => {
    if (view.database !== undefined && options.sql) write(offlineHeading(view))
    return stampOne(view, { ...options, write }, targets)
  })
  return { databases: results }
}

async function stampOne(project: Project, options: StampOptions, targets: readonly string[]): Promise<DatabaseStamp> {
  const graph = (await project.scripts()).graph
  const url = project.databaseUrl()
  const purge = options.purge === true

  const record = async (executor: MigrationExecutor, changes: readonly VersionRowChange[], alsoInside?: () => Promise<void>) => {
    await executor.begin()
    try {
      await executor.ensureVersionTable()
      await executor.applyVersionChanges(changes)
      await alsoInside?.()
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

  return withMigrationLock(project, options, async (db) => {
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
    await record(new LiveExecutor(db.connection, db.dialect, db.versionTable), changes, async () => {
      for (const row of unresolved) await history.resolve(row.id, `settled by stamp to ${to.join(', ') || 'base'}`)
      const startedAt = new Date()
      for (const revision of to.length > 0 ? to : ['base']) {
        await history.succeeded({ revision, direction: 'stamp', checksum: null, fromRevisions: heads, toRevisions: to }, startedAt)
      }
    })
    return { from: heads, to: await readCurrentHeads(db.connection, db.versionTable), resolved: unresolved.map((row) => row.revision) }
  })
}
