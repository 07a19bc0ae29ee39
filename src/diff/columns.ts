import { namesMentioned } from '../dialect/view-support.js'
import type { ColumnChanges, Operation } from '../ops/operation.js'
import type { Column, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import { isNullable, primaryKeyColumns, refOf } from './keys.js'
import { identityChanges, numberingChange } from './identity.js'
import { sameExpressionDefaults } from './same-expressions.js'
import { placeColumns } from './column-places.js'
import { BARE_NAME } from '../schema/bare-name.js'

/** A string literal, a double-quoted or backquoted name, or a bare name. */
const TEXT_OR_NAME = new RegExp(String.raw`'(?:[^']|'')*'|"(?:[^"]|"")*"|\`(?:[^\`]|\`\`)*\`|${BARE_NAME}`, 'g')

/**
 * The alter that turns `current` into `target`, or nothing when the dialect
 * sees them as equal. The alter carries the column as it was (`existing`),
 * which MySQL's MODIFY and the downgrade both need.
 *
 * @example
 * const before = table('users', { id: col.integer().primaryKey(), name: col.string(80) })
 * const after = table('users', { id: col.integer().primaryKey(), name: col.string(120).notNull(), email: col.text() })
 * alterColumn(before, after, before.columns[1]!, after.columns[1]!, diffHooksFor('postgresql'))
 * // { kind: 'alter_column', table: 'users', column: 'name', changes: { type: …, nullable: false }, existing: … }
 */
export function alterColumn(
  current: Table,
  target: Table,
  was: Column,
  wanted: Column,
  hooks: DiffHooks,
  keys: PrimaryKeys = primaryKeysOf(current, target),
): Operation | undefined {
  const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {}
  if (hooks.typeKey(was) !== hooks.typeKey(wanted)) changes.type = wanted.type
  const wasNullable = isNullable(was, keys.current)
  const wantNullable = isNullable(wanted, keys.target)
  if (wasNullable !== wantNullable) changes.nullable = wantNullable
  if (
    hooks.defaultKey(was) !== hooks.defaultKey(wanted) &&
    !sameExpressionDefaults(was.serverDefault, wanted.serverDefault, hooks.checkKey)
  ) {
    changes.serverDefault = wanted.serverDefault ?? null
  }
  if (hooks.comments && (was.comment ?? '') !== (wanted.comment ?? '')) changes.comment = wanted.comment ?? null
  const identity = identityChanges(was, wanted)
  if (identity !== undefined) changes.identity = identity
  // MySQL's AUTO_INCREMENT is numbering of one kind, there or not: an alter restates the column with it or without it.
  const numbering = hooks.numberingKinds || hooks.autoincrementInDefinition ? numberingChange(was, wanted) : undefined
  if (numbering !== undefined) changes.numbering = numbering
  // A collation is changed with the type it belongs to (PostgreSQL's `TYPE … COLLATE`, MySQL's MODIFY).
  // A column's collation that is its table's (MySQL) is no collation of its own: the catalog reports none.
  const ownCollation = (column: Column, table: Table) =>
    hooks.tableEngines && column.collation === table.mysql?.collate ? '' : (column.collation ?? '')
  if (ownCollation(was, current) !== ownCollation(wanted, target)) {
    changes.type = wanted.type
    changes.collation = wanted.collation ?? null
  }
  if ((was.invisible === true) !== (wanted.invisible === true)) changes.invisible = wanted.invisible === true
  // The models name an SRID alone; the spelling the server was read in stays (see mysqlSpatialReference).
  if ((was.srid?.id ?? 0) !== (wanted.srid?.id ?? 0)) {
    const spelling = was.srid?.spelling
    changes.srid = wanted.srid === undefined ? null : { id: wanted.srid.id, ...(spelling === undefined ? {} : { spelling }) }
  }
  // TRUE and 1 share a key, yet a boolean column refuses 1 and a number column TRUE: across that line the models' default is set.
  const boolean = (column: Column) => column.type.kind === 'boolean'
  if (changes.type !== undefined && boolean(was) !== boolean(wanted) && changes.serverDefault === undefined && wanted.serverDefault) {
    changes.serverDefault = wanted.serverDefault
  }
  if (Object.keys(changes).length === 0) return undefined
  return {
    kind: 'alter_column',
    ...refOf(target),
    column: was.name,
    changes,
    existing: { ...was, nullable: wasNullable },
  }
}

/** The primary-key columns of both sides of a table, found once for all its columns. */
interface PrimaryKeys {
  readonly current: readonly string[]
  readonly target: readonly string[]
}

const primaryKeysOf = (current: Table, target: Table): PrimaryKeys => ({
  current: primaryKeyColumns(current),
  target: primaryKeyColumns(target),
})

/**
 * What a generated column computes, comparable across the rewriting each
 * database does (quotes, casts, blanks, and the parentheses PostgreSQL puts
 * round every operation: `price * qty + 1` is stored as `((price *
 * (qty)::numeric) + (1)::numeric)`), keyed as a check's expression is;
 * undefined for a column that is not generated.
 */
function generatedKey(column: Column, hooks: DiffHooks, renamed: ReadonlyMap<string, string> = new Map()): string | undefined {
  const generated = column.generated
  if (generated === undefined) return undefined
  const expression = hooks.checkKey(renamed.size === 0 ? generated.expression : withRenamedColumns(generated.expression, renamed))
  return `${generated.stored === true ? 'stored' : 'virtual'} ${expression}`
}

/**
 * `expression` with the columns of `renamed` under their new names, outside
 * string literals: the database rewrites a generated column's expression,
 * or a check's, when a column it reads is renamed, so only that is no change.
 *
 * @example
 * withRenamedColumns("s <> 's'", new Map([['s', 'mail']])) // "mail <> 's'"
 * withRenamedColumns('"s" <> 1', new Map([['s', 'mail']])) // '"mail" <> 1'
 */
export function withRenamedColumns(expression: string, renamed: ReadonlyMap<string, string>): string {
  return expression.replace(TEXT_OR_NAME, (token) => {
    if (token.startsWith("'")) return token
    const quote = token[0] === '"' || token[0] === '`' ? token[0] : ''
    const newName = renamed.get(quote === '' ? token : token.slice(1, -1))
    return newName === undefined ? token : `${quote}${newName}${quote}`
  })
}

/**
 * A dropped column as its drop's reverse adds it back. Where unnamed
 * constraints are kept (SQLite), the column's own UNIQUE is dropped by an
 * operation of its own first (see diffConstraints), which makes the table
 * be rebuilt, as SQLite's DROP COLUMN refuses a UNIQUE column; that drop's
 * reverse puts the unique back, so the column comes back without it.
 */
function droppedAsItWas(was: Column, hooks: DiffHooks): Column {
  if (was.unique !== true || !hooks.keepsUnnamedConstraints) return was
  const { unique: _, ...rest } = was
  return rest
}

/** Column changes of one table, sorted by the step they belong to. */
export interface ColumnOps {
  readonly add: Operation[]
  readonly alter: Operation[]
  readonly drop: Operation[]
  /**
   * Generated columns whose expression changes: dropped before the other
   * changes (`drop`) and added again after them (`add`), under the names in
   * `columns`, as no database alters a generation in place everywhere.
   */
  readonly regenerated: { readonly drop: Operation[]; readonly add: Operation[]; readonly columns: Set<string> }
}

/**
 * Added, altered and dropped columns of a table present on both sides.
 * `renamed` maps current names to target names (already decided).
 *
 * @example
 * const before = table('users', { id: col.integer().primaryKey(), name: col.string(80) })
 * const after = table('users', { id: col.integer().primaryKey(), name: col.string(120).notNull(), email: col.text() })
 * const { add, alter, drop } = diffColumns(before, after, new Map(), diffHooksFor('postgresql')) // add email, alter name, drop none
 */
export function diffColumns(current: Table, target: Table, renamed: ReadonlyMap<string, string>, hooks: DiffHooks): ColumnOps {
  const ops: ColumnOps = { add: [], alter: [], drop: [], regenerated: { drop: [], add: [], columns: new Set() } }
  const ref = refOf(target)
  const wantedByKey = new Map(target.columns.map((c) => [hooks.nameKey(c.name), c]))
  const matched = new Set<string>()
  const keys = primaryKeysOf(current, target)
  for (const was of current.columns) {
    const newName = renamed.get(was.name)
    const modelled = wantedByKey.get(hooks.nameKey(newName ?? was.name))
    if (modelled === undefined) {
      ops.drop.push({ kind: 'drop_column', ...ref, column: was.name, existing: droppedAsItWas(was, hooks) })
      continue
    }
    const wanted = hooks.columnAsHeld(modelled, was, target)
    matched.add(hooks.nameKey(wanted.name))
    if (generatedKey(was, hooks, renamed) !== generatedKey(wanted, hooks)) {
      regenerate(ops, ref, was, wanted, hooks)
      continue
    }
    if (newName !== undefined) {
      ops.alter.push({ kind: 'alter_column', ...ref, column: was.name, changes: { newName: wanted.name }, existing: was })
    }
    const named = was.name === wanted.name ? was : { ...was, name: wanted.name }
    const alter = alterColumn(current, target, named, wanted, hooks, keys)
    if (alter !== undefined) ops.alter.push(alter)
  }
  for (const wanted of target.columns) {
    if (!matched.has(hooks.nameKey(wanted.name))) ops.add.push({ kind: 'add_column', ...ref, column: wanted })
  }
  if (hooks.readersHoldColumnTypes) regenerateOverRetyped(ops, current, wantedByKey, renamed, hooks)
  ops.drop.splice(0, ops.drop.length, ...generatedFirst(ops.drop))
  if (hooks.placesColumns) placeColumns(ops, current, target, renamed, hooks)
  return ops
}

/**
 * Dropped columns with the generated ones first, the last declared first: a
 * database refuses to drop a column a generated column still reads (and
 * MySQL a generated column that a later one reads). The downgrade, in
 * reverse, adds the columns read before the ones computed from them.
 */
function generatedFirst(drops: readonly Operation[]): Operation[] {
  const generated = (op: Operation) => op.kind === 'drop_column' && op.existing?.generated !== undefined
  return [...drops.filter(generated).reverse(), ...drops.filter((op) => !generated(op))]
}

/**
 * The generated columns that read a column whose type changes, dropped
 * before the change and added again after it (see
 * DiffHooks.readersHoldColumnTypes), with any change of their own.
 */
function regenerateOverRetyped(
  ops: ColumnOps,
  current: Table,
  wantedByKey: ReadonlyMap<string, Column>,
  renamed: ReadonlyMap<string, string>,
  hooks: DiffHooks,
): void {
  const retyped = retypedColumns(ops.alter)
  if (retyped.length === 0) return
  const ref = refOf(current)
  for (const was of current.columns) {
    const wanted = wantedByKey.get(hooks.nameKey(renamed.get(was.name) ?? was.name))
    if (was.generated === undefined || wanted?.generated === undefined) continue
    if (ops.regenerated.columns.has(hooks.nameKey(wanted.name))) continue
    if (namesMentioned(was.generated.expression, retyped).length === 0) continue
    const own = ops.alter.findIndex((op) => op.kind === 'alter_column' && hooks.nameKey(op.column) === hooks.nameKey(was.name))
    if (own >= 0) ops.alter.splice(own, 1)
    regenerate(ops, ref, was, wanted, hooks)
  }
}

/**
 * A generated column dropped and added again: it holds nothing of its own,
 * so nothing is lost. It comes back as the models declare it, visible or
 * INVISIBLE (MySQL/MariaDB).
 */
function regenerate(ops: ColumnOps, ref: { table: string; schema?: string }, was: Column, wanted: Column, hooks: DiffHooks): void {
  ops.regenerated.drop.push({ kind: 'drop_column', ...ref, column: was.name, existing: was })
  ops.regenerated.add.push({ kind: 'add_column', ...ref, column: wanted })
  ops.regenerated.columns.add(hooks.nameKey(wanted.name))
}

/**
 * The columns (by their current names) whose type `alters` change.
 *
 * @example
 * retypedColumns([{ kind: 'alter_column', table: 't', column: 'qty', changes: { type: { kind: 'bigint' } } }]) // ['qty']
 */
export function retypedColumns(alters: readonly Operation[]): string[] {
  return alters.flatMap((op) => (op.kind === 'alter_column' && op.changes.type !== undefined ? [op.column] : []))
}
