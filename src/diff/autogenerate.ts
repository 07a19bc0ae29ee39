import type { BatchOperation, Operation } from '../ops/operation.js'
import type { ForeignKeyConstraint, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { diffColumns } from './columns.js'
import { diffConstraints } from './constraints.js'
import { primaryKeyColumns, refOf, tableKey } from './keys.js'
import { noRenames, type DiffOptions } from './options.js'
import { creationOrder } from './order.js'
import { diffPartitions } from './partitions.js'
import { withMovedExtensionTypes } from './moved-extension-types.js'
import { withDomainArraysNoted } from './domain-arrays.js'
import { diffSchemaObjects } from './pg-objects.js'
import { asksColumnRenames, columnRenames, tableRenames } from './renames.js'
import { commentOperation } from '../ops/comment-op.js'

/**
 * The operations that turn the `current` schema (introspected) into the
 * `target` one (the models), in an order that runs:
 *
 * 0. new extensions, enum types, sequences and domains, labels appended to
 *    enums, changed sequences and domains (PostgreSQL);
 * 1. dropped partitions (PostgreSQL), then renames the resolver confirmed;
 * 2. new tables, each after the tables it refers to, then the foreign keys
 *    that close a cycle;
 * 3. per existing table: dropped indexes and constraints, added columns,
 *    altered columns, new indexes and constraints, dropped columns;
 * 4. new foreign keys on existing tables (their targets exist by now), then
 *    new partitions and partitions with new bounds (PostgreSQL);
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
  const cur = new Map(current.filter((t) => include(t)).map((t) => [tableKey(t, hooks), t]))
  const want = new Map(target.filter((t) => include(t)).map((t) => [tableKey(t, hooks), t]))

  const dropped = [...cur].filter(([key]) => !want.has(key)).map(([, t]) => t)
  const added = [...want].filter(([key]) => !cur.has(key)).map(([, t]) => t)
  const objects =
    options.objects === undefined
      ? undefined
      : diffSchemaObjects(options.objects.current, options.objects.target, hooks.checkKey, options.objects.home)
  const partitions =
    options.objects === undefined
      ? undefined
      : diffPartitions(
          { tables: [...cur.values()], partitions: options.objects.current.partitions ?? [] },
          { tables: [...want.values()], partitions: options.objects.target.partitions ?? [] },
          hooks,
        )
  const ops: Operation[] = [...withDomainArraysNoted(objects?.before ?? [], [...cur.values()]), ...(partitions?.drop ?? [])]
  const pairs: Array<readonly [Table, Table]> = [...cur].filter(([key]) => want.has(key)).map(([key, t]) => [t, want.get(key)!] as const)
  const renamedTables = new Map<string, string>()
  for (const [was, wanted] of await tableRenames(dropped, added, resolver, hooks)) {
    ops.push({ kind: 'rename_table', ...refOf(was), newName: wanted.name })
    dropped.splice(dropped.indexOf(was), 1)
    added.splice(added.indexOf(wanted), 1)
    pairs.push([{ ...was, name: wanted.name }, wanted])
    renamedTables.set(tableKey(was, hooks), wanted.name)
  }
  // Every database points a foreign key at the table it names, renamed or not: the keys to a renamed table follow it.
  if (renamedTables.size > 0) {
    pairs.splice(0, pairs.length, ...pairs.map(([was, wanted]) => [referringToRenamed(was, renamedTables, hooks), wanted] as const))
  }

  if (hooks.foreignKeysHoldTypes) {
    const released = releaseKeysOnRetypedColumns(pairs, hooks)
    ops.push(...released.drops)
    pairs.splice(0, pairs.length, ...released.pairs)
  }

  const { tables: creates, deferred } = creationOrder(added, hooks)
  for (const table of creates) ops.push({ kind: 'create_table', table })
  for (const table of creates) {
    for (const constraint of deferred.get(tableKey(table, hooks)) ?? [])
      ops.push({ kind: 'create_foreign_key', ...refOf(table), constraint })
  }

  // Tables are taken by name, but only those that change or ask the resolver need the order (a locale-aware
  // comparison's first use loads ICU's collation, milliseconds that a clean `check` does without).
  const changing: TableChange[] = []
  for (const [was, wanted] of pairs) {
    if (asksColumnRenames(was, wanted, hooks)) changing.push({ was, wanted })
    else {
      const changes = tableChanges(was, wanted, new Map(), hooks)
      if (changes.ops.length + changes.foreignKeys.length + changes.notes.length > 0) changing.push({ was, wanted, changes })
    }
  }
  const laterForeignKeys: Operation[] = []
  for (const { was, wanted, changes: known } of changing.sort((a, b) => a.was.name.localeCompare(b.was.name))) {
    const changes = known ?? tableChanges(was, wanted, await columnRenames(was, wanted, resolver, hooks), hooks)
    if (hooks.batchTableChanges) {
      // Foreign keys join the batch too: SQLite adds them only by rebuilding.
      const all = [...changes.ops, ...changes.foreignKeys] as BatchOperation[]
      if (all.length > 0) ops.push({ kind: 'batch_alter_table', ...refOf(wanted), recreate: 'auto', ops: all })
      ops.push(...changes.notes)
      continue
    }
    ops.push(...changes.ops, ...changes.notes)
    laterForeignKeys.push(...changes.foreignKeys)
  }
  ops.push(...laterForeignKeys)
  ops.push(...(partitions?.create ?? []))

  const dropOrder = creationOrder(dropped, hooks)
  for (const table of dropOrder.tables) {
    for (const fk of dropOrder.deferred.get(tableKey(table, hooks)) ?? []) {
      if (fk.name !== undefined) ops.push({ kind: 'drop_constraint', ...refOf(table), name: fk.name, type: 'foreignkey', existing: fk })
    }
  }
  for (const table of [...dropOrder.tables].reverse())
    ops.push({ kind: 'drop_table', ...refOf(table), existing: withoutDeferred(table, dropOrder.deferred.get(tableKey(table, hooks))) })
  ops.push(...(objects?.after ?? []))
  return ops
}

/** A table on both sides that changes, or may: its changes once known (after the resolver answers about its columns). */
interface TableChange {
  readonly was: Table
  readonly wanted: Table
  readonly changes?: { readonly ops: Operation[]; readonly foreignKeys: Operation[]; readonly notes: Operation[] }
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
): { ops: Operation[]; foreignKeys: Operation[]; notes: Operation[] } {
  const columns = diffColumns(was, wanted, renamed, hooks)
  const { regenerated } = columns
  const constraints = diffConstraints(was, wanted, hooks, regenerated.columns)
  return {
    // A regenerated column goes before anything is added under its name, and comes back after the renames its expression may read.
    ops: [
      ...constraints.drop,
      ...regenerated.drop,
      ...columns.add,
      ...columns.alter,
      ...regenerated.add,
      ...constraints.create,
      ...columns.drop,
      ...tableComment(was, wanted, hooks),
    ],
    foreignKeys: constraints.createForeignKeys,
    // What the author must write by hand, apart: a batch holds only what it can run.
    notes: [
      ...tableOptionNotes(was, wanted, hooks),
      ...primaryKeyNote(was, wanted, renamed, hooks),
      ...serialSequenceNotes(was, wanted, renamed, hooks),
    ],
  }
}

function withoutDeferred(table: Table, deferred: readonly unknown[] | undefined): Table {
  if (deferred === undefined || deferred.length === 0) return table
  return { ...table, foreignKeys: (table.foreignKeys ?? []).filter((fk) => !deferred.includes(fk)) }
}

/** `table` with its foreign keys to a renamed table naming it by its new name (`renamed`: table key to new name). */
function referringToRenamed(table: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Table {
  const keys = table.foreignKeys
  if (keys === undefined || keys.length === 0) return table
  let changed = false
  const foreignKeys = keys.map((fk) => {
    const referred = tableKey({ name: fk.referredTable, ...(fk.referredSchema === undefined ? {} : { schema: fk.referredSchema }) }, hooks)
    const newName = renamed.get(referred)
    if (newName === undefined) return fk
    changed = true
    return { ...fk, referredTable: newName }
  })
  return changed ? { ...table, foreignKeys } : table
}

/**
 * The foreign keys that hold a column whose type changes, at either end,
 * dropped before any table changes (`drops`), and the tables without them
 * (`pairs`), so the comparison adds each again, as the models have it,
 * after every table has changed.
 */
function releaseKeysOnRetypedColumns(
  pairs: ReadonlyArray<readonly [Table, Table]>,
  hooks: DiffHooks,
): { drops: Operation[]; pairs: Array<readonly [Table, Table]> } {
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
  const drops: Operation[] = []
  const released = pairs.map(([was, wanted]) => {
    const own = tableKey(was, hooks)
    const holds = (fk: ForeignKeyConstraint) => {
      const referred = tableKey(
        { name: fk.referredTable, ...(fk.referredSchema === undefined ? {} : { schema: fk.referredSchema }) },
        hooks,
      )
      return (
        fk.columns.some((c) => retyped.has(`${own}.${hooks.nameKey(c)}`)) ||
        fk.referredColumns.some((c) => retyped.has(`${referred}.${hooks.nameKey(c)}`))
      )
    }
    const held = (was.foreignKeys ?? []).filter((fk) => fk.name !== undefined && holds(fk))
    if (held.length === 0) return [was, wanted] as const
    for (const fk of held) drops.push({ kind: 'drop_constraint', ...refOf(was), name: fk.name!, type: 'foreignkey', existing: fk })
    return [{ ...was, foreignKeys: (was.foreignKeys ?? []).filter((fk) => !held.includes(fk)) }, wanted] as const
  })
  return { drops, pairs: released }
}

/** The change of a table's comment, where the dialect keeps comments (none on SQLite). */
function tableComment(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  const existing = was.comment ?? null
  const comment = wanted.comment ?? null
  if (!hooks.comments || existing === comment) return []
  return [{ kind: 'set_table_comment', ...refOf(wanted), comment, existing }]
}

/**
 * MySQL/MariaDB: an engine, character set or collation the models change on
 * an existing table, as a note the author acts on. Each rebuilds the table,
 * and a new character set also converts its columns' text (ALTER TABLE …
 * CONVERT TO), which is the author's call; no change passes unseen.
 */
function tableOptionNotes(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.tableEngines) return []
  // Absent, they are what athanor creates: InnoDB, utf8mb4 in the server's default collation.
  const engine = (table: Table) => (table.mysql?.engine ?? 'InnoDB').toLowerCase()
  const charset = (table: Table) => (table.mysql?.charset ?? 'utf8mb4').toLowerCase()
  const collate = (table: Table) => table.mysql?.collate?.toLowerCase()
  const name = wanted.schema === undefined ? wanted.name : `${wanted.schema}.${wanted.name}`
  const notes: Operation[] = []
  if (engine(was) !== engine(wanted)) {
    notes.push(
      commentOperation(
        `table ${name}: engine ${engine(was)} -> ${engine(wanted)}. Write ALTER TABLE … ENGINE=${wanted.mysql?.engine ?? 'InnoDB'} ` +
          'here by hand: it rebuilds the table.',
      ),
    )
  }
  const wantedCollate = collate(wanted)
  // The catalog leaves out utf8mb4's default collation, which the models may name: only a known one is compared.
  const collationChanges = wantedCollate !== undefined && collate(was) !== undefined && wantedCollate !== collate(was)
  if (charset(was) !== charset(wanted) || collationChanges) {
    const to = `${wanted.mysql?.charset ?? 'utf8mb4'}${wantedCollate === undefined ? '' : ` COLLATE ${wanted.mysql?.collate}`}`
    notes.push(
      commentOperation(
        `table ${name}: character set ${charset(was)}${collate(was) === undefined ? '' : ` (${collate(was)})`} -> ${to}. ` +
          `Write ALTER TABLE … CONVERT TO CHARACTER SET ${to} here by hand: it rewrites every text column.`,
      ),
    )
  }
  return notes
}

/**
 * A primary key the models give other columns than the table's, as a note
 * the author acts on: no operation adds a primary key, and changing one
 * rewrites the table and may fail on the rows, which is the author's call.
 * It is never passed over as no change.
 */
function primaryKeyNote(was: Table, wanted: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Operation[] {
  const had = primaryKeyColumns(was).map((name) => hooks.nameKey(renamed.get(name) ?? name))
  const wants = primaryKeyColumns(wanted).map((name) => hooks.nameKey(name))
  if (had.join('\0') === wants.join('\0')) return []
  const name = wanted.schema === undefined ? wanted.name : `${wanted.schema}.${wanted.name}`
  const list = (columns: readonly string[]) => (columns.length === 0 ? 'none' : `(${columns.join(', ')})`)
  return [
    commentOperation(
      `table ${name}: primary key ${list(primaryKeyColumns(was))} -> ${list(primaryKeyColumns(wanted))}. ` +
        'Write the change here by hand: it rewrites the table, and fails on rows the new key does not fit.',
    ),
  ]
}

/**
 * A SERIAL column drawing from another sequence than the models name, as a
 * note: renaming the sequence is the author's call, as code may call
 * `nextval()` on either name.
 */
function serialSequenceNotes(was: Table, wanted: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): Operation[] {
  const wantedColumns = new Map(wanted.columns.map((c) => [hooks.nameKey(c.name), c]))
  const notes: Operation[] = []
  for (const column of was.columns) {
    const target = wantedColumns.get(hooks.nameKey(renamed.get(column.name) ?? column.name))
    const from = column.numbering?.kind === 'serial' ? column.numbering.sequence : undefined
    const to = target?.numbering?.kind === 'serial' ? target.numbering.sequence : undefined
    if (from === undefined || to === undefined || from === to) continue
    notes.push(
      commentOperation(
        `column ${wanted.name}.${target!.name}: draws from sequence ${from}, the models name ${to}. Write ALTER SEQUENCE … ` +
          'RENAME TO here by hand, once nothing calls nextval() on the old name.',
      ),
    )
  }
  return notes
}
