import { AthanorError } from '../errors.js'
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
 * anything. Each target moves the current heads on its lineage (up or down,
 * merging them into one row) or, on a lineage with no head, starts a new row;
 * `base` removes the heads on the lineage of the other targets, or all.
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
  const onLineage = [...new Set(wanted.flatMap((t) => (t ? filterForLineage(g, table.rows, t, true) : [])))]
  const dests: (string | null)[] = wanted.flatMap((t) => stampTargets(g, t))
  if (dests.length === 0) dests.push(null)

  for (const dest of dests) {
    if (dest === null) {
      for (const h of onLineage) table.delete(h)
      continue
    }
    if (onLineage.includes(dest)) continue
    const above = descendants(g, [dest])
    const below = ancestors(g, [dest])
    const movingDown = onLineage.some((h) => above.has(h))
    if (movingDown && onLineage.some((h) => below.has(h))) {
      throw new AthanorError('INVALID_TARGET', `Cannot stamp ${dest}: current heads lie both above and below it (${onLineage.join(', ')})`)
    }
    if (!movingDown && !onLineage.some((h) => below.has(h))) {
      if (table.has(dest)) throw new AthanorError('VERSION_TABLE_CONFLICT', `Cannot stamp ${dest}: it is already a row`)
      table.insert(dest)
      continue
    }
    const gone = onLineage.some((h) => !table.has(h))
    if (!movingDown && gone && !table.has(dest)) {
      table.insert(dest)
    } else {
      for (const h of onLineage.slice(0, -1)) table.delete(h)
      table.update(onLineage[onLineage.length - 1] as string, dest)
    }
  }
  return [...purged, ...table.changes]
}
