import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Partition } from '../schema/partitioning.js'
import type { Table } from '../schema/types.js'
import { tableKey } from './keys.js'
import { commentOperation } from '../ops/comment-op.js'
import { withRenamedColumns } from './columns.js'
import { instantKey, temporalLiteralKey } from '../dialect/check-expression.js'

/** Partition changes: drops run before the table changes, creates after them (a partition needs its parent). */
export interface PartitionChanges {
  readonly drop: readonly Operation[]
  readonly create: readonly Operation[]
  /**
   * The keys of the tables (and partitions) that a partition with new bounds
   * is detached from, its parent and every table above it: PostgreSQL
   * refuses the DETACH while a row of another table refers, through a
   * foreign key to one of them, to a row of the partition.
   */
  readonly detachedFrom: ReadonlySet<string>
}

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
const shown = (o: { readonly name: string; readonly schema?: string }) => (o.schema === undefined ? o.name : `${o.schema}.${o.name}`)

/**
 * The operations that bring the database's partitions to the models': a
 * new partition is created once its parent exists, sub-partitions after
 * their partition; a removed one is dropped (with its rows) before its
 * parent changes, sub-partitions first; new bounds detach and attach the
 * partition again, keeping its rows. Bounds and partition keys compare by
 * `checkKey`, which sets PostgreSQL's rewriting aside. A partition key that
 * changes, on a table or a partition, or a partition moved to another
 * parent, cannot be altered in place (the rows would have to move): those
 * are comments saying what to write, never a silent rebuild. A key that
 * differs only by the columns the migration renames (`renamedColumns`, by
 * the key of the table as the models name it, current name to new) is the
 * same key: PostgreSQL renames the column in it.
 *
 * @example
 * const measurement: Table = { name: 'measurement', columns: [], postgresql: { partitionBy: 'RANGE (logdate)' } }
 * const rest: Partition = { name: 'measurement_rest', parent: 'measurement', bounds: 'DEFAULT' }
 * const hooks = diffHooksFor('postgresql')
 * diffPartitions({ tables: [measurement], partitions: [] }, { tables: [measurement], partitions: [rest] }, hooks).create
 * // [create_partition measurement_rest]
 */
export function diffPartitions(
  current: { readonly tables: readonly Table[]; readonly partitions: readonly Partition[] },
  target: { readonly tables: readonly Table[]; readonly partitions: readonly Partition[] },
  hooks: DiffHooks,
  renamedColumns: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): PartitionChanges {
  const key = (p: { readonly name: string; readonly schema?: string }) => tableKey(p, hooks)
  const same = (a: string | undefined, b: string | undefined) =>
    a === undefined ? b === undefined : b !== undefined && hooks.checkKey(instantsAsUtc(a)) === hooks.checkKey(instantsAsUtc(b))
  const parentKey = (p: Partition) => tableKey({ name: p.parent, ...schemaOf(p.parentSchema ?? p.schema) }, hooks)
  const onWallClock = partitionedOnWallClock(target, key, parentKey)
  const sameBounds = (was: string, partition: Partition) =>
    onWallClock(partition) ? same(wallClockKeys(was), wallClockKeys(partition.bounds)) : same(was, partition.bounds)
  const had = new Map(current.partitions.map((p) => [key(p), p]))
  const wanted = new Map(target.partitions.map((p) => [key(p), p]))
  const create: Operation[] = []
  const notes: Operation[] = []

  const tablesHad = new Map(current.tables.map((t) => [key(t), t]))
  const rootOf = rootTableOf(target, key, parentKey)
  // A key as the migration's column renames leave it: PostgreSQL's RENAME COLUMN renames it in the key too.
  const renamedIn = (partitionBy: string | undefined, table: string | undefined) => {
    const renamed = table === undefined ? undefined : renamedColumns.get(table)
    return partitionBy === undefined || renamed === undefined ? partitionBy : withRenamedColumns(partitionBy, renamed)
  }
  for (const table of target.tables) {
    const was = tablesHad.get(key(table))
    if (was !== undefined && !same(renamedIn(was.postgresql?.partitionBy, key(table)), table.postgresql?.partitionBy)) {
      notes.push(keyNote(`table ${shown(table)}`, was.postgresql?.partitionBy, table.postgresql?.partitionBy))
    }
  }
  for (const partition of inDepthOrder(target.partitions, key, parentKey)) {
    const was = had.get(key(partition))
    if (was === undefined) create.push({ kind: 'create_partition', partition })
    else if (parentKey(was) !== parentKey(partition)) {
      notes.push(
        commentOperation(
          `partition ${shown(partition)}: moved from ${was.parent} to ${partition.parent}. Write the DETACH and ATTACH here by hand.`,
        ),
      )
    } else if (!same(renamedIn(was.partitionBy, rootOf(partition)), partition.partitionBy)) {
      notes.push(keyNote(`partition ${shown(partition)}`, was.partitionBy, partition.partitionBy))
    } else if (!sameBounds(was.bounds, partition)) {
      create.push({ kind: 'change_partition_bounds', partition, previous: was.bounds })
    }
  }
  const drop: Operation[] = inDepthOrder(current.partitions, key, parentKey)
    .reverse()
    .filter((p) => !wanted.has(key(p)))
    .map((p) => ({ kind: 'drop_partition', name: p.name, ...schemaOf(p.schema), existing: p }))
  return { drop: [...notes, ...drop], create: boundChangesSplit(create), detachedFrom: ancestorsOfRebound(create, had, parentKey) }
}

/** The parents of the partitions `create` gives new bounds, and theirs up to the partitioned table. */
function ancestorsOfRebound(
  create: readonly Operation[],
  had: ReadonlyMap<string, Partition>,
  parentKey: (p: Partition) => string,
): ReadonlySet<string> {
  const above = new Set<string>()
  for (const op of create) {
    if (op.kind !== 'change_partition_bounds') continue
    for (let parent = parentKey(op.partition); !above.has(parent); ) {
      above.add(parent)
      const partition = had.get(parent)
      if (partition === undefined) break
      parent = parentKey(partition)
    }
  }
  return above
}

/**
 * When more than one partition takes new bounds, each is detached before
 * any is attached again: moving the line between two neighbours would
 * otherwise attach the first over the range the second still holds. Both
 * halves come after the table changes, so a partition detached is attached
 * to its parent as the parent now is. One change alone stays one operation.
 */
function boundChangesSplit(create: readonly Operation[]): readonly Operation[] {
  const changes = create.filter((op) => op.kind === 'change_partition_bounds')
  if (changes.length < 2) return create
  return [
    ...changes.map((op) => ({ ...op, step: 'detach' as const })),
    ...create.map((op) => (op.kind === 'change_partition_bounds' ? { ...op, step: 'attach' as const } : op)),
  ]
}

function keyNote(what: string, was: string | undefined, wanted: string | undefined): Operation {
  return commentOperation(
    `${what}: partition key changed (${was ?? 'none'} -> ${wanted ?? 'none'}). PostgreSQL cannot change it in place: ` +
      'create the table anew with its partitions, copy the rows over, drop the old one and rename the new one. Write that here by hand.',
  )
}

/** Partitions with each one after the partition it belongs to, when that is a partition too. */
function inDepthOrder(partitions: readonly Partition[], key: (p: Partition) => string, parentKey: (p: Partition) => string): Partition[] {
  const byKey = new Map(partitions.map((p) => [key(p), p]))
  const depth = (p: Partition, seen = new Set<string>()): number => {
    const parent = byKey.get(parentKey(p))
    if (parent === undefined || seen.has(key(p))) return 0
    seen.add(key(p))
    return 1 + depth(parent, seen)
  }
  return partitions
    .map((p) => [p, depth(p)] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([p]) => p)
}

/**
 * A partition's bounds with each instant written as UTC: PostgreSQL prints
 * the bounds of a table partitioned by a timestamp with time zone in the
 * session's time zone, with no cast to say so.
 */
function instantsAsUtc(bounds: string): string {
  return bounds.replace(/'[^']*'/g, (literal) => instantKey(literal))
}

/**
 * Whether a partition's parent is partitioned by one `timestamp` column
 * (without time zone): its bounds may be written as dates, which
 * PostgreSQL prints back with the midnight spelled out.
 */
function partitionedOnWallClock(
  target: { readonly tables: readonly Table[]; readonly partitions: readonly Partition[] },
  key: (o: { readonly name: string; readonly schema?: string }) => string,
  parentKey: (p: Partition) => string,
): (partition: Partition) => boolean {
  const tables = new Map(target.tables.map((t) => [key(t), t]))
  const partitions = new Map(target.partitions.map((p) => [key(p), p]))
  const rootKey = rootTableOf(target, key, parentKey)
  const rootTable = (partition: Partition): Table | undefined => {
    const root = rootKey(partition)
    return root === undefined ? undefined : tables.get(root)
  }
  return (partition) => {
    const partitionBy = tables.get(parentKey(partition))?.postgresql?.partitionBy ?? partitions.get(parentKey(partition))?.partitionBy
    const column = /^range\s*\(\s*(?:"((?:[^"]|"")+)"|([a-z_][a-z0-9_$]*))\s*\)$/i.exec(partitionBy?.trim() ?? '')
    if (column === null) return false
    const name = column[1]?.replace(/""/g, '"') ?? column[2]!.toLowerCase()
    const type = rootTable(partition)?.columns.find((c) => c.name === name)?.type
    return type?.kind === 'timestamp' && type.withTimeZone !== true
  }
}

/**
 * The key of the table at the top of a partition's parents among `tables`
 * and `partitions`; `undefined` when none of them is a table there.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * import { tableKey } from './keys.js'
 * const hooks = diffHooksFor('postgresql')
 * const key = (o: { readonly name: string; readonly schema?: string }) => tableKey(o, hooks)
 * const parentKey = (p: Partition) => key({ name: p.parent })
 * const eu: Partition = { name: 'stock_eu', parent: 'stock', bounds: "FOR VALUES IN ('eu')", partitionBy: 'LIST (sku)' }
 * const one: Partition = { name: 'stock_eu_1', parent: 'stock_eu', bounds: 'FOR VALUES IN (1)' }
 * const stock: Table = { name: 'stock', columns: [] }
 * rootTableOf({ tables: [stock], partitions: [eu, one] }, key, parentKey)(one) // 'public.stock'
 */
export function rootTableOf(
  target: { readonly tables: readonly Table[]; readonly partitions: readonly Partition[] },
  key: (o: { readonly name: string; readonly schema?: string }) => string,
  parentKey: (p: Partition) => string,
): (partition: Partition) => string | undefined {
  const tables = new Set(target.tables.map((t) => key(t)))
  const partitions = new Map(target.partitions.map((p) => [key(p), p]))
  return (partition) => {
    const seen = new Set<string>()
    for (let parent = parentKey(partition); !seen.has(parent); ) {
      if (tables.has(parent)) return parent
      seen.add(parent)
      const above = partitions.get(parent)
      if (above === undefined) return undefined
      parent = parentKey(above)
    }
    return undefined
  }
}

/** Bounds with each literal keyed as a timestamp: `'2024-01-01'` and `'2024-01-01 00:00:00'` alike. */
function wallClockKeys(bounds: string): string {
  return bounds.replace(/'[^']*'/g, (literal) => temporalLiteralKey(literal, 'timestamp'))
}
