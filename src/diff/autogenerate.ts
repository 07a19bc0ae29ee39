import { columnCheckDrops, withColumnChecks } from './column-checks.js'
import type { BatchOperation, Operation } from '../ops/operation.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { diffColumns } from './columns.js'
import { diffConstraints } from './constraints.js'
import { constraintChangesOnce, type PlainConstraintChanges } from './constraint-changes-once.js'
import { referredKey, refOf, tableKey } from './keys.js'
import { referringToRenamed, releaseKeys, releaseKeysOnRetypedColumns } from './foreign-key-moves.js'
import { releaseKeysOnDroppedUniques } from './unique-held-keys.js'
import { typeCasts } from './enum-casts.js'
import { withTypeCasts } from './type-casts.js'
import { releaseKeysOnDroppedIndexes } from './index-held-keys.js'
import { releaseKeysOfDropped, withKeysToDetached } from './detached-keys.js'
import { advancesOfDropped } from './dropped-sequences.js'
import {
  postgresTableOptionNotes,
  primaryKeyNote,
  serialSequenceNotes,
  sqliteTableOptionNotes,
  tableComment,
  tableOptionNotes,
} from './table-notes.js'
import { serialSequenceChanges } from './serial-options.js'
import { rowLevelSecurityChange } from './row-security.js'
import { replicaIdentityChange } from './replica-identity.js'
import { policiesOverRetyped, policyChanges } from './policies.js'
import { exclusionChanges } from './exclusions.js'
import { madeLastOf } from './made-last.js'
import { readersOverRecast } from './recast-readers.js'
import { noRenames, type DiffOptions, type TableName } from './options.js'
import { creationOrder } from './order.js'
import { foreignKeysAwaitingKeys } from './keys-made-later.js'
import { diffPartitions } from './partitions.js'
import { heldByPartitionKey, partitionKeysOf } from './partition-key-columns.js'
import type { Partition } from '../schema/partitioning.js'
import { withMovedExtensionTypes } from './moved-extension-types.js'
import { withDomainArraysNoted } from './domain-arrays.js'
import { diffSchemaObjects } from './pg-objects.js'
import { asksColumnRenames, columnRenames, tableRenames } from './renames.js'
import { tableMoveOperations } from './table-moves.js'
import { movableFromElsewhere } from './tables-elsewhere.js'
import { partitionRenames, sequenceRenames } from './relation-renames.js'

/**
 * The operations that turn the `current` schema (introspected) into the
 * `target` one (the models), in an order that runs:
 *
 * 0. the sequences to be dropped advanced past their columns' values (for
 *    the downgrade), sequences the resolver confirmed as renamed, new extensions, enum
 *    types, sequences and domains, labels appended to enums, changed
 *    sequences and domains (PostgreSQL);
 * 1. dropped partitions (PostgreSQL), then renames the resolver confirmed
 *    (tables, then partitions),
 *    then the foreign keys a column's new type or a dropped index releases
 *    (MySQL/MariaDB), or a partition's new bounds (PostgreSQL: the keys that
 *    refer to the table it is detached from, of a table dropped in step 5
 *    too); all made again in step 4, but those of dropped tables;
 * 2. new tables, each after the tables it refers to, then the foreign keys
 *    that close a cycle (a key to a table a partition is detached from
 *    waits for step 4);
 * 3. per existing table: dropped indexes and constraints, added columns,
 *    altered columns, new indexes and constraints, dropped columns;
 * 4. new partitions and partitions with new bounds (PostgreSQL), then new
 *    foreign keys on existing tables (their targets exist by now);
 * 5. dropped tables, dependents first, after the foreign keys of any cycle
 *    among them;
 * 6. dropped domains, sequences and enum types, then extensions (PostgreSQL).
 *
 * The downgrade is {@link reverseOperations} of the result.
 *
 * @example
 * const target = [table('users', { id: col.integer().primaryKey(), email: col.string(120).notNull() })]
 * const ops = await autogenerate([], target, { hooks: diffHooksFor('sqlite') }) // [create_table users]
 * const { upgrades, downgrades } = renderScript(ops)
 */
export async function autogenerate(current: readonly Table[], target: readonly Table[], options: DiffOptions): Promise<Operation[]> {
  const hooks = withMovedExtensionTypes(options.hooks, options.objects)
  const include = options.include ?? (() => true)
  const resolver = options.renames ?? noRenames
  const home = options.objects?.home ?? hooks.defaultSchema
  // A renamed sequence goes first: the tables' defaults that draw from it follow it, and read so here.
  const sequences =
    options.objects === undefined
      ? undefined
      : await sequenceRenames(options.objects.current.sequences, options.objects.target.sequences, current, resolver, hooks, home)
  const cur = new Map((sequences?.tables ?? current).filter((t) => include(t)).map((t) => [tableKey(t, hooks), t]))
  const want = new Map(target.filter((t) => include(t)).map((t) => [tableKey(t, hooks), t]))

  const dropped = [...cur].filter(([key]) => !want.has(key)).map(([, t]) => t)
  const added = [...want].filter(([key]) => !cur.has(key)).map(([, t]) => t)
  const objects =
    options.objects === undefined
      ? undefined
      : diffSchemaObjects(
          { ...options.objects.current, sequences: sequences?.current ?? options.objects.current.sequences },
          options.objects.target,
          hooks.checkKey,
          options.objects.home,
          current,
        )
  let pairs: Array<readonly [Table, Table]> = [...cur].filter(([key]) => want.has(key)).map(([key, t]) => [t, want.get(key)!] as const)
  const renamedTables = new Map<string, TableName>()
  const renames: Operation[] = []
  const elsewhere = movableFromElsewhere(options.elsewhere ?? [], added, cur, include, hooks)
  for (const [was, wanted] of await tableRenames([...dropped, ...elsewhere], added, resolver, hooks, home)) {
    renames.push(...tableMoveOperations(was, wanted, home, hooks))
    if (dropped.includes(was)) dropped.splice(dropped.indexOf(was), 1)
    else elsewhere.splice(elsewhere.indexOf(was), 1)
    added.splice(added.indexOf(wanted), 1)
    const now = { name: wanted.name, ...(wanted.schema === undefined ? {} : { schema: wanted.schema }) }
    pairs.push([{ ...withoutSchema(was), ...now }, wanted])
    renamedTables.set(tableKey(was, hooks), now)
  }
  // The column renames come first, all of them: a foreign key to a renamed column follows it, from any table,
  // and so does a partition key. Asked in name order (see the tables' changes below).
  const renamedColumns = new Map<string, ReadonlyMap<string, string>>()
  const asking = pairs.filter(([was, wanted]) => asksColumnRenames(was, wanted, hooks))
  for (const [was, wanted] of asking.sort(([a], [b]) => a.name.localeCompare(b.name))) {
    const renamed = await columnRenames(was, wanted, resolver, hooks)
    if (renamed.size > 0) renamedColumns.set(tableKey(wanted, hooks), renamed)
  }
  // A partition follows its parent's rename and move, as the database keeps it attached.
  const attached = withRenamedParents(options.objects?.current.partitions ?? [], renamedTables, home, hooks)
  const renamedPartitions =
    options.objects === undefined
      ? undefined
      : await partitionRenames(attached, options.objects.target.partitions ?? [], resolver, hooks, home)
  const partitions =
    options.objects === undefined
      ? undefined
      : diffPartitions(
          { tables: [...cur.values()], partitions: renamedPartitions?.current ?? attached },
          { tables: [...want.values()], partitions: options.objects.target.partitions ?? [] },
          hooks,
          renamedColumns,
        )
  const partitionKeys = partitionKeysOf(
    pairs.map(([was]) => was),
    renamedPartitions?.current ?? attached,
    hooks,
  )
  const droppedSequences = (objects?.after ?? []).flatMap((op) =>
    op.kind === 'drop_sequence' && op.existing !== undefined ? [op.existing] : [],
  )
  const ops: Operation[] = [
    // Undone last by the downgrade, once the columns are back: the sequence made anew goes past their values.
    ...advancesOfDropped(droppedSequences, [...cur.values()], home),
    ...(sequences?.ops ?? []),
    ...withDomainArraysNoted(objects?.before ?? [], [...cur.values()]),
    ...(partitions?.drop ?? []),
    ...renames,
    ...(renamedPartitions?.ops ?? []),
  ]
  // Every database points a foreign key at the table it names, renamed or not: the keys to a renamed table follow it.
  if (renamedTables.size > 0) pairs = pairs.map(([was, wanted]) => [referringToRenamed(was, renamedTables, hooks), wanted] as const)

  if (hooks.foreignKeysHoldTypes) {
    const released = releaseKeysOnRetypedColumns(pairs, hooks)
    ops.push(...released.drops)
    pairs = released.pairs
  }
  const plainConstraintChanges = constraintChangesOnce(hooks)
  if (hooks.foreignKeysNeedIndexes) {
    const released = releaseKeysOnDroppedIndexes(pairs, hooks, plainConstraintChanges)
    ops.push(...released.drops)
    pairs = released.pairs
  }
  if (hooks.foreignKeysNeedReferredKeys) {
    const released = releaseKeysOnDroppedUniques(pairs, hooks, plainConstraintChanges)
    ops.push(...released.drops)
    pairs = released.pairs
  }
  const detachedFrom = partitions?.detachedFrom ?? new Set<string>()
  if (detachedFrom.size > 0) {
    // PostgreSQL refuses to detach a partition whose rows another table's rows refer to: keys made again after the attach.
    const released = releaseKeys(pairs, hooks, (fk) => detachedFrom.has(referredKey(fk, hooks)))
    ops.push(...released.drops)
    pairs = released.pairs
    // A table dropped later in the migration lets its key go now, for good.
    const ofDropped = releaseKeysOfDropped(dropped, detachedFrom, hooks)
    ops.push(...ofDropped.drops)
    dropped.splice(0, dropped.length, ...ofDropped.tables)
  }

  const { tables: creates, deferred } = creationOrder(added, hooks)
  // Policies read other tables and call routines, exclusions take operators of extensions: made once all of them
  // are there (see inRunOrder).
  const madeLast: Operation[] = creates.flatMap((table) => madeLastOf(table, hooks))
  // SQLite checks a key's target only as rows arrive: its new tables keep every key in their CREATE TABLE.
  const awaiting = hooks.batchTableChanges
    ? new Map<string, ForeignKeyConstraint[]>()
    : withKeysToDetached(foreignKeysAwaitingKeys(creates, pairs, hooks), creates, detachedFrom, hooks)
  for (const table of creates) {
    ops.push({ kind: 'create_table', table: withoutDeferred(withoutMadeLast(table), awaiting.get(tableKey(table, hooks))) })
  }
  for (const table of creates) {
    for (const constraint of deferred.get(tableKey(table, hooks)) ?? [])
      ops.push({ kind: 'create_foreign_key', ...refOf(table), constraint })
  }

  // Tables are taken by name, but only those that change or ask the resolver need the order (a locale-aware
  // comparison's first use loads ICU's collation, milliseconds that a clean `check` does without).
  const changing: TableChange[] = []
  for (const [was, wanted] of pairs) {
    const renamed = renamedColumns.get(tableKey(wanted, hooks)) ?? new Map()
    const keys = partitionKeys.get(tableKey(was, hooks)) ?? []
    const changes = tableChanges(was, wanted, renamed, hooks, renamedColumns, plainConstraintChanges, keys)
    const count = changes.ops.length + changes.foreignKeys.length + changes.notes.length + changes.madeLast.length
    if (count > 0) changing.push({ was, wanted, changes })
  }
  const laterForeignKeys: Operation[] = creates.flatMap((table) =>
    (awaiting.get(tableKey(table, hooks)) ?? []).map(
      (constraint): Operation => ({ kind: 'create_foreign_key', ...refOf(table), constraint }),
    ),
  )
  for (const { wanted, changes } of changing.sort((a, b) => a.was.name.localeCompare(b.was.name))) {
    if (hooks.batchTableChanges) {
      // Foreign keys join the batch too: SQLite adds them only by rebuilding.
      const all = [...changes.ops, ...changes.foreignKeys] as BatchOperation[]
      if (all.length > 0) ops.push({ kind: 'batch_alter_table', ...refOf(wanted), recreate: 'auto', ops: all })
      ops.push(...changes.notes)
      continue
    }
    ops.push(...changes.ops, ...changes.notes)
    laterForeignKeys.push(...changes.foreignKeys)
    madeLast.push(...changes.madeLast)
  }
  // Partitions before the keys: a key released for a partition's new bounds is made again once it is attached.
  ops.push(...(partitions?.create ?? []))
  ops.push(...laterForeignKeys, ...madeLast)

  const dropOrder = creationOrder(dropped, hooks)
  for (const table of dropOrder.tables) {
    for (const fk of dropOrder.deferred.get(tableKey(table, hooks)) ?? []) {
      if (fk.name !== undefined) ops.push({ kind: 'drop_constraint', ...refOf(table), name: fk.name, type: 'foreignkey', existing: fk })
    }
  }
  for (const table of [...dropOrder.tables].reverse())
    ops.push({ kind: 'drop_table', ...refOf(table), existing: withoutDeferred(table, dropOrder.deferred.get(tableKey(table, hooks))) })
  ops.push(...(objects?.after ?? []))
  return withTypeCasts(ops, typeCasts(hooks, options.objects))
}

/** A table on both sides that changes, and its changes. */
interface TableChange {
  readonly was: Table
  readonly wanted: Table
  readonly changes: {
    readonly ops: Operation[]
    readonly foreignKeys: Operation[]
    readonly notes: Operation[]
    readonly madeLast: Operation[]
  }
}

/**
 * The changes of a table on both sides, in the order they run; new foreign
 * keys and the notes for the author apart (see autogenerate's step 4).
 */
function tableChanges(
  was: Table,
  wanted: Table,
  renamed: ReadonlyMap<string, string>,
  hooks: DiffHooks,
  renamedEverywhere: ReadonlyMap<string, ReadonlyMap<string, string>>,
  plainConstraintChanges: PlainConstraintChanges,
  partitionKeys: readonly string[],
): TableChange['changes'] {
  const held = heldByPartitionKey(was, diffColumns(was, wanted, renamed, hooks), partitionKeys, hooks)
  const columns = held.columns
  const policies = policiesOverRetyped(was, wanted, columns.alter, policyChanges(was, wanted, hooks), hooks)
  const exclusions = exclusionChanges(was, wanted, hooks)
  const replicaIdentity = replicaIdentityChange(was, wanted, hooks)
  const { regenerated } = columns
  const plain = regenerated.columns.size === 0 && renamed.size === 0 && renamedEverywhere.size === 0
  const diffed = plain
    ? plainConstraintChanges(was, wanted)
    : diffConstraints(was, wanted, hooks, regenerated.columns, renamed, renamedEverywhere)
  const constraints = { ...diffed, ...readersOverRecast(was, wanted, columns.alter, diffed, hooks) }
  const checkDrops = columnCheckDrops(constraints.drop, was, [...columns.alter, ...columns.drop, ...regenerated.drop], hooks)
  // MySQL allows one AUTO_INCREMENT column: the one that gives it up goes before any that takes it.
  const unnumbers = (op: Operation) => hooks.autoincrementInDefinition && op.kind === 'alter_column' && op.changes.numbering === null
  const alters = [...columns.alter, ...checkDrops.restate]
  return {
    // A regenerated column goes before anything is added under its name, and comes back after the renames its expression may read.
    ops: [
      ...replicaIdentity.first,
      ...policies.drop,
      ...exclusions.drop,
      ...checkDrops.drop,
      ...regenerated.drop,
      ...withColumnChecks(alters.filter(unnumbers), was, wanted, hooks, constraints),
      ...columns.add,
      ...withColumnChecks(
        alters.filter((op) => !unnumbers(op)),
        was,
        wanted,
        hooks,
        constraints,
      ),
      ...regenerated.add,
      ...constraints.create,
      ...columns.drop,
      ...tableComment(was, wanted, hooks),
      ...serialSequenceChanges(was, wanted, renamed, hooks),
      ...rowLevelSecurityChange(was, wanted, hooks),
      ...replicaIdentity.last,
    ],
    foreignKeys: constraints.createForeignKeys,
    madeLast: [...exclusions.create, ...policies.create],
    // What the author must write by hand, apart: a batch holds only what it can run.
    notes: [
      ...tableOptionNotes(was, wanted, hooks),
      ...sqliteTableOptionNotes(was, wanted, hooks),
      ...postgresTableOptionNotes(was, wanted, hooks),
      ...primaryKeyNote(was, wanted, renamed, hooks),
      ...serialSequenceNotes(was, wanted, renamed, hooks),
      ...held.notes,
    ],
  }
}

/** A table made without its exclusions and policies, which autogenerate makes apart, once every table is there. */
function withoutMadeLast(table: Table): Table {
  if (table.postgresql?.policies === undefined && table.postgresql?.exclusions === undefined) return table
  const { policies: _policies, exclusions: _exclusions, ...rest } = table.postgresql
  return { ...table, postgresql: rest }
}

function withoutDeferred(table: Table, deferred: readonly unknown[] | undefined): Table {
  if (deferred === undefined || deferred.length === 0) return table
  return { ...table, foreignKeys: (table.foreignKeys ?? []).filter((fk) => !deferred.includes(fk)) }
}

/** The table under no schema: a table moved to its connection's own schema is read without one. */
function withoutSchema(table: Table): Table {
  const { schema: _schema, ...rest } = table
  return rest
}

/** The partitions with their parents under the names (and in the schemas) this migration gives them. */
function withRenamedParents(
  partitions: readonly Partition[],
  renamed: ReadonlyMap<string, TableName>,
  home: string,
  hooks: DiffHooks,
): Partition[] {
  if (renamed.size === 0) return [...partitions]
  return partitions.map((partition) => {
    const schema = partition.parentSchema ?? partition.schema
    const parent = renamed.get(tableKey({ name: partition.parent, ...(schema === undefined ? {} : { schema }) }, hooks))
    if (parent === undefined) return partition
    const { parentSchema: _was, ...rest } = partition
    const parentSchema = parent.schema ?? home
    // A parent in the partition's own schema is read without parentSchema (see the PostgreSQL introspector).
    const same = hooks.nameKey(parentSchema) === hooks.nameKey(partition.schema ?? home)
    return { ...rest, parent: parent.name, ...(same ? {} : { parentSchema }) }
  })
}
