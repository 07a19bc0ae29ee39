import { AthanorError } from '../errors.js'
import { readCurrentHeads, withConnection } from '../runtime/connect.js'
import { eachDatabase, selectDatabases } from './databases.js'
import { openProject, type CommandOptions, type Project } from './project.js'
import { revisionView, type RevisionView } from './revision-view.js'

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
  const heads = await readHeads(project)
  scripts.graph.checkHeads(heads)
  return { url: url.redacted, revisions: heads.map((id) => revisionView(scripts, id, heads)) }
}

function readHeads(project: Project): Promise<string[]> {
  return withConnection(project.databaseUrl(), (connection) => readCurrentHeads(connection, project.versionTable))
}

/** The heads of the script graph (`heads`). */
export async function heads(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.heads.map((id) => revisionView(scripts, id))
}

/** Branch points and where they lead (`branches`). */
export async function branches(options: CommandOptions = {}): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.revisions.filter((node) => node.isBranchPoint).map((node) => revisionView(scripts, node.id))
}

/** One revision in full (`show REV`); REV may be partial or symbolic. */
export async function show(options: CommandOptions, target: string): Promise<RevisionView[]> {
  const scripts = await (await openProject(options)).scripts()
  return scripts.graph.resolve(target).map((id) => revisionView(scripts, id))
}

export interface HistoryOptions extends CommandOptions {
  /** `[start]:[end]`, e.g. `base:head`, `ae10:`, `-3:`, `current:`. */
  readonly range?: string
  /** Mark the database's current revisions (reads the database; with several, each of them). */
  readonly indicateCurrent?: boolean
}

/**
 * The scripts from heads to bases (`flask db history`), optionally within a
 * range. Reads the database only when the range names `current` or `-i`.
 */
export async function history(options: HistoryOptions = {}): Promise<RevisionView[]> {
  const project = await openProject(options)
  const scripts = await project.scripts()
  const needsDatabase = options.indicateCurrent === true || /(^|:)current($|:)/.test(options.range ?? '')
  const perDatabase = needsDatabase
    ? await eachDatabase(selectDatabases(project, options), async (view) => {
        const heads = await readHeads(view)
        scripts.graph.checkHeads(heads)
        return { heads }
      })
    : []
  const multidb = project.databases !== undefined
  // `current:` with several databases means where the one named by --db is;
  // across databases that differ, the range has no single start.
  if (multidb && /(^|:)current($|:)/.test(options.range ?? '') && new Set(perDatabase.map((d) => d.heads.join(','))).size > 1) {
    throw new AthanorError('AMBIGUOUS_CURRENT', `the databases are at different revisions (${perDatabase.map((d) => `${d.database}: ${d.heads.join(', ') || 'base'}`).join('; ')}); add --db NAME to use 'current' in a range`)
  }
  const currentHeads = [...new Set(perDatabase.flatMap((d) => d.heads))]
  return scripts.graph.historyRange(options.range, perDatabase[0]?.heads ?? []).map((id) => {
    const view = revisionView(scripts, id, options.indicateCurrent ? currentHeads : [])
    if (!multidb || options.indicateCurrent !== true) return view
    const currentIn = perDatabase.filter((d) => d.heads.includes(id)).map((d) => d.database!)
    return currentIn.length === 0 ? view : { ...view, currentIn }
  })
}
