import type { Operation } from '../ops/operation.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import { referredKey, refOf, tableKey } from './keys.js'

/**
 * The foreign keys of the tables a migration drops that refer to a table a
 * partition is detached from (`detachedFrom`, see the partition changes),
 * dropped before the detach (`drops`), and the dropped tables without them
 * (`tables`): PostgreSQL refuses the DETACH while a row of the table still
 * refers to a row of the partition, and the table goes only at the end of
 * the migration. The key is not made again; the downgrade, which creates
 * the table anew, adds it back after the old bounds are restored.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const dropped: readonly Table[]
 * releaseKeysOfDropped(dropped, new Set(['public.stock']), diffHooksFor('postgresql')).drops // [drop_constraint orders_fkey]
 */
export function releaseKeysOfDropped(
  dropped: readonly Table[],
  detachedFrom: ReadonlySet<string>,
  hooks: DiffHooks,
): { readonly drops: readonly Operation[]; readonly tables: Table[] } {
  const drops: Operation[] = []
  const tables = dropped.map((table) => {
    const held = (table.foreignKeys ?? []).filter((fk) => fk.name !== undefined && detachedFrom.has(referredKey(fk, hooks)))
    if (held.length === 0) return table
    for (const fk of held) drops.push({ kind: 'drop_constraint', ...refOf(table), name: fk.name!, type: 'foreignkey', existing: fk })
    return { ...table, foreignKeys: (table.foreignKeys ?? []).filter((fk) => !held.includes(fk)) }
  })
  return { drops, tables }
}

/**
 * `awaiting` (the foreign keys of new tables added after the table
 * changes, by the new table's key) with, besides, each key of a new table
 * that refers to a table a partition is detached from: added after the
 * attach, its downgrade drops it before the partition is detached again,
 * while the rows written since still refer to the partition's.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const creates: readonly Table[]
 * withKeysToDetached(new Map(), creates, new Set(['public.stock']), diffHooksFor('postgresql')) // Map { 'public.orders' => [...] }
 */
export function withKeysToDetached(
  awaiting: ReadonlyMap<string, readonly ForeignKeyConstraint[]>,
  creates: readonly Table[],
  detachedFrom: ReadonlySet<string>,
  hooks: DiffHooks,
): Map<string, ForeignKeyConstraint[]> {
  const all = new Map([...awaiting].map(([key, keys]) => [key, [...keys]]))
  if (detachedFrom.size === 0) return all
  for (const table of creates) {
    const key = tableKey(table, hooks)
    const later = all.get(key) ?? []
    for (const fk of table.foreignKeys ?? []) {
      if (detachedFrom.has(referredKey(fk, hooks)) && !later.includes(fk)) later.push(fk)
    }
    if (later.length > 0) all.set(key, later)
  }
  return all
}
