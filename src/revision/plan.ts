import { AthanorError } from '../core/errors.js'
import { collectDowngrade, collectUpgrade } from './collect.js'
import { nodeOf, type GraphData } from './node.js'
import { recordStep } from './steps.js'
import { topoSort } from './topo.js'
import type { Direction, PlanStep } from './types.js'
import { VersionTable } from './version-table.js'

/**
 * Refuses version rows no script defines: nothing can be planned from a
 * state the graph does not know.
 */
export function checkHeads(g: GraphData, current: readonly string[]): void {
  for (const id of current) {
    if (!g.nodes.has(id)) {
      throw new AthanorError(
        'UNKNOWN_DATABASE_REVISION',
        `The version table holds revision '${id}', which no script defines; ` +
          "restore the script, or run 'stamp --purge <rev>' to reset the table",
      )
    }
  }
}

function steps(g: GraphData, current: readonly string[], order: readonly string[], direction: Direction): PlanStep[] {
  const table = new VersionTable(current)
  return order.map((id) => {
    const mark = table.changes.length
    recordStep(g, table, id, direction)
    const declared = nodeOf(g, id).down
    return {
      revision: id,
      direction,
      fromRevisions: direction === 'upgrade' ? [...declared] : [id],
      toRevisions: direction === 'upgrade' ? [id] : [...declared],
      versionChanges: table.since(mark),
    }
  })
}

/** Steps that run exactly `order`, in that order and direction, from the version rows `current`. */
export function planExact(g: GraphData, current: readonly string[], order: readonly string[], direction: Direction): PlanStep[] {
  checkHeads(g, current)
  return steps(g, current, order, direction)
}

/** Upgrade steps from `current` to `target`, oldest first. */
export function planUpgrade(g: GraphData, current: readonly string[], target: string): PlanStep[] {
  checkHeads(g, current)
  const { revisions, targets } = collectUpgrade(g, current, target)
  return steps(g, current, topoSort(g, revisions, targets).reverse(), 'upgrade')
}

/** Downgrade steps from `current` to `target`, newest first. */
export function planDowngrade(g: GraphData, current: readonly string[], target: string): PlanStep[] {
  checkHeads(g, current)
  const { revisions, heads } = collectDowngrade(g, current, target)
  return steps(g, current, topoSort(g, revisions, heads), 'downgrade')
}
