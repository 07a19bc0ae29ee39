import { eachDatabase, selectDatabases } from '../config/database-selection.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'
import { AthanorError } from '../core/errors.js'
import type { UnfinishedStep } from '../runtime/unfinished-step.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { revisionView, type RevisionView } from '../script/revision-view.js'

/**
 * Options of `history`: which part of the graph to list, and whether to
 * mark where the database is.
 *
 * @example
 * const options: HistoryOptions = { directory: 'migrations', range: '-3:', indicateCurrent: true }
 * await history(options) // head and the three revisions below it; the database's current one has isCurrent
 */
export interface HistoryOptions extends CommandOptions {
  /** `[start]:[end]`, e.g. `base:head`, `ae10:`, `-3:`, `current:`. */
  readonly range?: string
  /** Mark the database's current revisions (reads the database; with several, each of them). */
  readonly indicateCurrent?: boolean
}

/**
 * The scripts from heads to bases (`flask db history`), optionally within a
 * range. Reads the database only when the range names `current` or `-i`.
 *
 * @example
 * const views = await history({ directory: 'migrations', range: 'base:head' })
 * for (const view of views) console.log(`${view.revision} ${view.message}`) // newest first
 */
export async function history(options: HistoryOptions = {}): Promise<RevisionView[]> {
  const project = await openProject(options)
  const scripts = await project.scripts()
  const needsDatabase = options.indicateCurrent === true || /(^|:)current($|:)/.test(options.range ?? '')
  const perDatabase = needsDatabase ? await eachDatabase(selectDatabases(project, options), (view) => whereDatabaseIs(view, scripts)) : []
  const multidb = project.databases !== undefined
  // `current:` with several databases means where the one named by --db is;
  // across databases that differ, the range has no single start.
  if (multidb && /(^|:)current($|:)/.test(options.range ?? '') && new Set(perDatabase.map((d) => d.heads.join(','))).size > 1) {
    throw new AthanorError(
      'AMBIGUOUS_CURRENT',
      'the databases are at different revisions ' +
        `(${perDatabase.map((d) => `${d.database}: ${d.heads.join(', ') || 'base'}`).join('; ')}); ` +
        "add --db NAME to use 'current' in a range",
    )
  }
  const currentHeads = [...new Set(perDatabase.flatMap((d) => d.heads))]
  const unfinished = new Map<string, string>()
  if (options.indicateCurrent === true) {
    for (const one of perDatabase) {
      for (const step of one.unfinished) {
        const on = multidb ? `${one.database}: ` : ''
        unfinished.set(step.revision, [unfinished.get(step.revision), `${on}${shortState(step)}`].filter(Boolean).join('; '))
      }
    }
  }
  return scripts.graph.historyRange(options.range, perDatabase[0]?.heads ?? []).map((id) => {
    const marked = revisionView(scripts, id, options.indicateCurrent ? currentHeads : [])
    const state = unfinished.get(id)
    const view = state === undefined ? marked : { ...marked, unfinished: state }
    if (!multidb || options.indicateCurrent !== true) return view
    const currentIn = perDatabase.filter((d) => d.heads.includes(id)).map((d) => d.database!)
    return currentIn.length === 0 ? view : { ...view, currentIn }
  })
}

/**
 * The heads and unfinished steps of one database. The code that reads a
 * database (the dialects, the connection, the run's tables) is imported
 * here only: most `history` runs read none, and loading it was most of
 * their start-up.
 */
async function whereDatabaseIs(
  view: Project,
  scripts: ScriptDirectory,
): Promise<{ heads: string[]; unfinished: readonly UnfinishedStep[] }> {
  const [{ readCurrentHeads, withReadingConnection }, { dialectOfConnection }, { historyTableOf }, { readUnfinishedSteps }] =
    await Promise.all([
      import('../runtime/connect.js'),
      import('../dialect/dialect-loader.js'),
      import('../runtime/history-table.js'),
      import('../runtime/unfinished-step.js'),
    ])
  const { heads, unfinished } = await withReadingConnection(view.databaseUrl(), async (connection) => ({
    heads: await readCurrentHeads(connection, view.versionTable),
    unfinished: await readUnfinishedSteps(connection, dialectOfConnection(connection), historyTableOf(view), scripts, view.x),
  }))
  scripts.graph.checkHeads(heads)
  return { heads, unfinished }
}

/** `upgrade stopped after statement 2 of 4`: the marker `history -i` puts on a partly applied revision. */
function shortState(step: UnfinishedStep): string {
  const of = step.statementsTotal === null ? '' : ` of ${step.statementsTotal}`
  const done = step.statementsDone
  if (done === null) return `${step.direction} ${step.status === 'failed' ? 'failed' : 'stopped'}`
  if (step.status === 'failed') {
    return `${step.direction} failed ${step.failedStatement === null ? `after statement ${done}` : `at statement ${done + 1}`}${of}`
  }
  return `${step.direction} ${step.runnerAlive ? 'running' : 'stopped'} after statement ${done}${of}`
}
