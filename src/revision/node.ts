import type { RevisionSpec } from './types.js'

/**
 * One revision inside the graph. Three flavours of "parents" coexist, as in
 * Alembic: `down` (declared, the only ones the version table follows),
 * `allDown` (down + every dependsOn) and `normDown` (down + only those
 * dependsOn not already required by a declared ancestor), which is what
 * ordering and version-row bookkeeping use.
 */
export interface Node {
  readonly id: string
  /** Position in the input, used as the tie-break everywhere an order is free. */
  readonly order: number
  readonly spec: RevisionSpec
  readonly down: readonly string[]
  /** Set once every revision is known (a dependency may name a label), as is allDown. */
  deps: readonly string[]
  allDown: readonly string[]
  normDeps: readonly string[]
  normDown: readonly string[]
  /** Children through `down` only. */
  readonly next: string[]
  /** Children through `down` or dependsOn. */
  readonly allNext: string[]
  readonly labels: Set<string>
}

/** The validated graph every query module works on. */
export interface GraphData {
  readonly nodes: ReadonlyMap<string, Node>
  readonly order: readonly string[]
  /** Branch label → the revision that declares it. */
  readonly labelOwner: ReadonlyMap<string, string>
  /** Revisions no other revision declares as a down revision. */
  readonly heads: readonly string[]
  /** Revisions nothing follows, not even through dependsOn. */
  readonly realHeads: readonly string[]
  /** Revisions without down revisions. */
  readonly bases: readonly string[]
}

/** Looks up a node the caller knows exists. */
export function nodeOf(g: GraphData, id: string): Node {
  const n = g.nodes.get(id)
  if (n === undefined) throw new Error(`internal: unknown revision ${id}`)
  return n
}
