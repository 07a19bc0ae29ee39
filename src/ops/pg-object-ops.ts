import type { PgDomainOperation } from './pg-domain-ops.js'
import type { PgCompositeOperation } from './pg-composite-ops.js'
import type { PgRangeOperation } from './pg-range-ops.js'
import type { PgPartitionOperation } from './pg-partition-ops.js'
import type { PgSecurityOperation } from './pg-security-ops.js'
import type { PgExclusionOperation } from './pg-exclusion-ops.js'
import type { SetReplicaIdentityOp } from './pg-replica-identity-ops.js'
import type { SetTableSchemaOp } from './pg-table-schema-op.js'
import type { EnumType, Extension, Sequence, SequenceChanges } from '../schema/pg-objects.js'

/**
 * Operations on PostgreSQL's objects beside tables. SQLite and MySQL refuse
 * them, naming the operation.
 */

/**
 * `op.createEnum(...)` as data: `CREATE TYPE … AS ENUM (…)`.
 *
 * @example
 * const create: CreateEnumOp = { kind: 'create_enum', type: { name: 'mood', values: ['sad', 'happy'] } }
 */
export interface CreateEnumOp {
  readonly kind: 'create_enum'
  readonly type: EnumType
}

/**
 * `op.dropEnum(...)` as data; `existing` is what the reverse recreates.
 *
 * @example
 * const drop: DropEnumOp = { kind: 'drop_enum', name: 'mood', existing: { name: 'mood', values: ['sad', 'happy'] } }
 */
export interface DropEnumOp {
  readonly kind: 'drop_enum'
  readonly name: string
  readonly schema?: string
  readonly existing?: EnumType
}

/**
 * `op.addEnumValue(...)` as data: `ALTER TYPE … ADD VALUE IF NOT EXISTS`, at
 * the end or before or after an existing label. PostgreSQL cannot remove a
 * label, so the reverse leaves it, saying so, and an upgrade run again
 * after that downgrade finds it there.
 *
 * @example
 * const add: AddEnumValueOp = { kind: 'add_enum_value', name: 'mood', value: 'ok', before: 'happy' }
 */
export interface AddEnumValueOp {
  readonly kind: 'add_enum_value'
  readonly name: string
  readonly schema?: string
  readonly value: string
  readonly before?: string
  readonly after?: string
}

/**
 * `op.createExtension(...)` as data: `CREATE EXTENSION IF NOT EXISTS`.
 *
 * @example
 * const create: CreateExtensionOp = { kind: 'create_extension', extension: { name: 'citext' } }
 */
export interface CreateExtensionOp {
  readonly kind: 'create_extension'
  readonly extension: Extension
}

/**
 * `op.dropExtension(...)` as data: `DROP EXTENSION IF EXISTS`.
 *
 * @example
 * const drop: DropExtensionOp = { kind: 'drop_extension', name: 'citext' }
 */
export interface DropExtensionOp {
  readonly kind: 'drop_extension'
  readonly name: string
  readonly existing?: Extension
}

/**
 * `op.alterExtension(...)` as data: `ALTER EXTENSION … SET SCHEMA`, which
 * moves the extension's objects to `schema`; `existingSchema` is where they
 * were, for the reverse.
 *
 * @example
 * const move: AlterExtensionOp = { kind: 'alter_extension', name: 'citext', schema: 'extensions', existingSchema: 'public' }
 */
export interface AlterExtensionOp {
  readonly kind: 'alter_extension'
  readonly name: string
  readonly schema: string
  readonly existingSchema?: string
}

/**
 * `op.createSequence(...)` as data.
 *
 * @example
 * const create: CreateSequenceOp = { kind: 'create_sequence', sequence: { name: 'order_no', start: 1000 } }
 */
export interface CreateSequenceOp {
  readonly kind: 'create_sequence'
  readonly sequence: Sequence
}

/**
 * `op.alterSequence(...)` as data: the options that change, and, for the
 * reverse, the sequence as it was.
 *
 * @example
 * const alter: AlterSequenceOp = { kind: 'alter_sequence', name: 'order_no', changes: { increment: 5 } }
 */
export interface AlterSequenceOp {
  readonly kind: 'alter_sequence'
  readonly name: string
  readonly schema?: string
  readonly changes: SequenceChanges
  readonly existing?: Sequence
}

/**
 * `op.renameSequence(...)` as data: `ALTER SEQUENCE … RENAME TO`, the
 * sequence's options and current value kept.
 *
 * @example
 * const rename: RenameSequenceOp = { kind: 'rename_sequence', name: 'order_no', newName: 'order_number' }
 */
export interface RenameSequenceOp {
  readonly kind: 'rename_sequence'
  readonly name: string
  readonly schema?: string
  readonly newName: string
}

/**
 * `op.dropSequence(...)` as data.
 *
 * @example
 * const drop: DropSequenceOp = { kind: 'drop_sequence', name: 'order_no', existing: { name: 'order_no' } }
 */
export interface DropSequenceOp {
  readonly kind: 'drop_sequence'
  readonly name: string
  readonly schema?: string
  readonly existing?: Sequence
}

/**
 * A column that holds values drawn from a sequence, for
 * {@link AdvanceSequenceOp}.
 *
 * @example
 * const drawn: SequenceColumn = { table: 'orders', column: 'no' }
 */
export interface SequenceColumn {
  readonly table: string
  readonly schema?: string
  readonly column: string
}

/**
 * `op.advanceSequence(...)` as data: moves the sequence past the values
 * the columns hold (their largest, or smallest for a sequence counting
 * down), never back. Its own reverse: undone, it advances again, which is
 * what a sequence made anew by a downgrade needs.
 *
 * @example
 * const advance: AdvanceSequenceOp = { kind: 'advance_sequence', name: 'order_no', columns: [{ table: 'orders', column: 'no' }] }
 */
export interface AdvanceSequenceOp {
  readonly kind: 'advance_sequence'
  readonly name: string
  readonly schema?: string
  readonly columns: readonly SequenceColumn[]
}

/**
 * `op.createSchema(...)` as data: `CREATE SCHEMA [IF NOT EXISTS]`. Autogenerate
 * writes one, before anything else, for each schema the models name that
 * the database lacks.
 *
 * @example
 * const create: CreateSchemaOp = { kind: 'create_schema', name: 'audit' }
 */
export interface CreateSchemaOp {
  readonly kind: 'create_schema'
  readonly name: string
  readonly ifNotExists?: boolean
}

/**
 * `op.dropSchema(...)` as data: a plain `DROP SCHEMA [IF EXISTS]`, never
 * CASCADE, so PostgreSQL refuses it while anything still lives there.
 *
 * @example
 * const drop: DropSchemaOp = { kind: 'drop_schema', name: 'audit' }
 */
export interface DropSchemaOp {
  readonly kind: 'drop_schema'
  readonly name: string
  readonly ifExists?: boolean
}

/**
 * Every operation on PostgreSQL's objects beside tables (domains: `./pg-domain-ops.ts`;
 * composite types: `./pg-composite-ops.ts`; range types: `./pg-range-ops.ts`; partitions: `./pg-partition-ops.ts`;
 * row security: `./pg-security-ops.ts`).
 *
 * @example
 * const ops: PgObjectOperation[] = [{ kind: 'create_extension', extension: { name: 'citext' } }]
 */
export type PgObjectOperation =
  | CreateSchemaOp
  | DropSchemaOp
  | CreateEnumOp
  | DropEnumOp
  | AddEnumValueOp
  | CreateExtensionOp
  | DropExtensionOp
  | AlterExtensionOp
  | CreateSequenceOp
  | AlterSequenceOp
  | RenameSequenceOp
  | DropSequenceOp
  | AdvanceSequenceOp
  | PgDomainOperation
  | PgCompositeOperation
  | PgRangeOperation
  | PgPartitionOperation
  | PgSecurityOperation
  | PgExclusionOperation
  | SetReplicaIdentityOp
  | SetTableSchemaOp
