import type { Node } from './node.js'

/**
 * A label names a whole branch, not one script: it reaches every later
 * revision on the branch, and the unbranched stretch leading up to the label
 * down to the nearest branch point or merge (Alembic's `_add_branches`).
 * Later labels see earlier propagated ones, so input order is the tie-break.
 */
export function propagateLabels(nodes: ReadonlyMap<string, Node>, order: readonly string[]): void {
  for (const id of order) {
    const owner = nodes.get(id) as Node
    if (owner.spec.branchLabels.length === 0) continue
    const labels = [...owner.labels]
    const seen = new Set<string>()
    const todo = [id]
    let last = owner
    while (todo.length > 0) {
      const cur = todo.pop() as string
      if (seen.has(cur)) continue
      seen.add(cur)
      const n = nodes.get(cur) as Node
      for (const c of n.next) todo.push(c)
      for (const l of labels) n.labels.add(l)
      last = n
    }
    let parent: Node | undefined = last
    while (parent !== undefined && parent.allNext.length <= 1 && parent.down.length <= 1) {
      for (const l of labels) parent.labels.add(l)
      const d: string | undefined = parent.down[0]
      parent = d === undefined ? undefined : nodes.get(d)
    }
  }
}
