import type { ExclusionConstraint } from '../schema/exclusion.js'

/**
 * `op.createExclusion(...)` as data: `ALTER TABLE … ADD CONSTRAINT name EXCLUDE …`.
 *
 * @example
 * const exclusion = { name: 'no_overlap', definition: 'EXCLUDE USING gist (during WITH &&)' }
 * const create: CreateExclusionOp = { kind: 'create_exclusion', table: 'bookings', exclusion }
 */
export interface CreateExclusionOp {
  readonly kind: 'create_exclusion'
  readonly table: string
  readonly schema?: string
  readonly exclusion: ExclusionConstraint
}

/**
 * `op.dropExclusion(...)` as data: `ALTER TABLE … DROP CONSTRAINT name`; `existing` is what the reverse adds again.
 *
 * @example
 * const drop: DropExclusionOp = { kind: 'drop_exclusion', table: 'bookings', name: 'no_overlap' }
 */
export interface DropExclusionOp {
  readonly kind: 'drop_exclusion'
  readonly table: string
  readonly schema?: string
  readonly name: string
  readonly existing?: ExclusionConstraint
}

/**
 * Every operation on PostgreSQL's exclusion constraints.
 *
 * @example
 * const ops: PgExclusionOperation[] = [{ kind: 'drop_exclusion', table: 'bookings', name: 'no_overlap' }]
 */
export type PgExclusionOperation = CreateExclusionOp | DropExclusionOp
