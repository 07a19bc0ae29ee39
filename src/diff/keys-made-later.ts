import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import { referredKey, tableKey, uniqueColumnSets } from './keys.js'

/**
 * The foreign keys of new tables that refer to a key the same migration
 * adds to an existing table (a unique constraint or index on the referred
 * columns, which it has not yet): made in the CREATE TABLE, such a key
 * fails ("there is no unique constraint matching given keys"), so it is
 * added after the table changes instead, and the downgrade drops it before
 * the key it refers to. By the new table's key.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const creates: readonly Table[]
 * declare const pairs: ReadonlyArray<readonly [Table, Table]>
 * foreignKeysAwaitingKeys(creates, pairs, diffHooksFor('postgresql')) // Map { 'public.c' => [{ columns: ['a_id', 't'], … }] }
 */
export function foreignKeysAwaitingKeys(
  creates: readonly Table[],
  pairs: ReadonlyArray<readonly [Table, Table]>,
  hooks: DiffHooks,
): Map<string, ForeignKeyConstraint[]> {
  const existing = new Map(pairs.map(([was]) => [tableKey(was, hooks), was]))
  const awaiting = new Map<string, ForeignKeyConstraint[]>()
  for (const table of creates) {
    const later = (table.foreignKeys ?? []).filter((fk) => {
      const referred = existing.get(referredKey(fk, hooks))
      const referredSet = setKey(fk.referredColumns, hooks)
      return referred !== undefined && !uniqueColumnSets(referred).some((columns) => setKey(columns, hooks) === referredSet)
    })
    if (later.length > 0) awaiting.set(tableKey(table, hooks), later)
  }
  return awaiting
}

/** A column list's key, in any order: a unique key of (a, b) serves a foreign key to (b, a). */
function setKey(columns: readonly string[], hooks: DiffHooks): string {
  return columns
    .map((column) => hooks.nameKey(column))
    .sort()
    .join(',')
}
