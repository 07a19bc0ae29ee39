import type { ScriptDirectory } from './script-directory.js'

/**
 * A revision as listings show it (current, heads, history, show): what the
 * graph knows plus what the script file says. `--json` prints these.
 *
 * @example
 * const [head] = await heads({ directory: 'migrations' })
 * if (head) {
 *   const merges = head.isMergePoint ? ' merges ' + head.downRevisions.join(', ') : ''
 *   console.log(`${head.revision} ${head.message} (${head.path})${merges}`)
 * }
 */
export interface RevisionView {
  readonly revision: string
  readonly downRevisions: readonly string[]
  readonly dependsOn: readonly string[]
  readonly branchLabels: readonly string[]
  readonly nextRevisions: readonly string[]
  readonly message: string
  readonly path: string
  readonly createDate?: string
  readonly isHead: boolean
  readonly isBase: boolean
  readonly isBranchPoint: boolean
  readonly isMergePoint: boolean
  readonly isCurrent: boolean
  /** Several databases (`history -i`): the databases at this revision. */
  readonly currentIn?: readonly string[]
  /**
   * `history -i`: a step of this revision ran outside a transaction and did
   * not finish, e.g. `upgrade stopped after statement 2 of 4`.
   */
  readonly unfinished?: string
}

export function revisionView(scripts: ScriptDirectory, id: string, current: readonly string[] = []): RevisionView {
  const node = scripts.graph.get(id)
  const script = scripts.script(id)
  return {
    revision: node.id,
    downRevisions: node.downRevisions,
    dependsOn: node.dependsOn,
    branchLabels: node.branchLabels,
    nextRevisions: node.nextRevisions,
    message: script.message,
    path: script.source,
    ...(script.createDate ? { createDate: script.createDate } : {}),
    isHead: node.isHead,
    isBase: node.isBase,
    isBranchPoint: node.isBranchPoint,
    isMergePoint: node.isMergePoint,
    isCurrent: current.includes(node.id),
  }
}
