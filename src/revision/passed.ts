import type { GraphData } from './node.js'
import { parseUpgradeTarget } from './targets.js'
import { ancestors } from './traverse.js'

/**
 * The revisions an upgrade to `target` names that the database has gone
 * past: applied (current heads' ancestors, dependencies included) but not
 * current heads themselves. Empty unless every revision the target names is
 * applied, so a non-empty answer means the upgrade has nothing to do because
 * the database is ahead of the target, as after a rolled-back deploy.
 */
export function passedTargets(g: GraphData, current: readonly string[], target: string): string[] {
  const targets = parseUpgradeTarget(g, current, target)
  const applied = ancestors(g, current)
  if (!targets.every((t) => applied.has(t))) return []
  return targets.filter((t) => !current.includes(t))
}
