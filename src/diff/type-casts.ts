import type { AlterColumnOp, Operation } from '../ops/operation.js'
import type { ColumnType } from '../schema/types.js'

/** The USING a change of `column` from `from` to `to` needs, or undefined where the database casts by itself. */
export type CastUsing = (column: string, from: ColumnType | undefined, to: ColumnType) => string | undefined

/** The casts of the way up (to the models' types) and of the way back (to the database's). */
export interface TypeCasts {
  readonly up: CastUsing
  readonly back: CastUsing
}

/**
 * `ops` with a `USING` on each type change the database makes only when
 * told how (PostgreSQL: text to integer, anything to an enum type), both
 * ways: without it the upgrade, or the downgrade, stops at "cannot be cast
 * automatically". The way back is the alter's `reverseUsing`: only here
 * are the types of both sides known. A USING the alter already has stays.
 *
 * @example
 * const existing = { name: 'score', type: { kind: 'text' } } as const
 * const alter = { kind: 'alter_column', table: 't', column: 'score', changes: { type: { kind: 'integer' } }, existing } as const
 * withTypeCasts([alter], { up: () => 'score::INTEGER', back: () => undefined })
 * // [{ …, changes: { type: { kind: 'integer' }, using: 'score::INTEGER' } }]
 */
export function withTypeCasts(ops: readonly Operation[], casts: TypeCasts): Operation[] {
  return ops.map((op) => {
    if (op.kind !== 'alter_column' || op.changes.type === undefined) return op
    const was = op.existing?.type
    // A rename is the alter's last statement, and its reverse's: each cast names the column as it is then.
    const using = op.changes.using ?? casts.up(op.column, was, op.changes.type)
    const reverseUsing =
      op.reverseUsing ?? (was === undefined ? undefined : casts.back(op.changes.newName ?? op.column, op.changes.type, was))
    if (using === op.changes.using && reverseUsing === op.reverseUsing) return op
    const cast: AlterColumnOp = {
      ...op,
      changes: using === undefined ? op.changes : { ...op.changes, using },
      ...(reverseUsing === undefined ? {} : { reverseUsing }),
    }
    return cast
  })
}
