import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
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
