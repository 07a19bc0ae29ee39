import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Column, Table } from '../schema/types.js'
import { refOf } from './keys.js'

/**
 * A table's column alters with, where a CHECK named after its column goes
 * with the column's MODIFY or CHANGE (MariaDB, see
 * DiffHooks.columnChecksGoWithColumn), the check dropped before and added
 * again after, as the models have it; the way back puts the old one back.
 * `constraints` are the table's own check changes, which a check already
 * dropped or made needs no second time.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const was: Table
 * declare const wanted: Table
 * declare const alters: Operation[]
 * const ops = withColumnChecks(alters, was, wanted, diffHooksFor('mysql'), { drop: [], create: [] })
 */
export function withColumnChecks(
  alters: readonly Operation[],
  was: Table,
  wanted: Table,
  hooks: DiffHooks,
  constraints: { readonly drop: readonly Operation[]; readonly create: readonly Operation[] },
): Operation[] {
  if (!hooks.columnChecksGoWithColumn) return [...alters]
  const key = (name: string) => hooks.nameKey(name)
  const dropped = new Set(constraints.drop.flatMap((op) => (op.kind === 'drop_constraint' && op.type === 'check' ? [key(op.name)] : [])))
  const made = new Set(
    constraints.create.flatMap((op) => (op.kind === 'create_check_constraint' && op.constraint.name ? [key(op.constraint.name)] : [])),
  )
  const ref = refOf(was)
  return alters.flatMap((op): Operation[] => {
    if (op.kind !== 'alter_column') return [op]
    const check = (was.checkConstraints ?? []).find((c) => c.name !== undefined && key(c.name) === key(op.column))
    if (check === undefined || dropped.has(key(check.name!))) return [op]
    const again = (wanted.checkConstraints ?? []).find((c) => c.name !== undefined && key(c.name) === key(check.name!))
    return [
      // Written in the column's definition, the check is none DROP CONSTRAINT finds: the MODIFY drops it.
      { kind: 'drop_constraint', ...ref, name: check.name!, type: 'check', ifExists: true, existing: check },
      op,
      ...(again === undefined || made.has(key(again.name!))
        ? []
        : [{ kind: 'create_check_constraint' as const, ...ref, constraint: again }]),
    ]
  })
}

/**
 * A table's check drops where a CHECK named after its column may be written
 * in the column's definition (MariaDB, see
 * DiffHooks.columnChecksGoWithColumn): DROP CONSTRAINT does not find such a
 * check, so each drop is IF EXISTS, and a column that stays unaltered is
 * restated (a MODIFY to the definition it has), which drops the check
 * written in it. `restate` goes with the column alters, before the checks
 * are made again. Elsewhere the drops are returned as they are.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const was: Table
 * declare const ops: { drop: Operation[]; alter: Operation[]; dropColumns: Operation[] }
 * const { drop, restate } = columnCheckDrops(ops.drop, was, [...ops.alter, ...ops.dropColumns], diffHooksFor('mysql'))
 */
export function columnCheckDrops(
  drops: readonly Operation[],
  was: Table,
  columnChanges: readonly Operation[],
  hooks: DiffHooks,
): { drop: Operation[]; restate: Operation[] } {
  if (!hooks.columnChecksGoWithColumn) return { drop: [...drops], restate: [] }
  const key = (name: string) => hooks.nameKey(name)
  const columns = new Map(was.columns.map((column) => [key(column.name), column]))
  const changed = new Set(columnChanges.flatMap((op) => (op.kind === 'alter_column' || op.kind === 'drop_column' ? [key(op.column)] : [])))
  const restate: Operation[] = []
  const drop = drops.map((op) => {
    const column = op.kind === 'drop_constraint' && op.type === 'check' ? columns.get(key(op.name)) : undefined
    if (column === undefined) return op
    if (!changed.has(key(column.name))) restate.push(restated(was, column))
    return { ...op, ifExists: true }
  })
  return { drop, restate }
}

function restated(table: Table, column: Column): Operation {
  return { kind: 'alter_column', ...refOf(table), column: column.name, changes: { type: column.type }, existing: column }
}
