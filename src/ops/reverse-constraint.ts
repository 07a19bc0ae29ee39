import type { ConstraintType, DropConstraintOp } from './operation.js'

/**
 * A dropped constraint's type: as given, or read from the shape of
 * `existing` (a foreign key names its referred table, a check has an
 * expression, a unique constraint only columns).
 *
 * @example
 * constraintTypeOf({ kind: 'drop_constraint', table: 't', name: 'ck', existing: { expression: 'a > 0' } }) // 'check'
 */
export function constraintTypeOf(op: DropConstraintOp): ConstraintType | undefined {
  if (op.type !== undefined) return op.type
  const e = op.existing
  if (e === undefined) return undefined
  if ('referredTable' in e) return 'foreignkey'
  if ('expression' in e) return 'check'
  return 'unique'
}
