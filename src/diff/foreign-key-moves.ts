import type { Operation } from '../ops/operation.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import { referredKey, refOf, tableKey } from './keys.js'
import type { TableName } from './options.js'

/**
 * `table` with its foreign keys to a renamed table naming it by its new
 * name and schema (`renamed`: table key to where the table is now).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * import { tableKey } from './keys.js'
 * const hooks = diffHooksFor('mysql')
 * const child: Table = { name: 'c', columns: [], foreignKeys: [{ columns: ['p_id'], referredTable: 'p', referredColumns: ['id'] }] }
 * referringToRenamed(child, new Map([[tableKey({ name: 'p' }, hooks), { name: 'pp' }]]), hooks).foreignKeys?.[0]?.referredTable // 'pp'
 */
export function referringToRenamed(table: Table, renamed: ReadonlyMap<string, TableName>, hooks: DiffHooks): Table {
  const keys = table.foreignKeys
  if (keys === undefined || keys.length === 0) return table
  let changed = false
  const foreignKeys = keys.map((fk) => {
    const now = renamed.get(referredKey(fk, hooks))
    if (now === undefined) return fk
    changed = true
    const { referredSchema: _was, ...rest } = fk
    return { ...rest, referredTable: now.name, ...(now.schema === undefined ? {} : { referredSchema: now.schema }) }
  })
  return changed ? { ...table, foreignKeys } : table
}

/**
 * The foreign keys that hold a column whose type changes, at either end,
 * released (see {@link releaseKeys}).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const pairs: Array<readonly [Table, Table]>
 * const { drops, pairs: released } = releaseKeysOnRetypedColumns(pairs, diffHooksFor('mysql'))
 */
export function releaseKeysOnRetypedColumns(pairs: ReadonlyArray<readonly [Table, Table]>, hooks: DiffHooks): ReleasedKeys {
  const retyped = new Set<string>()
  for (const [was, wanted] of pairs) {
    const wantedColumns = new Map(wanted.columns.map((c) => [hooks.nameKey(c.name), c]))
    for (const column of was.columns) {
      const target = wantedColumns.get(hooks.nameKey(column.name))
      if (target !== undefined && hooks.typeKey(column) !== hooks.typeKey(target)) {
        retyped.add(`${tableKey(was, hooks)}.${hooks.nameKey(column.name)}`)
      }
    }
  }
  if (retyped.size === 0) return { drops: [], pairs: [...pairs] }
  return releaseKeys(pairs, hooks, (fk, own) => {
    const referred = referredKey(fk, hooks)
    return (
      fk.columns.some((c) => retyped.has(`${own}.${hooks.nameKey(c)}`)) ||
      fk.referredColumns.some((c) => retyped.has(`${referred}.${hooks.nameKey(c)}`))
    )
  })
}

/** Foreign keys dropped before any table changes, and the tables on both sides without them. */
export interface ReleasedKeys {
  readonly drops: Operation[]
  readonly pairs: Array<readonly [Table, Table]>
}

/**
 * The named foreign keys of the current tables that `holds` (given the key
 * and its table's key), dropped before any table changes (`drops`), and the
 * tables without them (`pairs`), so the comparison adds each again, as the
 * models have it, after every table has changed.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const pairs: Array<readonly [Table, Table]>
 * releaseKeys(pairs, diffHooksFor('mysql'), (fk) => fk.referredTable === 'parent').drops // drop_constraint of each key to parent
 */
export function releaseKeys(
  pairs: ReadonlyArray<readonly [Table, Table]>,
  hooks: DiffHooks,
  holds: (fk: ForeignKeyConstraint, ownTableKey: string) => boolean,
): ReleasedKeys {
  const drops: Operation[] = []
  const released = pairs.map(([was, wanted]) => {
    const own = tableKey(was, hooks)
    const held = (was.foreignKeys ?? []).filter((fk) => fk.name !== undefined && holds(fk, own))
    if (held.length === 0) return [was, wanted] as const
    for (const fk of held) drops.push({ kind: 'drop_constraint', ...refOf(was), name: fk.name!, type: 'foreignkey', existing: fk })
    const without = { ...was, foreignKeys: (was.foreignKeys ?? []).filter((fk) => !held.includes(fk)) }
    const kept = held.flatMap((fk) => (fk.supportingIndex === undefined ? [] : [fk.columns]))
    if (kept.length > 0) indexesOfReleasedKeys.set(without, [...(indexesOfReleasedKeys.get(was) ?? []), ...kept])
    return [without, wanted] as const
  })
  return { drops, pairs: released }
}

/** The columns of the indexes InnoDB made for the keys released from a table, by the table as it is left. */
const indexesOfReleasedKeys = new WeakMap<Table, (readonly string[])[]>()

/**
 * The columns of the indexes the keys released from `table` stood on: a
 * dropped key leaves InnoDB's index behind, so the key made again finds it.
 *
 * @example
 * declare const was: Table // as releaseKeys left it
 * releasedKeyIndexes(was) // [['ak']] for a key on ak made again after a rename
 */
export function releasedKeyIndexes(table: Table): readonly (readonly string[])[] {
  return indexesOfReleasedKeys.get(table) ?? []
}
