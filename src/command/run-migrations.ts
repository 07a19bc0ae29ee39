import { AthanorError } from '../errors.js'
import type { PlanStep } from '../revision/types.js'
import { compilerFor } from '../runtime/compilers.js'
import { readCurrentHeads, withConnection } from '../runtime/connect.js'
import { LiveExecutor } from '../runtime/live-executor.js'
import { OfflineExecutor } from '../runtime/offline-executor.js'
import { silentReporter, type RunReporter } from '../runtime/reporter.js'
import { runPlan } from '../runtime/run-plan.js'
import { applyVersionRowChanges } from '../runtime/version-rows.js'
import type { RevisionGraph } from '../revision/index.js'
import { openProject, type CommandOptions } from './project.js'

export interface MigrateOptions extends CommandOptions {
  /** Print the SQL script instead of running it (offline mode). */
  readonly sql?: boolean
  /** Where offline SQL goes (default: stdout). */
  readonly write?: (text: string) => void
  readonly reporter?: RunReporter
}

export interface MigrateResult {
  /** The version rows before and after. */
  readonly from: readonly string[]
  readonly to: readonly string[]
  readonly steps: readonly PlanStep[]
}

type Planner = (graph: RevisionGraph, heads: readonly string[], target: string) => PlanStep[]

/**
 * Shared by upgrade and downgrade: resolve where the database is, plan the
 * steps to the target, and run them live or print them.
 */
export async function runMigrations(
  options: MigrateOptions,
  target: string,
  plan: Planner,
  verb: 'upgrade' | 'downgrade',
): Promise<MigrateResult> {
  const project = await openProject(options)
  const scripts = await project.scripts()
  const graph = scripts.graph
  const url = project.databaseUrl()
  const reporter = options.reporter ?? silentReporter

  if (options.sql) {
    const { start, destination } = splitOfflineRange(target, verb)
    const heads = start === undefined ? [] : graph.resolve(start)
    const steps = plan(graph, heads, destination)
    const write = options.write ?? ((text: string) => process.stdout.write(text))
    const executor = new OfflineExecutor(compilerFor(url.dialect), project.versionTable, write)
    await runPlan(executor, scripts, steps, {
      transactionMode: project.transactionMode,
      x: project.x,
      ...(project.tag === undefined ? {} : { tag: project.tag }),
      reporter,
      createVersionTable: heads.length === 0 && verb === 'upgrade',
    })
    return { from: heads, to: applyVersionRowChanges(heads, steps.flatMap((step) => step.versionChanges)), steps }
  }

  return withConnection(url, async (connection) => {
    const heads = await readCurrentHeads(connection, project.versionTable)
    graph.checkHeads(heads)
    const steps = plan(graph, heads, target)
    const executor = new LiveExecutor(connection, compilerFor(url.dialect), project.versionTable)
    await runPlan(executor, scripts, steps, {
      transactionMode: project.transactionMode,
      x: project.x,
      ...(project.tag === undefined ? {} : { tag: project.tag }),
      reporter,
      createVersionTable: true,
    })
    return { from: heads, to: await readCurrentHeads(connection, project.versionTable), steps }
  })
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
