import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import { columnsKey, primaryKeyColumns, referredKey, tableKey } from './keys.js'

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
      return referred !== undefined && !uniqueKeysOf(referred, hooks).has(setKey(fk.referredColumns, hooks))
    })
    if (later.length > 0) awaiting.set(tableKey(table, hooks), later)
  }
  return awaiting
}

/** The column sets a table holds unique: its primary key, unique constraints and columns, and whole-column unique indexes. */
function uniqueKeysOf(table: Table, hooks: DiffHooks): Set<string> {
  const sets = [
    primaryKeyColumns(table),
    ...(table.uniqueConstraints ?? []).map((unique) => unique.columns),
    ...table.columns.filter((column) => column.unique === true).map((column) => [column.name]),
    ...(table.indexes ?? [])
      .filter((index) => index.unique === true && index.expressions !== true && index.where === undefined)
      .map((index) => index.columns),
  ]
  return new Set(sets.filter((columns) => columns.length > 0).map((columns) => setKey(columns, hooks)))
}

function setKey(columns: readonly string[], hooks: DiffHooks): string {
  return columnsKey([...columns].sort(), hooks)
}
