import { nodeOf, type GraphData } from './node.js'
import { ancestors, byOrder } from './traverse.js'

/**
 * Orders `revisions` newest first, walking down one branch as long as no
 * other pending branch still needs the next revision (Alembic's
 * `_topological_sort`, so plans and listings come out in the same order).
 * Reversed, it is a valid upgrade order; as is, a valid downgrade order.
 */
export function topoSort(
  g: GraphData,
  revisions: ReadonlySet<string>,
  heads: readonly string[],
  unreachable: (left: string[]) => Error = (left) => new Error(`internal: topological sort left ${left.join(', ')}`),
): string[] {
  const todo = new Set(revisions)
  const current = byOrder(g, new Set(heads.filter((h) => todo.has(h))))
  const reachable = current.map((h) => ancestors(g, [h]))
  const out: string[] = []
  let idx = 0
  let guard = 0
  const limit = 4 * (revisions.size + 1) * (current.length + revisions.size + 1)
  while (current.length > 0) {
    if (++guard > limit) throw new Error('internal: topological sort does not converge')
    const candidate = current[idx] as string
    const blocker = reachable.findIndex((set, j) => j !== idx && set.has(candidate))
    if (blocker >= 0) {
      idx = blocker
      continue
    }
    if (todo.delete(candidate)) out.push(candidate)
    const n = nodeOf(g, candidate)
    const add = n.normDown.filter((r) => todo.has(r) && !current.includes(r))
    if (add.length === 0) {
      current.splice(idx, 1)
      reachable.splice(idx, 1)
      idx = Math.max(idx - 1, 0)
    } else if (n.normDeps.length === 0 && n.down.length === 1) {
      current[idx] = add[0] as string
      ;(reachable[idx] as Set<string>).delete(candidate)
    } else {
      current[idx] = add[0] as string
      reachable[idx] = ancestors(g, [add[0] as string])
      for (const extra of add.slice(1)) {
        current.push(extra)
        reachable.push(ancestors(g, [extra]))
      }
    }
  }
  if (todo.size > 0) throw unreachable([...todo])
  return out
}
