import type { VersionRowChange } from '../revision/types.js'

/** The version rows after applying changes to `heads`; what a run will leave behind. */
export function applyVersionRowChanges(heads: readonly string[], changes: Iterable<VersionRowChange>): string[] {
  const rows = new Set(heads)
  for (const change of changes) {
    if (change.kind === 'insert') rows.add(change.id)
    else if (change.kind === 'delete') rows.delete(change.id)
    else {
      rows.delete(change.from)
      rows.add(change.to)
    }
  }
  return [...rows].sort()
}
