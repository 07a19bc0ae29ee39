import { nodeOf, type GraphData, type Node } from './node.js'

/** Which edges a traversal follows. */
export type Edges = (n: Node) => readonly string[]

export const versionedDown: Edges = (n) => n.down
export const normalizedDown: Edges = (n) => n.normDown
export const versionedNext: Edges = (n) => n.next
export const allNext: Edges = (n) => n.allNext

/**
 * The starting ids plus everything reachable through `edges`; iterative so a
 * 10,000-revision chain does not overflow the stack.
 */
export function reach(g: GraphData, start: Iterable<string>, edges: Edges): Set<string> {
  const seen = new Set<string>()
  const todo = [...start]
  while (todo.length > 0) {
    const id = todo.pop() as string
    if (seen.has(id)) continue
    seen.add(id)
    for (const next of edges(nodeOf(g, id))) if (!seen.has(next)) todo.push(next)
  }
  return seen
}

/** Ancestors including the starts, through the edges the runtime follows. */
export function ancestors(g: GraphData, start: Iterable<string>): Set<string> {
  return reach(g, start, normalizedDown)
}

/** Descendants including the starts, through down revisions and dependsOn. */
export function descendants(g: GraphData, start: Iterable<string>): Set<string> {
  return reach(g, start, allNext)
}

/** Sorts ids by their position in the input. */
export function byOrder(g: GraphData, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => nodeOf(g, a).order - nodeOf(g, b).order)
}
