import type { PlanStep } from '../revision/types.js'
import type { MigrationModule, ScriptDirectory } from '../script/script-directory.js'

/**
 * The modules of a plan's scripts, in the plan's order, all imported before
 * any runs.
 *
 * @example
 * import type { ScriptDirectory } from '../script/script-directory.js'
 * declare const scripts: ScriptDirectory
 * const modules = await loadPlanModules(scripts, scripts.graph.planUpgrade([], 'heads'))
 */
export function loadPlanModules(scripts: ScriptDirectory, steps: readonly PlanStep[]): Promise<MigrationModule[]> {
  return scripts.loadModules(steps.map((step) => step.revision))
}
