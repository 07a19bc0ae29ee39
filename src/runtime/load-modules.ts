import type { PlanStep } from '../revision/types.js'
import type { MigrationModule, ScriptDirectory } from '../script/script-directory.js'

/**
 * How many scripts are imported side by side: enough to overlap their file
 * reads, few enough that a 1,000-revision plan does not hold a thousand
 * imports in flight at once (about 15 MB more at the peak, for no speed).
 */
const IMPORTS_AT_ONCE = 50

/**
 * The modules of a plan's scripts, in the plan's order, all imported before
 * any runs.
 *
 * @example
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * declare const scripts: ScriptDirectory
 * const modules = await loadPlanModules(scripts, scripts.graph.planUpgrade([], 'heads'))
 */
export async function loadPlanModules(scripts: ScriptDirectory, steps: readonly PlanStep[]): Promise<MigrationModule[]> {
  const modules: MigrationModule[] = []
  for (let start = 0; start < steps.length; start += IMPORTS_AT_ONCE) {
    const batch = steps.slice(start, start + IMPORTS_AT_ONCE)
    modules.push(...(await Promise.all(batch.map((step) => scripts.loadModule(step.revision)))))
  }
  return modules
}
