import type { CompositeChanges, CompositeType } from '../schema/pg-composite.js'

/**
 * `op.createCompositeType(...)` as data: `CREATE TYPE name AS (attribute type, …)`.
 *
 * @example
 * const type = { name: 'address', attributes: [{ name: 'city', type: 'text' }] }
 * const create: CreateCompositeTypeOp = { kind: 'create_composite_type', type }
 */
export interface CreateCompositeTypeOp {
  readonly kind: 'create_composite_type'
  readonly type: CompositeType
}

/**
 * `op.dropCompositeType(...)` as data; `existing` is what the reverse recreates.
 *
 * @example
 * const drop: DropCompositeTypeOp = { kind: 'drop_composite_type', name: 'address' }
 */
export interface DropCompositeTypeOp {
  readonly kind: 'drop_composite_type'
  readonly name: string
  readonly schema?: string
  readonly existing?: CompositeType
}

/**
 * `op.alterCompositeType(...)` as data: attributes renamed, dropped and
 * added; `existing`, the type as it was, is what the reverse restores.
 *
 * @example
 * const changes = { addAttributes: [{ name: 'zip', type: 'text' }] }
 * const alter: AlterCompositeTypeOp = { kind: 'alter_composite_type', name: 'address', changes }
 */
export interface AlterCompositeTypeOp {
  readonly kind: 'alter_composite_type'
  readonly name: string
  readonly schema?: string
  readonly changes: CompositeChanges
  readonly existing?: CompositeType
}

/**
 * Every operation on PostgreSQL's composite types.
 *
 * @example
 * const ops: PgCompositeOperation[] = [{ kind: 'drop_composite_type', name: 'address' }]
 */
export type PgCompositeOperation = CreateCompositeTypeOp | DropCompositeTypeOp | AlterCompositeTypeOp
