import type { Partition } from '../schema/partitioning.js'

/**
 * `op.createPartition(...)` as data: `CREATE TABLE … PARTITION OF … FOR VALUES …`.
 *
 * @example
 * const create: CreatePartitionOp = { kind: 'create_partition', partition: { name: 'sales_2024', parent: 'sales', bounds: 'DEFAULT' } }
 */
export interface CreatePartitionOp {
  readonly kind: 'create_partition'
  readonly partition: Partition
}

/**
 * `op.dropPartition(...)` as data: `DROP TABLE`, its rows with it; `existing` is what the reverse recreates.
 *
 * @example
 * const existing: Partition = { name: 'sales_2024', parent: 'sales', bounds: 'DEFAULT' }
 * const drop: DropPartitionOp = { kind: 'drop_partition', name: 'sales_2024', existing }
 */
export interface DropPartitionOp {
  readonly kind: 'drop_partition'
  readonly name: string
  readonly schema?: string
  readonly existing?: Partition
}

/**
 * `op.changePartitionBounds(...)` as data: the partition detached and
 * attached again with new bounds, its rows kept (and checked against them).
 *
 * @example
 * const change: ChangePartitionBoundsOp = {
 *   kind: 'change_partition_bounds',
 *   partition: { name: 'sales_2024', parent: 'sales', bounds: "FOR VALUES FROM ('2024-01-01') TO ('2026-01-01')" },
 *   previous: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
 * }
 */
export interface ChangePartitionBoundsOp {
  readonly kind: 'change_partition_bounds'
  readonly partition: Partition
  /** The bounds it had, for the reverse. */
  readonly previous?: string
  /**
   * Only one half of the change: `detach`, or `attach` with the new bounds.
   * When two partitions trade a range, every detach runs before any attach,
   * or the first attach overlaps the other's old range.
   */
  readonly step?: PartitionStep
}

/** One half of a change of bounds. */
export type PartitionStep = 'detach' | 'attach'

/**
 * Every operation on PostgreSQL's partitions.
 *
 * @example
 * const ops: PgPartitionOperation[] = [{ kind: 'drop_partition', name: 'sales_2024' }]
 */
export type PgPartitionOperation = CreatePartitionOp | DropPartitionOp | ChangePartitionBoundsOp
