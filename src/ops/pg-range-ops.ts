import type { RangeType } from '../schema/pg-range.js'

/**
 * `op.createRangeType(...)` as data: `CREATE TYPE name AS RANGE (subtype = …, …)`.
 *
 * @example
 * const create: CreateRangeTypeOp = { kind: 'create_range_type', type: { name: 'floatrange', subtype: 'float8' } }
 */
export interface CreateRangeTypeOp {
  readonly kind: 'create_range_type'
  readonly type: RangeType
}

/**
 * `op.dropRangeType(...)` as data; `existing` is what the reverse recreates.
 * Its multirange type goes with it.
 *
 * @example
 * const drop: DropRangeTypeOp = { kind: 'drop_range_type', name: 'floatrange' }
 */
export interface DropRangeTypeOp {
  readonly kind: 'drop_range_type'
  readonly name: string
  readonly schema?: string
  readonly existing?: RangeType
}

/**
 * Every operation on PostgreSQL's range types. There is no alter: no
 * `ALTER TYPE` changes a range's definition, so a changed one is dropped
 * and created again.
 *
 * @example
 * const ops: PgRangeOperation[] = [{ kind: 'drop_range_type', name: 'floatrange' }]
 */
export type PgRangeOperation = CreateRangeTypeOp | DropRangeTypeOp
