import { AthanorError } from '../core/errors.js'
import type { Node } from './node.js'

/**
 * Kahn's algorithm over down revisions and dependsOn; whatever cannot be
 * ordered sits on or above a cycle, and following unordered parents from any
 * such node must come back on itself, which names the cycle exactly.
 */
export function assertAcyclic(nodes: ReadonlyMap<string, Node>, order: readonly string[]): void {
  const pending = new Map<string, number>()
  const ready: string[] = []
  for (const id of order) {
    const n = nodes.get(id) as Node
    pending.set(id, n.allDown.length)
    if (n.allDown.length === 0) ready.push(id)
  }
  while (ready.length > 0) {
    const id = ready.pop() as string
    for (const child of (nodes.get(id) as Node).allNext) {
      const left = (pending.get(child) as number) - 1
      pending.set(child, left)
      if (left === 0) ready.push(child)
    }
  }
  const stuck = order.find((id) => (pending.get(id) as number) > 0)
  if (stuck === undefined) return

  const path: string[] = []
  const at = new Map<string, number>()
  let cur = stuck
  while (!at.has(cur)) {
    at.set(cur, path.length)
    path.push(cur)
    const n = nodes.get(cur) as Node
    cur = n.allDown.find((p) => (pending.get(p) as number) > 0) as string
  }
  const cycle = path.slice(at.get(cur)).reverse()
  let viaDependency = false
  for (let i = 0; i < cycle.length; i++) {
    const child = nodes.get(cycle[(i + 1) % cycle.length] as string) as Node
    if (!child.down.includes(cycle[i] as string)) viaDependency = true
  }
  const shown = [...cycle, cycle[0]].map((id) => {
    const src = (nodes.get(id as string) as Node).spec.source
    return src === undefined ? id : `${id} (${src})`
  })
  throw new AthanorError('CYCLE', `${viaDependency ? 'Dependency cycle' : 'Cycle'} detected in revisions: ${shown.join(' -> ')}`)
}
