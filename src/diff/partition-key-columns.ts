import type { DiffHooks } from '../dialect/diff-hooks.js'
import { namesMentioned } from '../dialect/view-support.js'
import { commentOperation } from '../ops/comment-op.js'
import type { Operation } from '../ops/operation.js'
import type { Partition } from '../schema/partitioning.js'
import type { Table } from '../schema/types.js'
import type { ColumnOps } from './columns.js'
import { tableKey } from './keys.js'
import { rootTableOf } from './partitions.js'
import { flagName } from './rename-flag-names.js'

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
const shown = (o: { readonly name: string; readonly schema?: string }) => (o.schema === undefined ? o.name : `${o.schema}.${o.name}`)

/**
 * The partition keys over each partitioned table's columns, by table key:
 * its own, and those of the partitions below it that are partitioned again
 * (a partition's columns are its table's). PostgreSQL refuses to change the
 * type of a column any of them reads, or to drop it.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const t: Table = { name: 't', columns: [{ name: 'k', type: { kind: 'integer' } }], postgresql: { partitionBy: 'RANGE (k)' } }
 * partitionKeysOf([t], [], diffHooksFor('postgresql')).get('public.t') // ['RANGE (k)']
 */
export function partitionKeysOf(
  tables: readonly Table[],
  partitions: readonly Partition[],
  hooks: DiffHooks,
): ReadonlyMap<string, readonly string[]> {
  const keys = new Map<string, string[]>()
  const key = (o: { readonly name: string; readonly schema?: string }) => tableKey(o, hooks)
  const parentKey = (p: Partition) => key({ name: p.parent, ...schemaOf(p.parentSchema ?? p.schema) })
  const rootOf = rootTableOf({ tables, partitions }, key, parentKey)
  const add = (root: string | undefined, partitionBy: string | undefined) => {
    if (root === undefined || partitionBy === undefined) return
    keys.set(root, [...(keys.get(root) ?? []), partitionBy])
  }
  for (const table of tables) add(key(table), table.postgresql?.partitionBy)
  for (const partition of partitions) add(rootOf(partition), partition.partitionBy)
  return keys
}

/**
 * The column changes of `table` without those PostgreSQL always refuses on
 * a column a partition key reads ("cannot alter column … because it is part
 * of the partition key"): a new type (or collation) and a drop. Each is a
 * note saying what to write instead, as a changed partition key is, so
 * `check` keeps reporting the difference; the column's other changes stay.
 * `keys` are the table's partition keys as the database has them.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * import { diffColumns } from './columns.js'
 * const was: Table = { name: 't', columns: [{ name: 'k', type: { kind: 'integer' } }], postgresql: { partitionBy: 'RANGE (k)' } }
 * const columns = diffColumns(was, { ...was, columns: [{ name: 'k', type: { kind: 'bigint' } }] }, new Map(), diffHooksFor('postgresql'))
 * heldByPartitionKey(was, columns, ['RANGE (k)'], diffHooksFor('postgresql')).notes
 * // [{ kind: 'execute', sql: '-- table t: column k is part of the partition key (RANGE (k)): PostgreSQL cannot change its type …' }]
 */
export function heldByPartitionKey(
  table: Table,
  columns: ColumnOps,
  keys: readonly string[],
  hooks: DiffHooks,
): { readonly columns: ColumnOps; readonly notes: Operation[] } {
  if (keys.length === 0) return { columns, notes: [] }
  const names = table.columns.map((c) => c.name)
  const held = new Set(keys.flatMap((key) => namesMentioned(key, names)).map((name) => hooks.nameKey(name)))
  if (held.size === 0) return { columns, notes: [] }
  const isHeld = (column: string) => held.has(hooks.nameKey(column))
  const what = `table ${shown(table)}: column`
  const part = `is part of the partition key (${keys.join(', ')})`
  const anew =
    'create the table anew with its partitions, copy the rows over, drop the old one and rename the new one. Write that here by hand.'
  const notes: Operation[] = []
  const alter: Operation[] = []
  for (const op of columns.alter) {
    if (op.kind !== 'alter_column' || op.changes.type === undefined || !isHeld(op.column)) {
      alter.push(op)
      continue
    }
    const { type, collation: _collation, ...rest } = op.changes
    const was = op.existing === undefined ? '' : `${hooks.typeKey(op.existing)} -> `
    notes.push(
      commentOperation(
        `${what} ${op.column} ${part}: PostgreSQL cannot change its type (${was}${hooks.typeKey({ name: op.column, type })}) ` +
          `in place: ${anew}`,
      ),
    )
    if (Object.keys(rest).length > 0) alter.push({ ...op, changes: rest })
  }
  const drop: Operation[] = []
  for (const op of columns.drop) {
    if (op.kind !== 'drop_column' || !isHeld(op.column)) {
      drop.push(op)
      continue
    }
    notes.push(
      commentOperation(
        `${what} ${op.column} ${part}: PostgreSQL cannot drop it, so it stays. If it was renamed, migrate again with ` +
          `--rename-column ${flagName(...(table.schema === undefined ? [] : [table.schema]), table.name, op.column)}:NEW_NAME; ` +
          `otherwise ${anew}`,
      ),
    )
  }
  if (notes.length === 0) return { columns, notes }
  return { columns: { ...columns, alter, drop }, notes }
}
