import { conventionalName } from '../schema/conventional-name.js'
import { uniqueTraits } from '../schema/unique-deferral.js'
import type { Operation } from '../ops/operation.js'
import type { ForeignKeyConstraint, Index, Table, UniqueConstraint } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { indexKey } from './index-key.js'
import { indexAsRenamed, tableAsRenamed } from './renamed-index.js'
import { renamedInPlace } from './renamed-keys.js'
import { columnsKey, refOf, referredKey, uniqueColumnSets } from './keys.js'
import { namesMentioned } from '../dialect/view-support.js'
import { diffChecks } from './checks.js'
import { releasedKeyIndexes } from './foreign-key-moves.js'

/** Constraint and index changes of one table, by the step they belong to. */
export interface ConstraintOps {
  /** Dropped before anything else changes, so columns and tables they use can go. */
  readonly drop: Operation[]
  readonly create: Operation[]
  readonly createForeignKeys: Operation[]
}

/**
 * Unique constraints of a table: table-level ones and columns marked
 * `unique`, which the database stores the same way.
 */
function uniquesOf(table: Table): UniqueConstraint[] {
  return [...(table.uniqueConstraints ?? []), ...table.columns.filter((c) => c.unique === true).map((c) => ({ columns: [c.name] }))]
}

function fkKey(fk: ForeignKeyConstraint, hooks: DiffHooks): string {
  return (
    `${columnsKey(fk.columns, hooks)}>${referredKey(fk, hooks)}(${columnsKey(fk.referredColumns, hooks)})` +
    ` ${hooks.actionKey(fk.onDelete)} ${hooks.actionKey(fk.onUpdate)}` +
    `${fk.matchFull === true ? ' MATCH FULL' : ''}${fk.deferrable === true ? ` DEFERRABLE ${fk.initiallyDeferred === true}` : ''}`
  )
}

/**
 * Indexes, unique, foreign-key and check constraints that differ. Unique
 * constraints and foreign keys match by their columns (databases name
 * unnamed ones their own way); indexes by name, checks as `diffChecks`
 * says. A unique index and a unique constraint on the same columns are the
 * same thing on MySQL, which reports both as indexes, so each side may
 * match the other. Where the database keeps a constraint created without a
 * name unnamed (`hooks.keepsUnnamedConstraints`), one no longer wanted is
 * dropped by its columns (a check by its expression) and one the models
 * leave unnamed is added so; elsewhere, and for a column's `unique`, an
 * added one takes the naming convention's name.
 * `renamed` maps current column names to target ones: the database
 * renames a column in the unique constraints and foreign keys that hold
 * it; `renamedEverywhere`, each table's, by table key, so does it in the
 * foreign keys that refer to it.
 *
 * @example
 * const before = table('users', { id: col.integer().primaryKey(), email: col.text() })
 * const after = table('users', { id: col.integer().primaryKey(), email: col.text() }, { uniques: [unique(['email'])] })
 * diffConstraints(before, after, diffHooksFor('sqlite')).create // [create_unique_constraint uq_users_email]
 */
export function diffConstraints(
  current: Table,
  target: Table,
  hooks: DiffHooks,
  regenerated: ReadonlySet<string> = new Set(),
  renamed: ReadonlyMap<string, string> = new Map(),
  renamedEverywhere: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map(),
): ConstraintOps {
  const ops: ConstraintOps = { drop: [], create: [], createForeignKeys: [] }
  const ref = refOf(target)
  // An index on a column dropped and added again goes with it: made again after, from the models.
  const onRegenerated = (index: Index) =>
    regenerated.size > 0 &&
    (index.expressions === true
      ? index.columns.some((expression) => namesMentioned(expression, [...regenerated]).length > 0)
      : index.columns.some((column) => regenerated.has(hooks.nameKey(column))))

  const curIndexes = new Map((current.indexes ?? []).map((i) => [hooks.nameKey(i.name), i]))
  // An index the database has, as the renames of this migration leave it.
  const renamedTable = tableAsRenamed(current, renamed)
  const wasKey = (index: Index) => indexKey(indexAsRenamed(index, renamed), renamedTable, hooks)
  const wantIndexes = new Map((target.indexes ?? []).map((i) => [hooks.nameKey(i.name), i]))
  const curUniques = uniquesOf(current)
  const wantUniques = uniquesOf(target)
  const asRenamed = (columns: readonly string[]) => columns.map((c) => renamed.get(c) ?? c)
  // A deferral that changes is a new constraint: PostgreSQL's ALTER CONSTRAINT changes only a foreign key's.
  const deferralKey = (uq: UniqueConstraint) =>
    (uq.deferrable === true ? (uq.initiallyDeferred === true ? '|deferred' : '|deferrable') : '') +
    (uq.nullsNotDistinct === true ? '|nulls not distinct' : '') +
    (hooks.indexTraits.indexInclude && uq.include !== undefined && uq.include.length > 0
      ? `|include ${columnsKey(asRenamed(uq.include), hooks)}`
      : '')
  const uniqueKey = (uq: UniqueConstraint) => columnsKey(asRenamed(uq.columns), hooks) + deferralKey(uq)
  const uniqueByCols = (list: readonly UniqueConstraint[]) => new Set(list.map(uniqueKey))
  const curUniqueCols = uniqueByCols(curUniques)
  const wantUniqueCols = uniqueByCols(wantUniques)
  const uniqueIndexCols = (map: Map<string, Index>) =>
    new Set(
      [...map.values()]
        .filter((i) => i.unique === true && i.expressions !== true && i.where === undefined)
        .map((i) => columnsKey(i.columns, hooks)),
    )
  const curUniqueIndexCols = uniqueIndexCols(curIndexes)
  const wantUniqueIndexCols = uniqueIndexCols(wantIndexes)

  for (const [key, index] of curIndexes) {
    const wanted = wantIndexes.get(key)
    const same = wanted !== undefined && indexKey(wanted, target, hooks) === wasKey(index)
    if (same && !onRegenerated(index)) continue
    if (wanted === undefined && index.unique === true && wantUniqueCols.has(columnsKey(index.columns, hooks))) continue
    ops.drop.push({ kind: 'drop_index', ...ref, name: index.name, existing: index })
  }
  // InnoDB's index for a key, named after it on its columns, is the index a model declares so (introspection hides it).
  const supporting = new Map(
    (current.foreignKeys ?? []).flatMap((fk) =>
      fk.supportingIndex === undefined ? [] : [[hooks.nameKey(fk.supportingIndex), fk] as const],
    ),
  )
  const heldByKey = (key: string, index: Index) => {
    const fk = supporting.get(key)
    return (
      fk !== undefined &&
      index.unique !== true &&
      wholeColumns(index) &&
      indexKey(index, target, hooks) === indexKey({ name: index.name, columns: asRenamed(fk.columns) }, target, hooks)
    )
  }
  for (const [key, index] of wantIndexes) {
    const was = curIndexes.get(key)
    if (was !== undefined && wasKey(was) === indexKey(index, target, hooks) && !onRegenerated(index)) {
      // Kept as it is but for the optimizer's use of it: altered in place, not built again.
      const invisible = index.invisible === true
      if (hooks.indexTraits.indexVisibility && (was.invisible === true) !== invisible)
        ops.create.push({ kind: 'alter_index', ...ref, name: was.name, invisible })
      continue
    }
    if (was === undefined && heldByKey(key, index)) continue
    if (
      was === undefined &&
      index.unique === true &&
      index.expressions !== true &&
      index.where === undefined &&
      curUniqueCols.has(columnsKey(index.columns, hooks))
    )
      continue
    ops.create.push({ kind: 'create_index', ...ref, index })
  }

  const unnamedKept = hooks.keepsUnnamedConstraints
  for (const uq of curUniques) {
    const cols = uniqueKey(uq)
    if (wantUniqueCols.has(cols) || wantUniqueIndexCols.has(cols)) continue
    if (uq.name !== undefined) ops.drop.push({ kind: 'drop_constraint', ...ref, name: uq.name, type: 'unique', existing: uq })
    else if (unnamedKept) ops.drop.push({ kind: 'drop_constraint', ...ref, name: '', type: 'unique', columns: uq.columns, existing: uq })
  }
  // Kept by their columns, perhaps under another name (see renamedInPlace).
  const curUniqueByKey = new Map(curUniques.map((uq) => [uniqueKey(uq), uq]))
  const keptUniques: (readonly [UniqueConstraint, UniqueConstraint])[] = []
  // A new column's own `unique` is made by its ADD COLUMN, which says UNIQUE
  // (SQLite's is a rebuild, which the unique's own operation joins).
  const curColumns = new Set(current.columns.map((c) => hooks.nameKey(renamed.get(c.name) ?? c.name)))
  const madeWithNewColumn = (uq: UniqueConstraint) =>
    !unnamedKept &&
    uq.name === undefined &&
    uq.columns.length === 1 &&
    !curColumns.has(hooks.nameKey(uq.columns[0]!)) &&
    target.columns.some((c) => c.unique === true && c.name === uq.columns[0])
  for (const uq of wantUniques) {
    const cols = columnsKey(uq.columns, hooks) + deferralKey(uq)
    const kept = curUniqueByKey.get(cols)
    if (kept !== undefined) keptUniques.push([kept, uq])
    if (curUniqueCols.has(cols) || curUniqueIndexCols.has(cols)) continue
    if (madeWithNewColumn(uq)) continue
    // Only a table-level one the models leave unnamed stays so; a column's `unique` takes the convention's name.
    const unnamed = unnamedKept && uq.name === undefined && (target.uniqueConstraints ?? []).includes(uq)
    const name = uq.name ?? (unnamed ? undefined : conventionalName('uq', target.name, uq.columns))
    ops.create.push({
      kind: 'create_unique_constraint',
      ...ref,
      constraint: {
        ...(name === undefined ? {} : { name }),
        columns: uq.columns,
        ...uniqueTraits(uq),
      },
    })
  }

  // Compared as the renames leave them; dropped (and made again by a downgrade) as they are.
  const asRenamedKey = (fk: ForeignKeyConstraint) => {
    const referred = renamedEverywhere.get(referredKey(fk, hooks))
    const referredColumns = referred === undefined ? fk.referredColumns : fk.referredColumns.map((c) => referred.get(c) ?? c)
    return fkKey({ ...fk, columns: asRenamed(fk.columns), referredColumns }, hooks)
  }
  const curFks = new Map((current.foreignKeys ?? []).map((fk) => [asRenamedKey(fk), fk]))
  const wantFks = new Map((target.foreignKeys ?? []).map((fk) => [fkKey(fk, hooks), fk]))
  const droppedIndexes: ForeignKeyConstraint[] = []
  for (const [key, fk] of curFks) {
    if (wantFks.has(key)) continue
    if (fk.name !== undefined) ops.drop.push({ kind: 'drop_constraint', ...ref, name: fk.name, type: 'foreignkey', existing: fk })
    else if (unnamedKept)
      ops.drop.push({ kind: 'drop_constraint', ...ref, name: '', type: 'foreignkey', columns: fk.columns, existing: fk })
    // InnoDB keeps the index it made for the key; left, it would be an index the models lack, for check to drop next time.
    if (fk.supportingIndex !== undefined && !wantIndexes.has(hooks.nameKey(fk.supportingIndex))) droppedIndexes.push(fk)
  }
  const keysKept = [...curFks].filter(([key]) => wantFks.has(key)).map(([, fk]) => fk)
  const keys: KeysOnBothSides = { keysKept, asRenamed, hooks }
  ops.drop.push(...supportingIndexDrops(droppedIndexes, current, target, keys))
  const keptFks: (readonly [ForeignKeyConstraint, ForeignKeyConstraint])[] = []
  // The indexes a new key finds once the table's changes are made: the models' keys and indexes, and those of kept keys.
  const served: (readonly string[])[] = [
    ...indexedColumnSets(target),
    ...releasedKeyIndexes(current).map(asRenamed),
    ...keys.keysKept.flatMap((fk) => (fk.supportingIndex === undefined ? [] : [asRenamed(fk.columns)])),
  ]
  for (const [key, fk] of wantFks) {
    const kept = curFks.get(key)
    if (kept !== undefined) {
      keptFks.push([kept, fk])
      continue
    }
    const constraint =
      fk.name === undefined && !unnamedKept ? { ...fk, name: conventionalName('fk', target.name, [...fk.columns, fk.referredTable]) } : fk
    // InnoDB makes an index for a key no index serves, and keeps it when the key goes: made here, the downgrade drops it too.
    if (hooks.foreignKeysNeedIndexes && constraint.name !== undefined && !served.some((columns) => leads(fk.columns, columns, hooks))) {
      ops.create.push({ kind: 'create_index', ...ref, index: { name: constraint.name, columns: fk.columns } })
      served.push(fk.columns)
    }
    ops.createForeignKeys.push({ kind: 'create_foreign_key', ...ref, constraint })
  }

  const checks = diffChecks(current, target, hooks, renamed)
  ops.drop.push(...checks.drop)
  ops.create.push(...checks.create)
  ops.create.push(...supersededIndexDrops(ops.create, keys, target, wantIndexes))
  return renamedInPlace(ops, current, target, hooks, { renamed, onRegenerated, keptUniques, keptFks })
}

/** What a migration that drops keys knows of the keys on both sides. */
interface KeysOnBothSides {
  /** The database's keys the models keep as they are. */
  readonly keysKept: readonly ForeignKeyConstraint[]
  readonly asRenamed: (columns: readonly string[]) => string[]
  readonly hooks: DiffHooks
}

/**
 * The drops of the indexes InnoDB made for the dropped keys `dropped`,
 * after every key the migration drops (so a key it makes again no longer
 * stands on one). A key kept as it is that stood on such an index alone
 * gets first the index InnoDB would have made for it, named after it and
 * on its columns as they are now (a rename comes later): the server
 * refuses to drop the only index a key has.
 */
function supportingIndexDrops(dropped: readonly ForeignKeyConstraint[], current: Table, target: Table, keys: KeysOnBothSides): Operation[] {
  const { hooks, asRenamed, keysKept } = keys
  const ref = refOf(target)
  const wantedSets = new Set(indexedColumnSets(target).map((columns) => columnsKey(columns, hooks)))
  // Indexes that stay: a key or index the models keep (compared by columns), and those of kept keys.
  const served: (readonly string[])[] = [
    ...indexedColumnSets(current).filter((columns) => wantedSets.has(columnsKey(asRenamed(columns), hooks))),
    ...keysKept.flatMap((fk) => (fk.supportingIndex === undefined ? [] : [fk.columns])),
  ]
  const ops: Operation[] = []
  for (const fk of dropped) {
    // A kept key with an index of its own stood on no other.
    for (const kept of keysKept) {
      if (kept.name === undefined || kept.supportingIndex !== undefined || !leads(kept.columns, fk.columns, hooks)) continue
      if (served.some((columns) => leads(kept.columns, columns, hooks))) continue
      ops.push({ kind: 'create_index', ...ref, index: { name: kept.name, columns: kept.columns } })
      served.push(kept.columns)
    }
    const index = fk.supportingIndex!
    ops.push({ kind: 'drop_index', ...ref, name: index, existing: { name: index, columns: fk.columns } })
  }
  return ops
}

/**
 * InnoDB drops the index it made for a key once the key has another index
 * to stand on (an index or unique key this migration makes, leading with
 * the key's columns): said here, `IF EXISTS` as the server did it already,
 * so the downgrade makes that index again before dropping the new one, which
 * the server would otherwise refuse while the key needs it.
 */
function supersededIndexDrops(
  made: readonly Operation[],
  keys: KeysOnBothSides,
  target: Table,
  wanted: ReadonlyMap<string, Index>,
): Operation[] {
  const { hooks, asRenamed } = keys
  const madeColumns = made.flatMap((op) => {
    if (op.kind === 'create_index') return wholeColumns(op.index) ? [op.index.columns] : []
    return op.kind === 'create_unique_constraint' ? [op.constraint.columns] : []
  })
  const ref = refOf(target)
  return keys.keysKept
    .filter((fk) => fk.supportingIndex !== undefined && !wanted.has(hooks.nameKey(fk.supportingIndex)))
    .filter((fk) => madeColumns.some((columns) => leads(asRenamed(fk.columns), columns, hooks)))
    .map((fk) => ({
      kind: 'drop_index' as const,
      ...ref,
      name: fk.supportingIndex!,
      ifExists: true,
      existing: { name: fk.supportingIndex!, columns: asRenamed(fk.columns) },
    }))
}

/** Whether `key` is the first columns of `columns`. */
function leads(key: readonly string[], columns: readonly string[], hooks: DiffHooks): boolean {
  return key.length <= columns.length && columnsKey(columns.slice(0, key.length), hooks) === columnsKey(key, hooks)
}

/** The columns of each of the table's keys and whole-column indexes: each serves a foreign key its columns lead. */
function indexedColumnSets(table: Table): (readonly string[])[] {
  return [...uniqueColumnSets(table), ...(table.indexes ?? []).filter(wholeColumns).map((index) => index.columns)]
}

/** An index of whole columns, with no expression, predicate or prefix: one InnoDB can stand a key on. */
function wholeColumns(index: Index): boolean {
  return index.expressions !== true && index.where === undefined && index.prefixLengths === undefined
}
