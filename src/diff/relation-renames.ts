import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Partition } from '../schema/partitioning.js'
import { tableKey } from './keys.js'
import type { RenamedRelation, RenameResolver, TableName } from './options.js'
import { tableMoveOperations } from './table-moves.js'

const nameOf = (o: TableName): TableName => (o.schema === undefined ? { name: o.name } : { name: o.name, schema: o.schema })

/**
 * Asks the resolver, group by group, which of the vanished relations are
 * renamed to which new ones of the same group; answers naming others are
 * ignored, so a rename flag for them stays unmatched.
 */
async function renamesIn<T extends TableName>(
  dropped: readonly T[],
  added: readonly T[],
  group: (relation: T) => string,
  kind: RenamedRelation,
  context: { readonly resolver: RenameResolver; readonly hooks: DiffHooks; readonly home: string },
): Promise<Array<readonly [T, T]>> {
  const { resolver, hooks, home } = context
  const key = (relation: TableName) => tableKey(relation, hooks)
  const pairs: Array<readonly [T, T]> = []
  for (const name of new Set(dropped.map(group))) {
    const was = new Map(dropped.filter((r) => group(r) === name).map((r) => [key(r), r]))
    const now = new Map(added.filter((r) => group(r) === name).map((r) => [key(r), r]))
    if (now.size === 0) continue
    for (const [from, to] of await resolver.tables([...was.values()].map(nameOf), [...now.values()].map(nameOf), home, kind)) {
      const old = was.get(key(from))
      const wanted = now.get(key(to))
      if (old === undefined || wanted === undefined) continue
      was.delete(key(from))
      now.delete(key(to))
      pairs.push([old, wanted])
    }
  }
  return pairs
}

/**
 * The partitions the resolver confirms as renamed: a dropped and an added
 * partition of one parent (the names it has after this migration's table
 * renames), asked about as `--rename-table` names them. Each becomes
 * `ALTER TABLE … RENAME TO`, which keeps its rows, and the partition as the
 * database has it takes its new name, so its bounds and key are compared as
 * any kept partition's (new bounds are then a detach and an attach).
 *
 * @example
 * const was: Partition = { name: 'm_2020', parent: 'm', bounds: "FOR VALUES IN (2020)" }
 * const wanted: Partition = { name: 'm_y2020', parent: 'm', bounds: "FOR VALUES IN (2020)" }
 * const resolver: RenameResolver = { tables: async ([a], [b]) => (a && b ? [[a, b]] : []), columns: async () => [] }
 * await partitionRenames([was], [wanted], resolver, diffHooksFor('postgresql'), 'public')
 * // { ops: [{ kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' }], current: [{ name: 'm_y2020', … }] }
 */
export async function partitionRenames(
  current: readonly Partition[],
  target: readonly Partition[],
  resolver: RenameResolver,
  hooks: DiffHooks,
  home: string,
): Promise<{ ops: Operation[]; current: Partition[] }> {
  const key = (p: TableName) => tableKey(p, hooks)
  const parentKey = (p: Partition) => tableKey({ name: p.parent, ...schemaOf(p.parentSchema ?? p.schema) }, hooks)
  const had = new Set(current.map(key))
  const wanted = new Set(target.map(key))
  const dropped = current.filter((p) => !wanted.has(key(p)))
  const added = target.filter((p) => !had.has(key(p)))
  if (dropped.length === 0 || added.length === 0) return { ops: [], current: [...current] }
  const pairs = await renamesIn(dropped, added, parentKey, 'partition', { resolver, hooks, home })
  const renamed = new Map(pairs.map(([was, now]) => [was, now]))
  return {
    // A partition is a table: its rename is a table's, and a move to another schema too.
    ops: pairs.flatMap(([was, now]) => tableMoveOperations(was, now, home, hooks)),
    current: current.map((p) => {
      const now = renamed.get(p)
      if (now === undefined) return p
      // The partition under its new name and schema, with the bounds and key it has: those are compared next.
      const { bounds: _bounds, partitionBy: _key, ...named } = now
      return { ...named, bounds: p.bounds, ...(p.partitionBy === undefined ? {} : { partitionBy: p.partitionBy }) }
    }),
  }
}

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
