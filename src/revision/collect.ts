import { AthanorError } from '../core/errors.js'
import { nodeOf, type GraphData } from './node.js'
import { identToId, resolveBranch } from './lookup.js'
import { parseDowngradeTarget, parseUpgradeTarget } from './targets.js'
import { ancestors, descendants, reach, versionedDown } from './traverse.js'

/** Refuses target sets where one is already implied by another. */
export function assertNoOverlap(g: GraphData, targets: readonly string[]): void {
  // One target overlaps with nothing: no ancestor set of a whole chain to build.
  if (targets.length < 2) return
  for (const t of targets) {
    const below = ancestors(g, nodeOf(g, t).normDown)
    const hit = targets.find((o) => o !== t && below.has(o))
    if (hit !== undefined) {
      throw new AthanorError('INVALID_TARGET', `Requested revision ${t} overlaps with requested revision ${hit}, one of its ancestors`)
    }
  }
}

/** A row that is an ancestor of another row leaves no sound starting point. */
function assertMinimalRows(g: GraphData, current: readonly string[]): void {
  if (current.length < 2) return
  for (const c of current) {
    const below = ancestors(g, nodeOf(g, c).normDown)
    const hit = current.find((o) => o !== c && below.has(o))
    if (hit !== undefined) {
      throw new AthanorError(
        'VERSION_TABLE_CONFLICT',
        `The version table holds both ${c} and its ancestor ${hit}; fix it with 'stamp' (e.g. 'stamp --purge ${c}')`,
      )
    }
  }
}

/**
 * What an upgrade runs: every ancestor of the targets not already implied
 * by the current heads, across branches and bases.
 */
export function collectUpgrade(g: GraphData, current: readonly string[], target: string): { revisions: Set<string>; targets: string[] } {
  const targets = parseUpgradeTarget(g, current, target)
  assertNoOverlap(g, targets)
  assertMinimalRows(g, current)
  const applied = ancestors(g, current)
  // A target the database has already passed leaves nothing to run, as in Alembic: a deploy that rolls the
  // application back to an older release runs `upgrade <its revision>` against a database that stays ahead.
  const revisions = new Set([...ancestors(g, targets)].filter((id) => !applied.has(id)))
  return { revisions, targets }
}

/**
 * What a downgrade runs: the target's descendants and dependents that are
 * applied, narrowed to one branch when the target names one.
 */
export function collectDowngrade(g: GraphData, current: readonly string[], target: string): { revisions: Set<string>; heads: string[] } {
  const { label, revision } = parseDowngradeTarget(g, current, target)
  let roots = revision === null ? [...g.bases] : [...nodeOf(g, revision).next]
  if (label !== null && roots.length > 1) {
    const lineage = reach(g, [resolveBranch(g, label)], versionedDown)
    roots = roots.filter((r) => lineage.has(r))
    if (roots.length === 0) {
      throw new AthanorError('UNREACHABLE_TARGET', `Downgrade target '${target}' is not on the branch of the current heads`)
    }
  }
  const heads = current.map((c) => identToId(g, c))
  const active = ancestors(g, heads)
  const revisions = new Set([...descendants(g, roots)].filter((id) => active.has(id)))
  if (revision !== null && revisions.size === 0 && !heads.includes(revision)) {
    throw new AthanorError(
      'UNREACHABLE_TARGET',
      `Downgrade target ${revision} is not below the current heads (${heads.join(', ') || 'base'})`,
    )
  }
  return { revisions, heads }
}
