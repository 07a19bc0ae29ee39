import { readCurrentHeads, withConnection } from '../runtime/connect.js'
import { openProject, type CommandOptions } from './project.js'
import { revisionView, type RevisionView } from './revision-view.js'

/**
 * The database's current revisions (`flask db current`): one per version row.
 *
 * @example
 * const { revisions } = await current({ url: 'sqlite:///app.db' })
 */
export async function current(options: CommandOptions = {}): Promise<{ url: string; revisions: RevisionView[] }> {
  const project = await openProject(options)
  const scripts = await project.scripts()
  const url = project.databaseUrl()
  const heads = await withConnection(url, (connection) => readCurrentHeads(connection, project.versionTable))
  scripts.graph.checkHeads(heads)
  return { url: url.redacted, revisions: heads.map((id) => revisionView(scripts, id)) }
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
  /** Mark the database's current revisions (reads the database). */
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
  const currentHeads = needsDatabase
    ? await withConnection(project.databaseUrl(), (connection) => readCurrentHeads(connection, project.versionTable))
    : []
  if (needsDatabase) scripts.graph.checkHeads(currentHeads)
  return scripts.graph
    .historyRange(options.range, currentHeads)
    .map((id) => revisionView(scripts, id, options.indicateCurrent ? currentHeads : []))
}
