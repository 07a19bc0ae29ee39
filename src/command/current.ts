import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { readInvalidIndexes, type InvalidIndex } from '../dialect/invalid-indexes.js'
import { dialectOfConnection } from '../dialect/dialect-loader.js'
import { readHeadsOfProject, withReadingConnection } from '../runtime/connect.js'
import { databaseFileMissing } from '../runtime/database-presence.js'
import { historyTableOf } from '../runtime/history-table.js'
import { readUnfinishedSteps, type UnfinishedStep } from '../runtime/unfinished-step.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/** What `current` reports about one database. */
export interface DatabaseCurrent {
  /** The database, password redacted. */
  readonly url: string
  readonly revisions: RevisionView[]
  /**
   * Indexes the database keeps but does not use, left by an index build
   * that did not finish (PostgreSQL's CREATE INDEX CONCURRENTLY); empty on
   * databases where a failed build leaves none.
   */
  readonly invalidIndexes: readonly InvalidIndex[]
  /**
   * Steps that ran outside a transaction and did not finish (MySQL/MariaDB,
   * `transactional = false` scripts): which statements of which revision
   * ran. Empty when there are none.
   */
  readonly unfinished: readonly UnfinishedStep[]
  /** Several databases: the one this result is about; absent for a single-database project. */
  readonly database?: string
  /** The database is a file that does not exist yet (at base; `current` does not create it). */
  readonly missing?: true
}

/**
 * What `current` reports: one entry per database, in config order; a
 * single-database project has one.
 *
 * @example
 * const { databases } = await current({ directory: 'migrations' })
 * for (const db of databases) console.log(db.database ?? db.url, db.revisions.map((r) => r.revision).join(', ') || 'base')
 */
export interface CurrentResult {
  readonly databases: readonly DatabaseCurrent[]
}

/**
 * The database's current revisions (`flask db current`): one per version row.
 *
 * @example
 * const { databases } = await current({ url: 'sqlite:///app.db' })
 * databases[0]?.revisions.map((view) => view.revision) // the version rows: [] at base
 */
export async function current(options: CommandOptions = {}): Promise<CurrentResult> {
  const project = await openProject(options)
  return { databases: await eachDatabase(selectDatabases(project, options), currentOne) }
}

/** The current revisions of one database: each of a project's, or of `--all`. */
export async function currentOne(project: Project): Promise<DatabaseCurrent> {
  const scripts = await project.scripts()
  const url = project.databaseUrl()
  // Before the read, which reads a missing file as the empty database it would be (see withReadingConnection).
  const missing = databaseFileMissing(url)
  const { heads, invalidIndexes, unfinished } = await withReadingConnection(url, async (connection) => ({
    heads: await readHeadsOfProject(connection, project),
    invalidIndexes: await readInvalidIndexes(dialectOfConnection(connection), connection),
    unfinished: await readUnfinishedSteps(connection, dialectOfConnection(connection), historyTableOf(project), scripts, project.x),
  }))
  scripts.graph.checkHeads(heads)
  const revisions = heads.map((id) => revisionView(scripts, id, heads))
  return { url: url.redacted, revisions, invalidIndexes, unfinished, ...(missing ? { missing: true as const } : {}) }
}

export type { InvalidIndex }
