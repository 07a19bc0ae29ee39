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
  // reachable[i] is always ancestors(current[i]); made only once a second branch is pending, as
  // one branch blocks nothing (a 1,000-revision chain was a set of 1,000 made for no question).
  const reachable: (Set<string> | undefined)[] = current.map(() => undefined)
  const ancestorsOf = (j: number): Set<string> => (reachable[j] ??= ancestors(g, [current[j] as string]))
  const out: string[] = []
  let idx = 0
  let guard = 0
  const limit = 4 * (revisions.size + 1) * (current.length + revisions.size + 1)
  while (current.length > 0) {
    if (++guard > limit) throw new Error('internal: topological sort does not converge')
    const candidate = current[idx] as string
    const blocker = current.length < 2 ? -1 : current.findIndex((_, j) => j !== idx && ancestorsOf(j).has(candidate))
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
      // The one parent's ancestors are the candidate's less the candidate.
      current[idx] = add[0] as string
      reachable[idx]?.delete(candidate)
    } else {
      current[idx] = add[0] as string
      reachable[idx] = undefined
      for (const extra of add.slice(1)) {
        current.push(extra)
        reachable.push(undefined)
      }
    }
  }
  if (todo.size > 0) throw unreachable([...todo])
  return out
}
