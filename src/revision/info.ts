import { nodeOf, type GraphData } from './node.js'

/** Everything the graph knows about one revision. */
export interface RevisionInfo {
  readonly id: string
  /** Declared parents; the version table follows these. */
  readonly downRevisions: readonly string[]
  /** dependsOn resolved to revision ids (labels and partial ids expanded). */
  readonly dependsOn: readonly string[]
  /** Own labels and those inherited from the rest of its branch, sorted. */
  readonly branchLabels: readonly string[]
  /** Revisions that declare this one as a parent. */
  readonly nextRevisions: readonly string[]
  /** Revisions that list this one in dependsOn. */
  readonly dependents: readonly string[]
  readonly isHead: boolean
  readonly isBase: boolean
  readonly isBranchPoint: boolean
  readonly isMergePoint: boolean
  readonly source: string | undefined
  readonly message: string | undefined
}

/** Snapshot of a node for callers; nothing internal leaks. */
export function infoOf(g: GraphData, id: string): RevisionInfo {
  const n = nodeOf(g, id)
  return {
    id,
    downRevisions: [...n.down],
    dependsOn: [...n.deps],
    // The usual revision has no labels and no dependents: no iterator, sort or closure for it.
    branchLabels: n.labels.size === 0 ? [] : [...n.labels].sort(),
    nextRevisions: [...n.next],
    dependents: n.allNext.length === n.next.length ? [] : n.allNext.filter((c) => !n.next.includes(c)),
    isHead: n.next.length === 0,
    isBase: n.down.length === 0,
    isBranchPoint: n.next.length > 1,
    isMergePoint: n.down.length > 1,
    source: n.spec.source,
    message: n.spec.message,
  }
}
