import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { AlterColumnOp, Operation } from '../ops/operation.js'

/**
 * `ops` with a `USING` on each type change the database makes only with an
 * explicit cast (PostgreSQL: text to integer, boolean or a date; an integer
 * to boolean), both ways: without it the upgrade stops at "cannot be cast
 * automatically". A change that already has one (an enum's) keeps it.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const existing = { name: 'score', type: { kind: 'text' } } as const
 * const alter = { kind: 'alter_column', table: 't', column: 'score', changes: { type: { kind: 'integer' } }, existing } as const
 * withExplicitCasts([alter], diffHooksFor('postgresql'))
 * // [{ …, changes: { type: { kind: 'integer' }, using: 'score::INTEGER' } }]
 */
export function withExplicitCasts(ops: readonly Operation[], hooks: DiffHooks): Operation[] {
  return ops.map((op) => {
    if (op.kind !== 'alter_column' || op.changes.type === undefined || op.existing === undefined) return op
    // A rename is the alter's last statement, and its reverse's: each cast names the column as it is then.
    const using = op.changes.using ?? hooks.castUsing(op.column, op.existing.type, op.changes.type)
    const reverseUsing = op.reverseUsing ?? hooks.castUsing(op.changes.newName ?? op.column, op.changes.type, op.existing.type)
    if (using === op.changes.using && reverseUsing === op.reverseUsing) return op
    const cast: AlterColumnOp = {
      ...op,
      changes: using === undefined ? op.changes : { ...op.changes, using },
      ...(reverseUsing === undefined ? {} : { reverseUsing }),
    }
    return cast
  })
}
