import { AthanorError } from '../core/errors.js'
import type { GraphData } from './node.js'
import { filterForLineage } from './lookup.js'
import { checkHeads } from './plan.js'
import { getRevisions } from './targets.js'
import { ancestors, descendants } from './traverse.js'
import type { VersionRowChange } from './types.js'
import { VersionTable } from './version-table.js'
import { BASE } from './walk.js'

/** Options for {@link planStamp}. */
export interface StampOptions {
  /** Empty the version table first; the way out of rows no script knows. */
  readonly purge?: boolean
}

function stampTargets(g: GraphData, target: string): string[] {
  return getRevisions(g, target).map((p) => {
    if (p === null || p === BASE) throw new AthanorError('INVALID_TARGET', `Cannot stamp '${target}': it does not name a revision`)
    return p
  })
}

/**
 * Version-row changes that make the table say `targets` without running
 * anything. The rows afterwards are decided as a set, then turned into
 * changes:
 *
 * - a target that is not yet a row replaces the rows sharing its lineage
 *   (dependencies included), merging several into one, or becomes a new row
 *   when none does;
 * - a target that already is a row stays, unless another target on its
 *   lineage moves (from [A], `stamp A B` with B above A gives [B], as in
 *   Alembic);
 * - `base` (or `label@base`) removes the rows on its lineage (all rows for
 *   plain `base`) that are not themselves targets;
 * - every other row is kept.
 *
 * Alembic instead moves each target in turn from the rows read before the
 * command, so a second target whose lineage an earlier one already moved
 * fails on a row that is gone (from [E], `stamp C D` with E above D and
 * depending on C). It also merges into a moving target the rows on the
 * lineage of every other target, dropping an unrelated target that already
 * was a row (from [X, Y2], `stamp X Y` leaves only [Y]); here X stays.
 * Beside revision targets Alembic lets `base` only widen that merged set,
 * so from [X, U] `stamp base X` keeps U; here `base` clears what it names
 * wherever it appears, giving [X].
 * Wherever Alembic succeeds otherwise, the rows agree.
 *
 * Targets that are ancestors of one another and are not rows yet are all
 * written (from empty, `stamp A B` with A below B gives [A, B]), as Alembic
 * writes them: a stamp records what it is told, and a following upgrade
 * reports the overlap.
 */
export function planStamp(
  g: GraphData,
  current: readonly string[],
  targets: readonly string[],
  options: StampOptions = {},
): VersionRowChange[] {
  if (!options.purge) checkHeads(g, current)
  const purged: VersionRowChange[] = options.purge ? current.map((id) => ({ kind: 'delete', id })) : []
  const table = new VersionTable(options.purge ? [] : current)
  const wanted = targets.length === 0 ? ['base'] : targets

  const dests: string[] = []
  const namedBy = new Map<string, string>()
  const cleared = new Set<string>()
  for (const target of wanted) {
    if (target === '') continue
    const found = stampTargets(g, target)
    // `base` and `label@base` name no revision: they only clear their lineage
    if (found.length === 0) for (const row of filterForLineage(g, table.rows, target, true)) cleared.add(row)
    for (const dest of found) {
      const earlier = namedBy.get(dest)
      // naming a row twice changes nothing; naming a new revision twice is a slip worth reporting
      if (earlier !== undefined && !table.has(dest)) {
        throw new AthanorError('INVALID_TARGET', `Cannot stamp ${dest} twice: '${earlier}' and '${target}' both name it`)
      }
      if (earlier === undefined) dests.push(dest)
      namedBy.set(dest, target)
    }
  }

  const moving = dests.filter((dest) => !table.has(dest))
  const replacedBy = new Map<string, string[]>()
  for (const dest of moving) {
    const rows = filterForLineage(g, table.rows, dest, true)
    const above = descendants(g, [dest])
    const below = ancestors(g, [dest])
    if (rows.some((r) => above.has(r)) && rows.some((r) => !above.has(r) && below.has(r))) {
      // which of them the user means to keep is a guess; Alembic fails an assertion here
      throw new AthanorError(
        'INVALID_TARGET',
        `Cannot stamp ${dest}: current rows lie both above and below it (${rows.join(', ')}); use 'stamp --purge' to replace them all`,
      )
    }
    replacedBy.set(dest, rows)
  }
  // a target that already is a row stays unless a moving target shares its lineage
  const pending = new Set([...[...cleared].filter((row) => !dests.includes(row)), ...[...replacedBy.values()].flat()])

  for (const dest of moving) {
    const mine = (replacedBy.get(dest) ?? []).filter((row) => pending.has(row))
    for (const row of mine) pending.delete(row)
    // several rows on the lineage merge into one, the last moving: Alembic's order
    const last = mine.pop()
    for (const row of mine) table.delete(row)
    if (last === undefined) table.insert(dest)
    else table.update(last, dest)
  }
  for (const row of table.rows.filter((r) => pending.has(r))) table.delete(row)
  return [...purged, ...table.changes]
}
