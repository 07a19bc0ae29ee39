import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'

/**
 * A column whose type change takes digits from the values it holds: the
 * database rounds (or cuts) them to fit at upgrade, without an error, as it
 * does a DECIMAL(10,3) made DECIMAL(10,2) or a DATETIME(6) made DATETIME.
 */
export interface RoundingChange {
  /** `table.column`, with the schema before it where one is given. */
  readonly column: string
  /** What goes: `3 decimal places to 2`, `6 fractional-second digits to 0`. */
  readonly digits: string
}

/**
 * The type changes in `ops` (inside a batch too) that round the values a
 * column holds, as the dialect's `roundedDigits` tells; only a change that
 * knows the column's type before (as autogenerate writes it) can be told.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * roundingChanges([{ kind: 'alter_column', table: 'prices', column: 'amount',
 *   changes: { type: { kind: 'numeric', precision: 10, scale: 2 } },
 *   existing: { name: 'amount', type: { kind: 'numeric', precision: 10, scale: 3 } } }], dialectNamed('mysql').diffHooks)
 * // [{ column: 'prices.amount', digits: '3 decimal places to 2' }]
 */
export function roundingChanges(ops: readonly Operation[], hooks: DiffHooks): RoundingChange[] {
  return ops.flatMap((op): RoundingChange[] => {
    if (op.kind === 'batch_alter_table') return roundingChanges(op.ops, hooks)
    if (op.kind !== 'alter_column' || op.changes.type === undefined || op.existing === undefined) return []
    const digits = hooks.roundedDigits(op.existing.type, op.changes.type)
    const table = op.schema === undefined ? op.table : `${op.schema}.${op.table}`
    return digits === undefined ? [] : [{ column: `${table}.${op.column}`, digits }]
  })
}

/**
 * The warning `migrate` prints for one.
 *
 * @example
 * describeRoundingChange({ column: 'prices.amount', digits: '3 decimal places to 2' })
 * // 'column prices.amount narrowed from 3 decimal places to 2: upgrade rounds (or cuts) the values it holds to fit, without an error'
 */
export function describeRoundingChange(change: RoundingChange): string {
  return `column ${change.column} narrowed from ${change.digits}: upgrade rounds (or cuts) the values it holds to fit, without an error`
}
