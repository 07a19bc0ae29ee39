import { AthanorError } from '../core/errors.js'
import { nodeOf, type GraphData } from './node.js'
import { filterForLineage, getRevision, identToId, resolveNumber } from './lookup.js'
import { ancestors, byOrder } from './traverse.js'
import { BASE, walk, type Position } from './walk.js'

/** `[label@][symbol](+|-)N`, the relative target forms. */
const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)$/

export interface Relative {
  readonly label: string | null
  readonly symbol: string | null
  readonly steps: number
  readonly text: string
}

/** Parses a relative target, or returns null for an absolute one. */
export function parseRelative(target: string): Relative | null {
  const m = RELATIVE.exec(target)
  if (m === null) return null
  return { label: m[1] ?? null, symbol: m[2] ?? null, steps: Number(m[3]), text: m[3] as string }
}

function tooFar(target: string): AthanorError {
  return new AthanorError('UNREACHABLE_TARGET', `Relative target '${target}' goes past the end of the revision graph`)
}

/**
 * Every revision a target names; negative numbers walk down from each head
 * (the `history -r -3:` form).
 */
export function getRevisions(g: GraphData, target: string): Position[] {
  const { ids, label } = resolveNumber(g, target)
  const only = ids[0]
  if (ids.length === 1 && only !== undefined && /^[+-]?\d+$/.test(only) && Number(only) < 0) {
    const heads = label ? g.realHeads.filter((h) => nodeOf(g, h).labels.has(label)) : g.realHeads
    return heads.map((h) => walk(g, h, Number(only)) ?? null)
  }
  return ids.map((id) => identToId(g, id, label))
}

function revisionsOnly(found: readonly (Position | undefined)[], target: string): string[] {
  return found.map((p) => {
    if (p === undefined || p === null || p === BASE) throw tooFar(target)
    return p
  })
}

/** The revisions an upgrade to `target` must reach, given the current heads. */
export function parseUpgradeTarget(g: GraphData, current: readonly string[], target: string, noOverwalk = true): string[] {
  const rel = parseRelative(target)
  if (rel === null) return revisionsOnly(getRevisions(g, target), target)
  if (rel.steps <= 0) {
    if (rel.symbol === null) {
      throw new AthanorError('INVALID_TARGET', `Upgrade target '${target}' moves down; use downgrade`)
    }
    const start = getRevision(g, rel.label === null ? rel.symbol : `${rel.label}@${rel.symbol}`)
    return revisionsOnly([walk(g, start, rel.steps, null, noOverwalk)], target)
  }
  if (rel.symbol !== null) {
    return revisionsOnly([walk(g, getRevision(g, rel.symbol), rel.steps, rel.label, noOverwalk)], target)
  }
  let starts: Position[] = current.length === 0 ? [null] : [...current]
  if (rel.label !== null) {
    const currentIds = current.flatMap((c) => revisionsOnly(getRevisions(g, c), c))
    starts = filterForLineage(g, currentIds, rel.label)
    if (starts.length === 0) {
      // the branch has no head in the table: start from its newest applied revision
      const active = filterForLineage(g, [...ancestors(g, currentIds)], rel.label)
      const below = new Set(active.flatMap((id) => nodeOf(g, id).normDown))
      const tips = byOrder(
        g,
        active.filter((id) => !below.has(id)),
      )
      starts = tips.length === 0 ? [null] : tips
    }
  }
  if (starts.length > 1) {
    throw new AthanorError(
      'AMBIGUOUS_TARGET',
      `'${target}' is ambiguous with several current heads (${starts.join(', ')}); use 'label@${rel.text}' or name a revision`,
    )
  }
  const first = starts[0] ?? null
  const from = first === null ? null : getRevision(g, first)
  return revisionsOnly([walk(g, from, rel.steps, rel.label, noOverwalk)], target)
}

/** Revisions on the lineage of `label` that are branch tips among current heads and their ancestors. */
function allCurrentTips(g: GraphData, current: readonly string[]): string[] {
  const top = ancestors(g, current)
  return [...top].filter((id) => !nodeOf(g, id).next.some((c) => c !== id && top.has(c)))
}

/**
 * The revision a downgrade stops at (null: base) and the branch it is
 * limited to, if any.
 */
export function parseDowngradeTarget(
  g: GraphData,
  current: readonly string[],
  target: string,
  noOverwalk = true,
): { label: string | null; revision: string | null } {
  const rel = parseRelative(target)
  if (rel === null) {
    const at = target.lastIndexOf('@')
    const label = at > 0 ? target.slice(0, at) : null
    return { label, revision: getRevision(g, target.slice(at + 1)) }
  }
  let { label, symbol } = rel
  if (rel.steps >= 0) {
    if (symbol === null) {
      throw new AthanorError('INVALID_TARGET', `Downgrade target '${target}' moves up; use upgrade`)
    }
    const found = walk(g, getRevision(g, symbol), rel.steps, label, noOverwalk)
    if (found === undefined) throw tooFar(target)
    return { label, revision: found === BASE ? null : found }
  }
  if (symbol === null) {
    if (label !== null) {
      let onBranch = filterForLineage(g, current, label)
      if (onBranch.length === 0) onBranch = filterForLineage(g, allCurrentTips(g, current), label)
      if (onBranch.length !== 1) {
        throw new AthanorError(
          'AMBIGUOUS_TARGET',
          `'${target}': branch '${label}' has ${onBranch.length === 0 ? 'no' : 'several'} current heads` +
            `${onBranch.length ? ` (${onBranch.join(', ')})` : ''}`,
        )
      }
      symbol = onBranch[0] as string
    } else {
      const distinct = [...new Set(current)]
      if (distinct.length === 0) {
        throw new AthanorError('UNREACHABLE_TARGET', `Relative target '${target}': the database is already at base`)
      }
      if (distinct.length > 1) {
        // Alembic picks the first row it happens to read and warns; the row order is arbitrary
        throw new AthanorError(
          'AMBIGUOUS_TARGET',
          `'${target}' is ambiguous with several current heads (${distinct.join(', ')}); use 'label@${rel.text}' or name a revision`,
        )
      }
      symbol = distinct[0] as string
      label = symbol
    }
  }
  const start = getRevision(g, label === null ? symbol : `${label}@${symbol}`)
  const found = walk(g, start, rel.steps, null, noOverwalk)
  if (found === undefined) throw tooFar(target)
  return { label, revision: found === BASE ? null : found }
}
