import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { readProjectHeads } from '../runtime/connect.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/** What `current` reports about a database. */
export interface CurrentResult {
  /** The database, password redacted. */
  readonly url: string
  readonly revisions: RevisionView[]
  /** Several databases: the one this result is about. */
  readonly database?: string
  /** Several databases: one result per database, in config order; the top-level fields are the first's. */
  readonly databases?: readonly CurrentResult[]
}

/**
 * The database's current revisions (`flask db current`): one per version row.
 *
 * @example
 * const { revisions } = await current({ url: 'sqlite:///app.db' })
 * const { databases } = await current({ directory: 'migrations' }) // several databases: one entry each
 */
export async function current(options: CommandOptions = {}): Promise<CurrentResult> {
  const project = await openProject(options)
  const results = await eachDatabase(selectDatabases(project, options), currentOne)
  const [first] = results
  return project.databases === undefined ? first! : { ...first!, databases: results }
}

async function currentOne(project: Project): Promise<CurrentResult> {
  const scripts = await project.scripts()
  const url = project.databaseUrl()
  const heads = await readProjectHeads(project)
  scripts.graph.checkHeads(heads)
  return { url: url.redacted, revisions: heads.map((id) => revisionView(scripts, id, heads)) }
}
