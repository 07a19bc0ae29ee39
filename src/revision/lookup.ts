import { AmbiguousRevisionError, MultipleHeadsError, RevisionNotFoundError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import type { GraphData } from './node.js'
import { reach, normalizedDown, versionedDown, versionedNext, allNext } from './traverse.js'

/**
 * Id lookup: an exact id, a branch label (its declaring revision), or a
 * unique prefix of at least four characters.
 */
export function identToId(g: GraphData, ident: string, checkBranch?: string | null): string {
  let id: string | undefined = g.nodes.has(ident) ? ident : g.labelOwner.get(ident)
  if (id === undefined) {
    let found = ident.length >= 4 ? g.order.filter((k) => k.startsWith(ident)) : []
    if (checkBranch) found = found.filter((k) => sharesLineage(g, k, [checkBranch]))
    if (found.length === 0) {
      const hint = ident.length < 4 ? '; partial ids need at least four characters' : ''
      throw new RevisionNotFoundError(`No such revision or branch '${ident}'${hint}`, { revision: ident })
    }
    if (found.length > 1) {
      throw new AmbiguousRevisionError(
        `Several revisions start with '${ident}': ${found.slice(0, 5).join(', ')}${found.length > 5 ? ', ...' : ''}`,
        { revision: ident, candidates: found },
      )
    }
    id = found[0] as string
  }
  if (checkBranch) {
    const branch = resolveBranch(g, checkBranch)
    if (!sharesLineage(g, id, [branch])) {
      throw new AthanorError('REVISION_NOT_IN_BRANCH', `Revision ${id} is not a member of branch '${checkBranch}'`)
    }
  }
  return id
}

/** A label, or failing that any revision identifier, standing for a branch. */
export function resolveBranch(g: GraphData, label: string): string {
  const owner = g.labelOwner.get(label) ?? (g.nodes.has(label) ? label : undefined)
  if (owner !== undefined) return owner
  try {
    return identToId(g, label)
  } catch (e) {
    if (e instanceof AthanorError && e.code === 'REVISION_NOT_FOUND') {
      throw new RevisionNotFoundError(`No such branch or revision '${label}'`, { revision: label }, { cause: e })
    }
    throw e
  }
}

/** True when `id` is an ancestor or descendant of (or equal to) any of `against`. */
function sharesLineage(g: GraphData, id: string, against: readonly string[], withDeps = false): boolean {
  if (against.length === 0) return true
  const targets = new Set(against.map((a) => identToId(g, a)))
  const up = reach(g, [id], withDeps ? normalizedDown : versionedDown)
  const down = reach(g, [id], withDeps ? allNext : versionedNext)
  for (const t of targets) if (up.has(t) || down.has(t)) return true
  return false
}

/** Keeps the ids on the lineage of `check` (a label, id, or `label@rev`). */
export function filterForLineage(g: GraphData, ids: readonly string[], check: string, withDeps = false): string[] {
  const { ids: against, label } = resolveNumber(g, check)
  const shares = label ? [label, ...against] : [...against]
  return ids.filter((id) => sharesLineage(g, id, shares, withDeps))
}

function multipleHeads(heads: readonly string[], arg: string): MultipleHeadsError {
  return new MultipleHeadsError(
    `Multiple heads for '${arg}': ${heads.join(', ')}; use 'label@head' for one branch, 'heads' for all of them, or merge them first`,
    { heads },
  )
}

/** The single head, or of one branch; several is an error naming them. */
function currentHead(g: GraphData, label: string | null): string | null {
  const heads = label ? filterForLineage(g, g.heads, label) : [...g.heads]
  if (heads.length > 1) throw multipleHeads(heads, label ? `${label}@head` : 'head')
  return heads[0] ?? null
}

/** Splits `label@x` and expands `head`, `heads`, `base`. */
export function resolveNumber(g: GraphData, target: string | null): { ids: string[]; label: string | null } {
  let label: string | null = null
  let id = target
  if (target?.includes('@')) {
    const at = target.indexOf('@')
    label = target.slice(0, at)
    id = target.slice(at + 1)
  }
  if (id === 'heads') return { ids: label ? filterForLineage(g, g.heads, label) : [...g.realHeads], label }
  if (id === 'head') {
    const h = currentHead(g, label)
    return { ids: h === null ? [] : [h], label }
  }
  if (id === 'base' || id === null || id === '') return { ids: [], label }
  return { ids: [id], label }
}

/** One revision for a target; null means base. */
export function getRevision(g: GraphData, target: string | null): string | null {
  const { ids, label } = resolveNumber(g, target)
  if (ids.length > 1) throw multipleHeads(ids, target ?? 'base')
  const first = ids[0]
  return first === undefined ? null : identToId(g, first, label)
}

export { multipleHeads }
