import { AthanorError } from '../core/errors.js'
import type { PlanStep } from '../revision/types.js'
import { readInvalidIndexes } from '../dialect/invalid-indexes.js'
import { dialectNamed } from '../dialect/registry.js'
import { readHeadsOfProject, withConnection } from './connect.js'
import { editedScriptsError, findEditedScripts, unresolvedError, unresolvedSteps, type EditedScript } from './history-checks.js'
import { HistoryWriter } from './history-writer.js'
import { LiveExecutor } from './live-executor.js'
import { OfflineExecutor } from './offline-executor.js'
import { rebuildEvents, silentReporter, type RunReporter } from './reporter.js'
import { runPlan } from './run-plan.js'
import { logStatements } from './statement-log.js'
import { applyVersionRowChanges } from './version-rows.js'
import type { RevisionGraph } from '../revision/index.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { eachDatabase, refuseSharedVersionTables, selectDatabases } from '../config/database-selection.js'
import { lockAndLimits, withMigrationLock, type LockedDatabase, type MigrationLockOptions } from './locked-run.js'
import { currentSessionId } from './runner-sessions.js'
import { describeUnfinished, stoppedBeforeAnyStatement } from './unfinished-step.js'
import { offlineHeading } from './offline-heading.js'
import { scriptLockTimeout } from './script-lock-timeout.js'
import { runTimeouts } from '../config/run-timeouts.js'
import { openProject, type CommandOptions, type Project } from '../config/project.js'

/**
 * Options of `upgrade` and `downgrade`: the project, the lock timeout,
 * offline SQL instead of a run, a progress reporter, and whether edited
 * applied scripts may go on.
 *
 * @example
 * const chunks: string[] = []
 * await upgrade({ directory: 'migrations', sql: true, write: (text) => chunks.push(text) }, 'head')
 * chunks.join('') // the SQL script from base to head; no database was opened
 */
export interface MigrateOptions extends CommandOptions, Omit<MigrationLockOptions, 'onLockWait'> {
  /** Print the SQL script instead of running it (offline mode). */
  readonly sql?: boolean
  /** Where offline SQL goes (default: stdout). */
  readonly write?: (text: string) => void
  /** Progress, and the one line saying the run waits for another. */
  readonly reporter?: RunReporter
  /** Upgrade even though applied scripts were edited since they ran. */
  readonly allowEdited?: boolean
}

/** What a run did on one database. */
export interface DatabaseRunResult {
  /** Several databases: the one this result is about; absent for a single-database project. */
  readonly database?: string
  /** The version rows before and after. */
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly steps: readonly PlanStep[]
  /** False when the run had nothing to do: no step ran and the version rows stayed. */
  readonly changed: boolean
  /**
   * Upgrade only: the revisions the target names that the database had
   * already gone past, which is why nothing ran (a deploy rolling the
   * application back leaves the database ahead). Empty otherwise.
   */
  readonly alreadyPast: readonly string[]
  /** Applied scripts found edited, when `allowEdited` let the upgrade go on. */
  readonly edited: readonly EditedScript[]
}

/**
 * What upgrade or downgrade did: one entry per database it ran on, in config
 * order; a single-database project has one.
 *
 * @example
 * const { databases } = await upgrade({ directory: 'migrations' })
 * for (const { database, from, to, steps } of databases) {
 *   console.log(`${database ?? 'database'}: ${from.join(', ') || 'base'} -> ${to.join(', ') || 'base'} (${steps.length} steps)`)
 * }
 */
export interface MigrateResult {
  readonly databases: readonly DatabaseRunResult[]
}

export type Planner = (graph: RevisionGraph, heads: readonly string[], target: string) => PlanStep[]

/**
 * Shared by upgrade and downgrade: take the migration lock, read where the
 * database is, refuse a database left half-migrated (and, for upgrade, one
 * whose applied scripts were edited), plan the steps to the target, and run
 * them live; or print them, offline, without connecting.
 */
export async function runMigrations(
  options: MigrateOptions,
  target: string,
  plan: Planner,
  verb: 'upgrade' | 'downgrade',
): Promise<MigrateResult> {
  const project = await openProject(options)
  const views = selectDatabases(project, options)
  if (!options.sql) refuseSharedVersionTables(views)
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  if (!options.sql && views.length > 1) await planEach(views, target, plan)
  const results = await eachDatabase(views, async (view) => {
    if (view.database !== undefined) {
      options.reporter?.database?.(view.database)
      if (options.sql) write(offlineHeading(view))
    }
    return runOnDatabase(view, { ...options, write }, target, plan, verb)
  })
  return { databases: results }
}

/**
 * Plans every database before any runs, so a target one of them cannot
 * reach (`downgrade` on a database already at base, a revision it does not
 * know) stops the command before it changed any database. The real plan is
 * made again under each database's lock.
 */
async function planEach(views: readonly Project[], target: string, plan: Planner): Promise<void> {
  await eachDatabase(views, async (view) => {
    const graph = (await view.scripts()).graph
    const heads = await withConnection(view.databaseUrl(), (connection) => readHeadsOfProject(connection, view))
    graph.checkHeads(heads)
    plan(graph, heads, target)
    return {}
  })
}

/** One database's run: the whole story of a single-database project, and of each database of `--all`. */
export async function runOnDatabase(
  project: Project,
  options: MigrateOptions,
  target: string,
  plan: Planner,
  verb: 'upgrade' | 'downgrade',
): Promise<DatabaseRunResult> {
  const scripts = await project.scripts()
  const graph = scripts.graph
  const url = project.databaseUrl()
  const reporter = options.reporter ?? silentReporter
  const runOptions = {
    transactionMode: project.transactionMode,
    x: project.x,
    ...(project.tag === undefined ? {} : { tag: project.tag }),
    reporter,
  }

  if (options.sql) {
    const { start, destination } = splitOfflineRange(target, verb)
    const heads = start === undefined ? [] : graph.resolve(start)
    const steps = plan(graph, heads, destination)
    const write = options.write ?? ((text: string) => process.stdout.write(text))
    // A SQLite rebuild needs the tables as the migrations before `start` left them.
    const replayBefore =
      start === undefined
        ? undefined
        : (shadow: OfflineExecutor) =>
            runPlan(shadow, scripts, graph.planUpgrade([], start), { ...runOptions, reporter: silentReporter, createVersionTable: false })
    const naming = project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }
    const dialect = dialectNamed(url.dialect)
    const executor = new OfflineExecutor(dialect, project.versionTable, write, {
      ...naming,
      ...(replayBefore === undefined ? {} : { replayBefore }),
    })
    // The session a live run's connection has: its settings, then the lock timeout it sets.
    const lockTimeout = scriptLockTimeout(runTimeouts(options, project.config), dialect.sessionTimeouts, executor)
    for (const sql of dialect.scriptSession ?? []) write(`${sql};\n\n`)
    write(lockTimeout.opening)
    await runPlan(executor, scripts, steps, {
      ...runOptions,
      createVersionTable: heads.length === 0 && verb === 'upgrade',
      scriptLockTimeout: lockTimeout,
    })
    return {
      from: heads,
      to: applyVersionRowChanges(
        heads,
        steps.flatMap((step) => step.versionChanges),
      ),
      steps,
      ...outcome(graph, verb, heads, destination, steps),
      edited: [],
    }
  }

  const lockOptions = {
    ...lockAndLimits(options),
    ...(reporter.waiting ? { onLockWait: (message: string) => reporter.waiting!(message) } : {}),
  }
  return withMigrationLock(project, lockOptions, async (db) => {
    graph.checkHeads(db.heads)
    await refuseUnresolved(db, scripts, project.x)
    // A downgrade runs the applied scripts' downgrade functions: an edited
    // one may undo something else than what its upgrade did.
    const edited = findEditedScripts(db.history, graph, scripts, db.heads)
    if (edited.length > 0 && options.allowEdited !== true) throw editedScriptsError(edited)
    const steps = plan(graph, db.heads, target)
    const { connection: logged, log } = logStatements(db.connection, db.dialect)
    const connection = db.guard.fence(logged)
    const executor = new LiveExecutor(connection, db.dialect, db.versionTable, {
      versionTableFound: db.versionTableFound,
      events: rebuildEvents(reporter),
      journal: log,
      ...(project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }),
    })
    const history = new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable, db.dialect.columnNamesSql)
    history.foundUnderLock(db.historyColumns)
    history.recordSession(await currentSessionId(db.connection, db.dialect))
    await runPlan(executor, scripts, steps, {
      ...runOptions,
      createVersionTable: true,
      history,
      statements: log,
      startHeads: db.heads,
      guard: db.guard,
      ddlLockRetry: db.ddlLockRetry,
    })
    // Each step's version rows were checked against these before its COMMIT (runPlan with startHeads),
    // so reading the table back would only say it again: two round trips a database, a tenant's under --all.
    const to = applyVersionRowChanges(
      db.heads,
      steps.flatMap((step) => step.versionChanges),
    )
    return { from: db.heads, to, steps, ...outcome(graph, verb, db.heads, target, steps), edited }
  })
}

/** Whether a run changed anything and, for an upgrade that did not, which targets the database was past. */
function outcome(
  graph: RevisionGraph,
  verb: 'upgrade' | 'downgrade',
  heads: readonly string[],
  target: string,
  steps: readonly PlanStep[],
): { changed: boolean; alreadyPast: string[] } {
  const changed = steps.length > 0
  return { changed, alreadyPast: verb === 'upgrade' && !changed ? graph.alreadyPast(heads, target) : [] }
}

/** Stops any run while a journaled step is unresolved: the database may be half-migrated. */
async function refuseUnresolved(db: LockedDatabase, scripts: ScriptDirectory, x: Readonly<Record<string, string>>): Promise<void> {
  const unresolved = unresolvedSteps(db.history)
  if (unresolved.length === 0) return
  const invalidIndexes = await readInvalidIndexes(db.dialect, db.connection)
  for (const row of unresolved) {
    // The lock waited for the stopped runner's session to leave the server.
    if (stoppedBeforeAnyStatement({ ...row, inFlight: row.statement }, invalidIndexes.length > 0)) {
      await new HistoryWriter(db.connection, db.dialect.compiler, db.historyTable).resolve(
        row.id,
        'rolled back by itself: its runner stopped before any of its statements took effect',
      )
      continue
    }
    throw unresolvedError(await describeUnfinished(row, scripts, db.dialect, x, { on: db.scope }), invalidIndexes)
  }
}

/**
 * Offline there is no version table to read: `upgrade --sql` starts from
 * base unless given `FROM:TO`; a downgrade needs its starting point.
 */
function splitOfflineRange(target: string, verb: 'upgrade' | 'downgrade'): { start?: string; destination: string } {
  const colon = target.indexOf(':')
  if (colon < 0) {
    if (verb === 'downgrade') {
      throw new AthanorError('OFFLINE_RANGE_REQUIRED', `downgrade --sql needs a starting point: give a range FROM:TO, e.g. 'head:base'`)
    }
    return { destination: target }
  }
  const start = target.slice(0, colon)
  const destination = target.slice(colon + 1)
  if (destination === '') throw new AthanorError('INVALID_TARGET', `range '${target}' has no destination after ':'`)
  return start === '' || start === 'base' ? { destination } : { start, destination }
}
