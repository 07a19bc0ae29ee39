import { AthanorError } from '../core/errors.js'
import { nodeOf, type GraphData } from './node.js'
import { ancestors } from './traverse.js'
import type { Direction } from './types.js'
import type { VersionTable } from './version-table.js'

/** Parents of `id` no other row already implies (what a downgrade must bring back). */
function unmergeTargets(g: GraphData, table: VersionTable, id: string): string[] {
  const down = nodeOf(g, id).normDown
  const others = table.rows.filter((r) => r !== id)
  if (others.length === 0) return [...down]
  const implied = ancestors(g, others)
  return down.filter((d) => !implied.has(d))
}

/**
 * Records in `table` the row changes of running one migration, the way
 * Alembic's HeadMaintainer does: a new branch inserts, a merge deletes all
 * but one parent and moves the last, an unmerge inserts the parents no other
 * row implies, removing a branch deletes.
 */
export function recordStep(g: GraphData, table: VersionTable, id: string, direction: Direction): void {
  const down = nodeOf(g, id).normDown
  if (direction === 'upgrade') {
    const present = down.filter((d) => table.has(d))
    if (present.length === 0) {
      table.insert(id)
      return
    }
    if (down.length > 1 && present.length > 1) {
      const others = table.rows.filter((r) => !down.includes(r))
      const implied = others.length > 0 ? ancestors(g, others) : new Set<string>()
      const merged = down.filter((d) => !implied.has(d))
      for (const d of merged.slice(0, -1)) table.delete(d)
      table.update(merged[merged.length - 1] as string, id)
      return
    }
    if (present.length !== 1) {
      throw new AthanorError('VERSION_TABLE_CONFLICT', `Cannot record upgrade to ${id}: its parents in the version table are ambiguous`)
    }
    table.update(present[0] as string, id)
    return
  }
  if (!table.has(id)) {
    throw new AthanorError('VERSION_TABLE_CONFLICT', `Cannot record downgrade of ${id}: it is not a row of the version table`)
  }
  const to = down.length === 0 ? [] : unmergeTargets(g, table, id)
  if (to.length === 0) {
    table.delete(id)
    return
  }
  for (const extra of to.slice(0, -1)) table.insert(extra)
  table.update(id, to[to.length - 1] as string)
}
