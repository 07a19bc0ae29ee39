import { AthanorError } from '../core/errors.js'
import { assertNoOverlap } from './collect.js'
import { nodeOf, type GraphData } from './node.js'
import { getRevision, identToId } from './lookup.js'
import { getRevisions, parseDowngradeTarget, parseUpgradeTarget } from './targets.js'
import { topoSort } from './topo.js'
import { ancestors, reach, versionedNext } from './traverse.js'
import { BASE, walk } from './walk.js'

function badRange(lower: string, upper: string): AthanorError {
  return new AthanorError(
    'INVALID_RANGE',
    `Requested range ${lower}:${upper} does not refer to ancestor/descendant revisions along the same branch`,
  )
}

/** `-N` or `label@-N`: N revisions down from the heads. */
const COUNT_DOWN = /^(?:(.+?)@)?-(\d+)$/
/** `head`, `heads`, `label@head`, `label@heads`. */
const HEAD_WORD = /(?:^|@)heads?$/

/** Revisions from `id` down to base through single down revisions (the walk got there, so there is no fork). */
function chainLength(g: GraphData, id: string): number {
  let n = 1
  for (let down = nodeOf(g, id).down; down.length === 1; down = nodeOf(g, down[0] as string).down) n++
  return n
}

function belowBase(g: GraphData, lower: string): AthanorError {
  const [, label, count] = COUNT_DOWN.exec(lower) as RegExpExecArray
  const steps = Number(count)
  const heads = label === undefined ? g.realHeads : g.realHeads.filter((h) => nodeOf(g, h).labels.has(label))
  const short = heads.find((h) => walk(g, h, -steps) === undefined) ?? (heads[0] as string)
  const n = chainLength(g, short)
  return new AthanorError(
    'INVALID_RANGE',
    `History range start '${lower}' goes ${steps} steps below head ${short}, ` +
      `but the chain has only ${n} revision${n === 1 ? '' : 's'}; use 'base:' to list from base`,
  )
}

function ids(found: readonly (string | null)[], lower: string, upper: string): string[] {
  return found.map((p) => {
    if (p === null || p === BASE) throw badRange(lower, upper)
    return p
  })
}

/**
 * Revisions from `lower` to `upper`, both included, newest first (Alembic's
 * `walk_revisions`). Either end may be a list of ids (the current heads).
 */
export function walkRevisions(g: GraphData, lower: string | readonly string[], upper: string | readonly string[]): string[] {
  const lowerText = typeof lower === 'string' ? lower : lower.join(',') || 'base'
  const upperText = typeof upper === 'string' ? upper : upper.join(',')
  let targets =
    typeof upper === 'string'
      ? parseUpgradeTarget(g, typeof lower === 'string' ? [lower] : lower, upper, false)
      : upper.map((u) => identToId(g, u))
  if (typeof lower === 'string' && lower.includes('@')) {
    let branch = lower.slice(0, lower.indexOf('@'))
    const rev = getRevision(g, branch)
    if (rev !== null && rev === branch) {
      const labels = [...nodeOf(g, rev).labels]
      if (labels.length !== 1) throw badRange(lowerText, upperText)
      branch = labels[0] as string
    }
    targets = targets.filter((t) => nodeOf(g, t).labels.has(branch))
  }
  assertNoOverlap(g, targets)
  const required = ancestors(g, targets)

  let low: (string | null)[] = typeof lower === 'string' ? getRevisions(g, lower) : lower.map((l) => identToId(g, l))
  if (typeof lower === 'string' && COUNT_DOWN.test(lower)) {
    // every head counted down exactly to base: the range starts at base, as `-N` means base
    // as a downgrade target (Alembic refuses the range: it looks 'base' up as a revision)
    if (low.length > 0 && low.every((p) => p === BASE)) low = []
    // walked past base: Alembic counts again from an upper end that names a revision and stops at
    // base, but from `head`/`heads` it fails naming the upper end; say what went wrong instead
    else if (low.includes(null) && typeof upper === 'string' && HEAD_WORD.test(upper)) throw belowBase(g, lower)
  }
  if (low[0] === null && typeof lower === 'string') {
    const { revision } = parseDowngradeTarget(g, typeof upper === 'string' ? [upper] : upper, lower, false)
    low = revision === null ? [] : [revision]
  }
  const current = ids(low, lowerText, upperText)
  if (current.some((c) => !required.has(c))) throw badRange(lowerText, upperText)
  // revisions the upper end does not lead down to mean the ends are on different branches
  const different = () => badRange(lowerText, upperText)
  // From base (all of `history`): every ancestor of the upper end, with no copy of them to narrow.
  if (current.length === 0) return topoSort(g, required, targets, different)
  const applied = ancestors(g, current)
  const needs = new Set([...required].filter((id) => !applied.has(id)))
  for (const c of current) needs.add(c)
  assertNoOverlap(g, current)
  const above = reach(g, current, versionedNext)
  for (const id of needs) if (!above.has(id)) needs.delete(id)
  return topoSort(g, needs, targets, different)
}

/**
 * `history -r` ranges: `A:B`, `A:`, `:B`, `-3:`, `current:`, `:current`,
 * with `base` and `heads` as the open ends.
 */
export function historyRange(g: GraphData, range: string | undefined, current: readonly string[] = []): string[] {
  if (range === undefined) return walkRevisions(g, 'base', 'heads')
  const parts = range.trim().split(':')
  if (parts.length !== 2) {
    throw new AthanorError('INVALID_RANGE', `History range '${range}' must look like [start]:[end], [start]: or :[end]`)
  }
  const [lower = '', upper = ''] = parts
  if (upper === 'current') {
    // Alembic lists everything when the database is empty; nothing is applied, so nothing is shown
    if (current.length === 0) return []
    return walkRevisions(g, lower || 'base', current)
  }
  if (lower === 'current') return walkRevisions(g, current.length ? current : 'base', upper || 'heads')
  return walkRevisions(g, lower || 'base', upper || 'heads')
}
