import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { readInvalidIndexes, type InvalidIndex } from '../dialect/invalid-indexes.js'
import type { LockState } from '../dialect/lock-state.js'
import { dialectNamed } from '../dialect/registry.js'
import { readCurrentHeads, withReadingConnection } from '../runtime/connect.js'
import { databaseFileMissing } from '../runtime/database-presence.js'
import { findEditedScripts, unresolvedSteps, type EditedScript } from '../runtime/history-checks.js'
import type { HistoryRow } from '../runtime/history-entry.js'
import { readHistory } from '../runtime/history-read.js'
import { historyTableOf } from '../runtime/locked-run.js'
import { readUnfinishedSteps, type UnfinishedStep } from '../runtime/unfinished-step.js'

/**
 * A revision an `upgrade heads` would run, with its message.
 *
 * @example
 * const { databases } = await status({ directory: 'migrations' })
 * const next: PendingRevision | undefined = databases[0]?.pending[0]
 * if (next) console.log(`next: ${next.revision} ${next.message}`)
 */
export interface PendingRevision {
  readonly revision: string
  readonly message: string
}

/**
 * Where one database stands (`athanor status`): its revisions, what is
 * left to run, and anything that needs a hand before the next run.
 *
 * @example
 * const { databases } = await status({ directory: 'migrations' })
 * for (const db of databases) console.log(db.url, db.current.join(', ') || 'base', `${db.pending.length} pending`)
 */
export interface DatabaseStatus {
  /** Several databases: the one this is about; absent for a single-database project. */
  readonly database?: string
  /** The database, password redacted. */
  readonly url: string
  /** False for a SQLite file not created yet (status reads, and creates nothing). */
  readonly exists: boolean
  /** The version rows: the current revisions, `[]` at base. */
  readonly current: readonly string[]
  /** The heads of the scripts' graph. */
  readonly heads: readonly string[]
  /** What `upgrade heads` would run, in order. */
  readonly pending: readonly PendingRevision[]
  /** Steps that failed or stopped outside a transaction and wait for `athanor resolve`. */
  readonly unresolved: readonly HistoryRow[]
  /** The same steps described as upgrade and check describe them: which statement stopped it, and the ways out. */
  readonly unfinished: readonly UnfinishedStep[]
  /** Applied scripts changed since they ran. */
  readonly edited: readonly EditedScript[]
  /** Indexes an interrupted build left INVALID (PostgreSQL). */
  readonly invalidIndexes: readonly InvalidIndex[]
  /** The migration lock now: `{ held: false }`, or who holds it when the database can tell. */
  readonly lock: LockState
  /** Nothing pending, unresolved, edited or invalid. */
  readonly upToDate: boolean
}

/**
 * What `status` reports: one entry per database, in config order, and
 * whether all of them are up to date.
 *
 * @example
 * const { upToDate } = await status({ directory: 'migrations' })
 * if (!upToDate) process.exitCode = 1
 */
export interface StatusResult {
  readonly databases: readonly DatabaseStatus[]
  readonly upToDate: boolean
}

/**
 * Where each database stands, read without the lock and without changing
 * anything: current and pending revisions, unresolved steps, edited
 * applied scripts, invalid indexes, and who holds the migration lock. A
 * SQLite file that does not exist is reported as such, not created.
 *
 * @example
 * const { databases } = await status({ directory: 'migrations' })
 * databases[0]?.pending.map((p) => p.revision) // what `athanor upgrade` would run
 */
export async function status(options: CommandOptions = {}): Promise<StatusResult> {
  const project = await openProject(options)
  const databases = await eachDatabase(selectDatabases(project, options), statusOne)
  return { databases, upToDate: databases.every((one) => one.upToDate) }
}

/** The status of one database: each of a project's, or of `--all`. */
export async function statusOne(project: Project): Promise<DatabaseStatus> {
  const scripts = await project.scripts()
  const graph = scripts.graph
  const url = project.databaseUrl()
  const exists = !databaseFileMissing(url)
  const read = exists
    ? await withReadingConnection(url, async (connection) => {
        const dialect = dialectNamed(connection.dialect)
        return {
          current: await readCurrentHeads(connection, project.versionTable),
          history: await readHistory(connection, dialect.compiler, historyTableOf(project)),
          invalidIndexes: await readInvalidIndexes(dialect, connection),
          lock: await dialect.readLockState(connection, url, project.versionTable),
          unfinished: await readUnfinishedSteps(connection, dialect, historyTableOf(project), scripts, project.x),
        }
      })
    : { current: [], history: [], invalidIndexes: [], lock: { held: false }, unfinished: [] }
  graph.checkHeads(read.current)
  const pending = graph
    .planUpgrade(read.current, 'heads')
    .map((step) => ({ revision: step.revision, message: scripts.script(step.revision).message }))
  const unresolved = unresolvedSteps(read.history)
  const edited = findEditedScripts(read.history, graph, scripts, read.current)
  const upToDate = pending.length === 0 && unresolved.length === 0 && edited.length === 0 && read.invalidIndexes.length === 0
  return {
    url: url.redacted,
    exists,
    current: read.current,
    heads: [...graph.heads].sort(),
    pending,
    unresolved,
    unfinished: read.unfinished,
    edited,
    invalidIndexes: read.invalidIndexes,
    lock: read.lock,
    upToDate,
  }
}

/**
 * Where each database is now, for the line that ends a failed command: its
 * version rows, or `exists: false` for a SQLite file not created. A
 * database that cannot be reached (no URL, a server down) is left out: the
 * error already said why.
 *
 * @example
 * for (const db of await databaseWhereabouts({ directory: 'migrations' })) console.error(db.url, db.current)
 */
export async function databaseWhereabouts(
  options: CommandOptions,
): Promise<Array<{ database?: string; url: string; exists: boolean; current: readonly string[] }>> {
  const project = await openProject(options)
  const found: Array<{ database?: string; url: string; exists: boolean; current: readonly string[] }> = []
  for (const view of selectDatabases(project, options)) {
    try {
      const url = view.databaseUrl()
      const exists = !databaseFileMissing(url)
      const current = exists ? await withReadingConnection(url, (connection) => readCurrentHeads(connection, view.versionTable)) : []
      found.push({ ...(view.database === undefined ? {} : { database: view.database }), url: url.redacted, exists, current })
    } catch {
      // Unreachable or unnamed: nothing to add to the error.
    }
  }
  return found
}
