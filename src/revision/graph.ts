import { buildGraphData } from './build.js'
import { historyRange } from './history.js'
import { infoOf, type RevisionInfo } from './info.js'
import { identToId } from './lookup.js'
import type { GraphData } from './node.js'
import { passedTargets } from './passed.js'
import { checkHeads, planDowngrade, planExact, planUpgrade } from './plan.js'
import { planStamp, type StampOptions } from './stamp.js'
import { getRevisions, parseDowngradeTarget, parseRelative, parseUpgradeTarget } from './targets.js'
import { ancestors } from './traverse.js'
import type { Direction, PlanStep, RevisionSpec, VersionRowChange } from './types.js'
import { AthanorError } from '../core/errors.js'
import { walkRevisions } from './history.js'

/** How many upgrade plans a graph keeps (see planUpgrade). */
const PLANS_KEPT = 64

/**
 * The revision graph: built once from what the scripts declare, then asked
 * about ids, heads, targets and the steps between two states. Pure: no
 * files, no database.
 *
 * @example
 * const graph = RevisionGraph.build([
 *   { id: 'a1', downRevisions: [], branchLabels: [], dependsOn: [] },
 *   { id: 'b2', downRevisions: ['a1'], branchLabels: [], dependsOn: [] },
 * ])
 * graph.heads                          // ['b2']
 * graph.planUpgrade([], 'head')        // steps a1, b2 with their version-row changes
 */
export class RevisionGraph {
  readonly #g: GraphData
  #walked: readonly RevisionInfo[] | undefined
  /** Upgrade plans by target and heads: the graph never changes, and a plan's steps are read-only. */
  readonly #upgrades = new Map<string, readonly PlanStep[]>()

  private constructor(g: GraphData) {
    this.#g = g
  }

  /**
   * Validates and links the specs. Throws DUPLICATE_REVISION,
   * MISSING_DOWN_REVISION, CYCLE, DUPLICATE_BRANCH_LABEL,
   * INVALID_REVISION_ID or INVALID_BRANCH_LABEL.
   *
   * @example
   * const specs: RevisionSpec[] = [{ id: 'a1', downRevisions: [], branchLabels: ['core'], dependsOn: [] }]
   * RevisionGraph.build(specs).heads // ['a1']
   */
  static build(specs: readonly RevisionSpec[]): RevisionGraph {
    return new RevisionGraph(buildGraphData(specs))
  }

  /**
   * One revision, by id, unique 4+ character prefix or branch label.
   *
   * @example
   * graph.get('ae10').isMergePoint
   */
  get(id: string): RevisionInfo {
    return infoOf(this.#g, identToId(this.#g, id))
  }

  /** True when a script defines exactly this id. @example graph.has('a1') */
  has(id: string): boolean {
    return this.#g.nodes.has(id)
  }

  /** Revisions no script declares as its down revision, in input order. @example graph.heads */
  get heads(): readonly string[] {
    return this.#g.heads
  }

  /** Revisions without down revisions, in input order. @example graph.bases */
  get bases(): readonly string[] {
    return this.#g.bases
  }

  /**
   * Every revision, heads first, down to the bases (the `history` order).
   *
   * @example
   * graph.revisions.filter((r) => r.isBranchPoint).map((r) => r.id)
   */
  get revisions(): readonly RevisionInfo[] {
    this.#walked ??= walkRevisions(this.#g, 'base', 'heads').map((id) => infoOf(this.#g, id))
    return this.#walked
  }

  /** True when some script declares `label` as a branch label. @example graph.hasBranchLabel('billing') */
  hasBranchLabel(label: string): boolean {
    return this.#g.labelOwner.has(label)
  }

  /**
   * Revision ids a target names: `head`, `heads`, `base` (none), ids, partial
   * ids, labels, `label@head`, `REV@head`, `label@base`, `label@heads`,
   * `current`, and relative forms (`REV+N`, `REV-N`, `label@REV-N`; `+N`,
   * `-N`, `label@+N`, `label@-N` count from `currentHeads`).
   *
   * @example
   * graph.resolve('billing@head')   // ['c3']
   * graph.resolve('-1', ['c3'])     // ['b2']
   */
  resolve(target: string, currentHeads?: readonly string[]): string[] {
    const g = this.#g
    if (target === 'current') {
      if (currentHeads === undefined) throw needsCurrent(target)
      checkHeads(g, currentHeads)
      return [...currentHeads]
    }
    const rel = parseRelative(target)
    if (rel === null) {
      return getRevisions(g, target).flatMap((p) => (p === null || p === 'base' ? [] : [p]))
    }
    if (rel.symbol === null && currentHeads === undefined) throw needsCurrent(target)
    const current = currentHeads ?? []
    checkHeads(g, current)
    if (rel.steps > 0) return parseUpgradeTarget(g, current, target)
    const { revision } = parseDowngradeTarget(g, current, target)
    return revision === null ? [] : [revision]
  }

  /**
   * Steps from the version rows `currentHeads` up to `target`, in execution order.
   *
   * @example
   * graph.planUpgrade(['a1'], 'heads').map((s) => s.revision)
   */
  planUpgrade(currentHeads: readonly string[], target: string): PlanStep[] {
    // `upgrade --all` plans each tenant two or three times, and most tenants stand at the same few heads.
    const key = `${target}\0${currentHeads.join('\0')}`
    let planned = this.#upgrades.get(key)
    if (planned === undefined) {
      planned = planUpgrade(this.#g, currentHeads, target)
      if (this.#upgrades.size >= PLANS_KEPT) this.#upgrades.clear()
      this.#upgrades.set(key, planned)
    }
    return [...planned]
  }

  /**
   * The revisions `target` names that the database has already gone past
   * (applied, but not current heads), when an upgrade to it therefore has
   * nothing to do; empty otherwise. A database at the target itself has not
   * passed it.
   *
   * @example
   * graph.alreadyPast(['b2'], 'a1')   // ['a1']: an upgrade to a1 runs nothing
   * graph.alreadyPast(['b2'], 'b2')   // []: the database is at b2
   * graph.alreadyPast(['a1'], 'b2')   // []: b2 is still to run
   */
  alreadyPast(currentHeads: readonly string[], target: string): string[] {
    checkHeads(this.#g, currentHeads)
    return passedTargets(this.#g, currentHeads, target)
  }

  /**
   * Steps from `currentHeads` down to `target`, newest first; the target's
   * applied descendants and dependents are undone too.
   *
   * @example
   * graph.planDowngrade(['c3'], '-1')
   */
  planDowngrade(currentHeads: readonly string[], target: string): PlanStep[] {
    return planDowngrade(this.#g, currentHeads, target)
  }

  /**
   * Steps that run exactly `revisions`, in that order and direction, from
   * the version rows `currentHeads`: one revision up and down again, as
   * `athanor test` moves, without the other branches a target would drag along.
   *
   * @example
   * graph.planSteps(['b2'], ['b2'], 'downgrade') // b2 alone, back to a1
   */
  planSteps(currentHeads: readonly string[], revisions: readonly string[], direction: Direction): PlanStep[] {
    return planExact(this.#g, currentHeads, revisions, direction)
  }

  /**
   * Row changes that record `targets` without running migrations.
   *
   * @example
   * graph.planStamp(['zz99'], ['a1'], { purge: true }) // delete zz99, insert a1
   */
  planStamp(currentHeads: readonly string[], targets: readonly string[], options: StampOptions = {}): VersionRowChange[] {
    return planStamp(this.#g, currentHeads, targets, options)
  }

  /**
   * Throws UNKNOWN_DATABASE_REVISION when a row names no script.
   *
   * @example
   * graph.checkHeads(['b2']) // passes when a script defines b2
   */
  checkHeads(currentHeads: readonly string[]): void {
    checkHeads(this.#g, currentHeads)
  }

  /**
   * Revisions shown by `history -r RANGE`, heads first.
   *
   * @example
   * graph.historyRange('-3:')          // the three newest and their base side
   * graph.historyRange(':current', ['b2'])
   */
  historyRange(range: string | undefined, currentHeads: readonly string[] = []): string[] {
    checkHeads(this.#g, currentHeads)
    return historyRange(this.#g, range, currentHeads)
  }

  /**
   * The ids that are not ancestors of other ids in the list: what the
   * version table holds after reaching all of them.
   *
   * @example
   * graph.minimalHeads(['a1', 'b2']) // ['b2'] when b2 descends from a1
   */
  minimalHeads(ids: readonly string[]): string[] {
    const g = this.#g
    const unique = [...new Set(ids.map((id) => identToId(g, id)))]
    const below = ancestors(
      g,
      unique.flatMap((id) => g.nodes.get(id)?.normDown ?? []),
    )
    return unique.filter((id) => !below.has(id))
  }
}

function needsCurrent(target: string): AthanorError {
  return new AthanorError('INVALID_TARGET', `'${target}' is relative to the database's current heads, which were not given`)
}
