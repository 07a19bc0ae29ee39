import type { Project } from '../config/project.js'
import type { Dialect } from '../dialect/dialect.js'
import type { PlanStep } from '../revision/types.js'
import type { ScriptDirectory } from '../script/script-directory.js'
import { loadPlanModules } from './load-modules.js'
import { OfflineExecutor } from './offline-executor.js'
import { silentReporter } from './reporter.js'
import { runPlan } from './run-plan.js'

/**
 * One revision as `upgrade --sql` writes it, without the version table:
 * `text` for a batch, `statements` one by one for a script that must run
 * outside a transaction (a CREATE INDEX CONCURRENTLY in a multi-statement
 * text would run inside one and fail).
 */
export interface RenderedRevision {
  readonly revision: string
  readonly text: string
  readonly statements: readonly string[]
  readonly transactional: boolean
}

/**
 * An offline script for a shadow database: nobody reads its version rows,
 * so it writes none and creates no version table.
 */
class ShadowScriptExecutor extends OfflineExecutor {
  override async ensureVersionTable(): Promise<void> {}

  override versionStatements(): [] {
    return []
  }
}

/**
 * The SQL each step of `steps` runs, rendered as `upgrade --sql` renders it
 * (each transactional migration in its BEGIN … COMMIT), minus the
 * version-table bookkeeping a shadow does not need. Fails as `--sql` does,
 * for instance on a script that reads rows with `op.query()`.
 *
 * @example
 * import { openProject } from '../config/project.js'
 * import { dialectNamed } from '../dialect/registry.js'
 * const project = await openProject({ directory: 'migrations' })
 * const scripts = await project.scripts()
 * const revisions = await renderReplay(project, scripts, scripts.graph.planUpgrade([], 'heads'), dialectNamed('postgresql'))
 * revisions.map((r) => r.revision) // base to the heads, in the order upgrade runs them
 */
export async function renderReplay(
  project: Project,
  scripts: ScriptDirectory,
  steps: readonly PlanStep[],
  dialect: Dialect,
): Promise<RenderedRevision[]> {
  let text: string[] = []
  let statements: string[] = []
  const executor = new ShadowScriptExecutor(dialect, project.versionTable, (chunk) => text.push(chunk), {
    ...(project.config.namingConvention === undefined ? {} : { namingConvention: project.config.namingConvention }),
    onStatement: (sql) => statements.push(sql),
  })
  // Per migration whatever the project's mode: a shadow needs no all-or-nothing run.
  const options = { transactionMode: 'per-migration', x: project.x, reporter: silentReporter, createVersionTable: false } as const
  // Imported side by side first: a plan of one step would import them one after another.
  const modules = await loadPlanModules(scripts, steps)
  const rendered: RenderedRevision[] = []
  for (const [index, step] of steps.entries()) {
    text = []
    statements = []
    await runPlan(executor, scripts, [step], { ...options, ...(project.tag === undefined ? {} : { tag: project.tag }) })
    rendered.push({ revision: step.revision, text: text.join(''), statements, transactional: modules[index]!.transactional !== false })
  }
  return rendered
}
