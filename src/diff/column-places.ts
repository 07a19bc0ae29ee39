import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { ColumnPlace, Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'

/** The column changes of a table that add or drop columns (see ColumnOps in columns.ts). */
export interface PlacedColumnOps {
  readonly add: Operation[]
  readonly drop: Operation[]
  readonly regenerated: { readonly drop: Operation[]; readonly add: Operation[]; readonly columns: ReadonlySet<string> }
}

/**
 * Gives the columns a table's changes add their places (see
 * DiffHooks.placesColumns): each added column goes after the column that
 * precedes it in the models, and each dropped one records where it stood,
 * for the downgrade to put it back there. A column that would land last
 * anyway gets no place, so the common script reads as before.
 *
 * Each place names a column as it is called when the statement runs: the
 * upgrade adds its columns before the renames, and regenerated columns
 * after them; the downgrade puts dropped columns back before it undoes
 * the renames, and regenerated ones last.
 *
 * @example
 * import { col, table } from '../models/index.js'
 * import { diffHooksFor } from '../dialect/registry.js'
 * import { diffColumns } from './columns.js'
 * const was = table('users', { id: col.integer().primaryKey(), email: col.text() })
 * const now = table('users', { id: col.integer().primaryKey(), name: col.text(), email: col.text() })
 * // diffColumns places them itself where the dialect places columns (MySQL); here by hand:
 * const ops = diffColumns(was, now, new Map(), diffHooksFor('postgresql'))
 * placeColumns(ops, was, now, new Map(), diffHooksFor('postgresql'))
 * // ops.add: [{ kind: 'add_column', table: 'users', column: { name: 'name', … }, after: 'id' }]
 */
export function placeColumns(
  ops: PlacedColumnOps,
  current: Table,
  target: Table,
  renamed: ReadonlyMap<string, string>,
  hooks: DiffHooks,
): void {
  const key = hooks.nameKey
  const targetNames = new Map(target.columns.map((column) => [key(column.name), column.name]))
  /** A current column's name after the upgrade's renames; undefined when it is dropped. */
  const renamedTo = (name: string) => targetNames.get(key(renamed.get(name) ?? name))
  const kept = current.columns.flatMap((was) => {
    const now = renamedTo(was.name)
    return now === undefined ? [] : [{ was: was.name, now }]
  })
  const currentNameOf = new Map(kept.map((column) => [key(column.now), column.was]))
  const regenerated = (targetName: string) => ops.regenerated.columns.has(key(targetName))
  const keys = (names: readonly string[]) => new Set(names.map(key))
  const added = ops.add.flatMap((op) => (op.kind === 'add_column' ? [op.column.name] : []))

  // The upgrade's added columns: the current names, the regenerated columns not there yet.
  placeAdded(
    ops.add,
    target.columns.map((column) => currentNameOf.get(key(column.name)) ?? column.name),
    keys(kept.filter((column) => !regenerated(column.now)).map((column) => column.was)),
    key,
  )
  // The upgrade's regenerated columns: the target names, every added column there.
  placeAdded(
    ops.regenerated.add,
    target.columns.map((column) => column.name),
    keys([...kept.filter((column) => !regenerated(column.now)).map((column) => column.now), ...added]),
    key,
  )
  // The downgrade's dropped columns, put back first, in reverse: the target names still.
  placeRemoved(
    ops.drop,
    current.columns.map((was) => renamedTo(was.name) ?? was.name),
    keys(kept.map((column) => column.now)),
    key,
  )
  // The downgrade's regenerated columns, put back last: every name as it was.
  placeRemoved(
    ops.regenerated.drop,
    current.columns.map((was) => was.name),
    keys(kept.filter((column) => !regenerated(column.now)).map((column) => column.was)),
    key,
  )
}

/** Places the add_column operations of `adds` in `order`, in the order they run. */
function placeAdded(adds: Operation[], order: readonly string[], present: Set<string>, key: (name: string) => string): void {
  adds.forEach((op, index) => {
    if (op.kind !== 'add_column') return
    const place = placeAmong(order, op.column.name, present, key)
    if (place !== undefined) adds[index] = { ...op, ...place }
    present.add(key(op.column.name))
  })
}

/** Records where each drop_column operation of `drops` puts its column back, in the downgrade's order (the reverse). */
function placeRemoved(drops: Operation[], order: readonly string[], present: Set<string>, key: (name: string) => string): void {
  for (let index = drops.length - 1; index >= 0; index--) {
    const op = drops[index]!
    if (op.kind !== 'drop_column') continue
    const place = placeAmong(order, op.column, present, key)
    if (place !== undefined) drops[index] = { ...op, existingPlace: place }
    present.add(key(op.column))
  }
}

/**
 * Where `name` goes so that the `present` columns and it stand in `order`:
 * after the nearest present column before it, or first; undefined when
 * none present comes after it, as an added column lands last anyway.
 */
function placeAmong(
  order: readonly string[],
  name: string,
  present: ReadonlySet<string>,
  key: (name: string) => string,
): ColumnPlace | undefined {
  const at = order.findIndex((column) => key(column) === key(name))
  if (at < 0 || !order.slice(at + 1).some((column) => present.has(key(column)))) return undefined
  for (let before = at - 1; before >= 0; before--) {
    if (present.has(key(order[before]!))) return { after: order[before]! }
  }
  return { first: true }
}
