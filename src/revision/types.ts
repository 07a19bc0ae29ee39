/**
 * The revision graph's vocabulary. The graph is pure: it is built from what
 * the scripts declare and answers questions about ids, heads and paths; it
 * knows nothing of files or databases.
 */

/**
 * What one migration script declares about its place in the graph.
 *
 * @example
 * const spec: RevisionSpec = { id: 'b2', downRevisions: ['a1'], branchLabels: [], dependsOn: [], message: 'add email' }
 */
export interface RevisionSpec {
  /** The revision id: letters, digits and `_`. */
  readonly id: string
  /** Parents; empty for a base, several for a merge point. */
  readonly downRevisions: readonly string[]
  /** Labels this script declares itself (not the ones it inherits). */
  readonly branchLabels: readonly string[]
  /** Revisions (ids, partial ids or branch labels) that must be applied first. */
  readonly dependsOn: readonly string[]
  /** Where the revision came from, for error messages (a file path). */
  readonly source?: string
  /** The script's message (first docstring line), for listings. */
  readonly message?: string
}

/**
 * One change to the version table, whose rows are the current heads.
 *
 * @example
 * const change: VersionRowChange = { kind: 'update', from: 'a1', to: 'b2' }
 */
export type VersionRowChange =
  | { readonly kind: 'insert'; readonly id: string }
  | { readonly kind: 'delete'; readonly id: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }

export type Direction = 'upgrade' | 'downgrade'

/**
 * One migration to run, with the version-table changes that record it.
 *
 * @example
 * const step: PlanStep | undefined = graph.planUpgrade([], 'head')[0]
 * console.log(`${step?.direction} ${step?.fromRevisions.join(', ')} -> ${step?.revision}`)
 */
export interface PlanStep {
  readonly revision: string
  readonly direction: Direction
  /** Heads this step starts from (`Running upgrade A, B -> C`). Empty at base. */
  readonly fromRevisions: readonly string[]
  /** Heads this step leads to. Empty when a downgrade reaches base. */
  readonly toRevisions: readonly string[]
  /** Applied in order, together with the migration, in one transaction. */
  readonly versionChanges: readonly VersionRowChange[]
}
