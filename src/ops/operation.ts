import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  ForeignKeyConstraint,
  Index,
  Numbering,
  SequenceNumber,
  SpatialReference,
  Table,
  UniqueConstraint,
} from '../schema/types.js'
import type { ViewOperation } from './view-operation.js'
import type { PgObjectOperation } from './pg-object-ops.js'
import type { StoredCodeOperation } from './stored-code-ops.js'
import type { RenameOperation } from './rename-ops.js'

/**
 * Operations are plain data with a literal `kind`. A script's `op.addColumn(...)`
 * builds one; an executor compiles it for its dialect and runs or prints it;
 * autogenerate produces them and renders them back as TypeScript. Every kind
 * must have a compiler entry per dialect and a reverse, enforced by the
 * `Record<OperationKind, …>` dispatch tables.
 */

/**
 * Where a table lives: its name and, on PostgreSQL, its schema.
 *
 * @example
 * const ref: TableRef = { table: 'events', schema: 'audit' }
 */
export interface TableRef {
  readonly table: string
  readonly schema?: string
}

/**
 * MySQL's and MariaDB's online DDL clauses, `ALGORITHM=…` and `LOCK=…`: the
 * server refuses the change rather than fall back to a slower algorithm or a
 * stronger lock than asked (https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html).
 * Other dialects ignore them.
 *
 * @example
 * const online: OnlineDdl = { algorithm: 'INSTANT' }
 * await op.addColumn('users', { name: 'bio', type: 'text' }, online)
 */
export interface OnlineDdl {
  readonly algorithm?: 'DEFAULT' | 'INPLACE' | 'INSTANT' | 'COPY'
  readonly lock?: 'DEFAULT' | 'NONE' | 'SHARED' | 'EXCLUSIVE'
}

/**
 * `op.createTable(...)` as data: the whole table, constraints included.
 *
 * @example
 * const create: CreateTableOp = {
 *   kind: 'create_table',
 *   table: { name: 'tags', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] },
 * }
 * await op.run(create)
 */
export interface CreateTableOp {
  readonly kind: 'create_table'
  readonly table: Table
}

/**
 * `op.dropTable(...)` as data; autogenerate fills `existing` so the
 * downgrade can recreate the table.
 *
 * @example
 * const drop: DropTableOp = { kind: 'drop_table', table: 'sessions' }
 */
export interface DropTableOp extends TableRef {
  readonly kind: 'drop_table'
  /** The table as it was, when known: what the reverse recreates. */
  readonly existing?: Table
}

/**
 * `op.renameTable(...)` as data.
 *
 * @example
 * const rename: RenameTableOp = { kind: 'rename_table', table: 'user', newName: 'users' }
 */
export interface RenameTableOp extends TableRef {
  readonly kind: 'rename_table'
  readonly newName: string
}

/**
 * `op.setTableComment(...)` as data: the table's comment (`null`: none),
 * and, for the reverse, the one it had.
 *
 * @example
 * const comment: SetTableCommentOp = { kind: 'set_table_comment', table: 'users', comment: 'who signs in', existing: null }
 */
export interface SetTableCommentOp extends TableRef {
  readonly kind: 'set_table_comment'
  readonly comment: string | null
  readonly existing?: string | null
}

/**
 * `op.addColumn(...)` as data, with the column in its full form.
 *
 * @example
 * const add: AddColumnOp = { kind: 'add_column', table: 'users', column: { name: 'email', type: { kind: 'string', length: 120 } } }
 */
export interface AddColumnOp extends TableRef, OnlineDdl, ColumnPlace {
  readonly kind: 'add_column'
  readonly column: Column
}

/**
 * Where MySQL and MariaDB put an added column: `FIRST`, or `AFTER` a column
 * the table has; last when neither is given. Other databases always add it
 * last and ignore them.
 *
 * @example
 * await op.addColumn('users', { name: 'middle_name', type: t.string(80) }, { after: 'first_name' })
 */
export interface ColumnPlace {
  readonly after?: string
  readonly first?: true
}

/**
 * `op.dropColumn(...)` as data; `existing` is what the reverse adds back.
 *
 * @example
 * const drop: DropColumnOp = { kind: 'drop_column', table: 'users', column: 'legacy_token' }
 */
export interface DropColumnOp extends TableRef, OnlineDdl {
  readonly kind: 'drop_column'
  readonly column: string
  readonly existing?: Column
  /** Where the reverse puts the column back (MySQL and MariaDB); last when not given. */
  readonly existingPlace?: ColumnPlace
}

/**
 * The parts of a column an alter can change; an absent key stays as it is.
 *
 * @example
 * const changes: ColumnChanges = { type: { kind: 'integer' }, using: 'age::integer', serverDefault: null }
 */
export interface ColumnChanges {
  readonly type?: ColumnType
  readonly nullable?: boolean
  /** `null` drops the default. */
  readonly serverDefault?: DefaultValue | null
  readonly newName?: string
  readonly comment?: string | null
  /** `null` returns the column to its table's collation. */
  readonly collation?: string | null
  /**
   * PostgreSQL's `USING` expression for a type change that has no implicit
   * cast (`text` to `integer`); ignored by the other dialects.
   */
  readonly using?: string
  /**
   * PostgreSQL: an identity column's options that change (SET GENERATED,
   * SET START WITH, SET INCREMENT BY), each given in full: `always: false`
   * is BY DEFAULT. Ignored by the other dialects.
   */
  readonly identity?: IdentityChanges
  /**
   * PostgreSQL: how the column is numbered, when that changes kind: an
   * identity, a SERIAL sequence, or `null` for none. The old numbering is
   * dropped and the new one made, counting on from the values the column
   * holds. MySQL: `{ kind: 'identity' }` adds AUTO_INCREMENT and `null`
   * drops it. Ignored by SQLite.
   */
  readonly numbering?: Numbering | null
  /** MySQL/MariaDB: the column made INVISIBLE (`true`) or visible again. Refused by the other dialects. */
  readonly invisible?: boolean
  /** MySQL/MariaDB: a spatial column's new spatial reference system, `null` for none (SRID 0). Refused by the other dialects. */
  readonly srid?: SpatialReference | null
}

/**
 * What `identity` in an alter changes; absent options stay as they are.
 *
 * @example
 * const changes: IdentityChanges = { always: true, increment: 10 }
 */
export interface IdentityChanges {
  readonly always?: boolean
  readonly start?: SequenceNumber
  readonly increment?: number
  /** `null`: the default bound for the sequence's direction (NO MINVALUE, NO MAXVALUE). */
  readonly minValue?: SequenceNumber | null
  readonly maxValue?: SequenceNumber | null
  readonly cache?: number
  readonly cycle?: boolean
  /** `RESTART`: the next value is the start again, as an identity turning to count the other way needs. */
  readonly restart?: boolean
}

/**
 * `op.alterColumn(...)` as data.
 *
 * @example
 * const alter: AlterColumnOp = { kind: 'alter_column', table: 'users', column: 'email', changes: { nullable: false } }
 */
export interface AlterColumnOp extends TableRef, OnlineDdl {
  readonly kind: 'alter_column'
  readonly column: string
  readonly changes: ColumnChanges
  /** The column before the change: MySQL's MODIFY needs it, and the reverse. */
  readonly existing?: Column
  /**
   * Make `nullable: false` without a scan under an exclusive lock (PostgreSQL:
   * a NOT VALID check, validated, then SET NOT NULL, which trusts it). Other
   * dialects write their usual statement.
   */
  readonly safe?: boolean
  /**
   * PostgreSQL's `USING` for the way back, which the reverse alter takes as
   * its `using`: only autogenerate, which knows the types on both sides,
   * can tell that the old type needs one (an enum type). Scripts never carry it.
   */
  readonly reverseUsing?: string
}

/**
 * `op.createIndex(...)` as data.
 *
 * @example
 * const create: CreateIndexOp = {
 *   kind: 'create_index',
 *   table: 'users',
 *   index: { name: 'ix_users_email', columns: ['email'], unique: true },
 * }
 */
export interface CreateIndexOp extends TableRef, OnlineDdl {
  readonly kind: 'create_index'
  readonly index: Index
  /**
   * Build it without blocking writes (PostgreSQL's CREATE INDEX CONCURRENTLY,
   * which cannot run in a transaction: the script exports `transactional = false`).
   * Dialects that build indexes online anyway, or have no concurrent
   * sessions to block, ignore it.
   */
  readonly concurrently?: boolean
  /**
   * `CREATE INDEX IF NOT EXISTS`: a script run again after it stopped
   * halfway outside a transaction skips the index it already built
   * (PostgreSQL, SQLite, MariaDB; MySQL 8 has no such clause and refuses it).
   */
  readonly ifNotExists?: boolean
}

/**
 * `op.alterIndex(...)` as data: an index made invisible to the optimizer
 * or visible again (MySQL 8's `ALTER INDEX i INVISIBLE`, MariaDB 10.6's
 * `ALTER INDEX i IGNORED`), its entries kept, nothing rebuilt. The other
 * databases have no such indexes and refuse it.
 *
 * @example
 * const hide: AlterIndexOp = { kind: 'alter_index', table: 'users', name: 'ix_users_legacy', invisible: true }
 */
export interface AlterIndexOp extends TableRef {
  readonly kind: 'alter_index'
  readonly name: string
  readonly invisible: boolean
}

/**
 * `op.dropIndex(...)` as data; `table` may be '' where indexes do not
 * belong to a table (all but MySQL).
 *
 * @example
 * const drop: DropIndexOp = { kind: 'drop_index', table: 'users', name: 'ix_users_email' }
 */
export interface DropIndexOp extends TableRef, OnlineDdl {
  readonly kind: 'drop_index'
  readonly name: string
  readonly existing?: Index
  /** Drop it without blocking the table (PostgreSQL's DROP INDEX CONCURRENTLY); see {@link CreateIndexOp.concurrently}. */
  readonly concurrently?: boolean
  /** `DROP INDEX IF EXISTS`; see {@link CreateIndexOp.ifNotExists} (the same dialects have it). */
  readonly ifExists?: boolean
}

/**
 * `op.createUniqueConstraint(...)` as data.
 *
 * @example
 * const create: CreateUniqueConstraintOp = {
 *   kind: 'create_unique_constraint',
 *   table: 'users',
 *   constraint: { name: 'uq_users_email', columns: ['email'] },
 * }
 */
export interface CreateUniqueConstraintOp extends TableRef {
  readonly kind: 'create_unique_constraint'
  readonly constraint: UniqueConstraint
}

/**
 * `op.createForeignKey(...)` as data.
 *
 * @example
 * const create: CreateForeignKeyOp = {
 *   kind: 'create_foreign_key',
 *   table: 'posts',
 *   constraint: { name: 'fk_posts_user_id_users', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] },
 * }
 */
export interface CreateForeignKeyOp extends TableRef {
  readonly kind: 'create_foreign_key'
  readonly constraint: ForeignKeyConstraint
  /**
   * Add it without checking the rows already there (PostgreSQL's NOT VALID):
   * new writes are checked at once, and `ALTER TABLE … VALIDATE CONSTRAINT`
   * in a later migration checks the old rows without blocking writes.
   * Other dialects check the rows as they always do.
   */
  readonly notValid?: boolean
  /**
   * PostgreSQL: drop a constraint of that name in the same ALTER TABLE first
   * (`DROP CONSTRAINT IF EXISTS n, ADD CONSTRAINT n …`), as ADD CONSTRAINT has
   * no IF NOT EXISTS: a script outside a transaction that stopped after it
   * can run again. Other dialects ignore it.
   */
  readonly orReplace?: boolean
  /**
   * PostgreSQL: add it only when the table has no foreign key of that name
   * to the referred table (a `DO` block that reads pg_constraint), so a
   * script outside a transaction that stopped after it can run again,
   * without the stronger lock of orReplace's DROP. Other dialects ignore it.
   */
  readonly ifNotExists?: boolean
}

/**
 * `op.createCheckConstraint(...)` as data.
 *
 * @example
 * const create: CreateCheckConstraintOp = {
 *   kind: 'create_check_constraint',
 *   table: 'products',
 *   constraint: { name: 'ck_price', expression: 'price > 0' },
 * }
 */
export interface CreateCheckConstraintOp extends TableRef {
  readonly kind: 'create_check_constraint'
  readonly constraint: CheckConstraint
  /** See {@link CreateForeignKeyOp.notValid}. */
  readonly notValid?: boolean
  /** See {@link CreateForeignKeyOp.orReplace}. */
  readonly orReplace?: boolean
}

/**
 * Which kind of constraint `op.dropConstraint` drops: MySQL needs it, as it
 * drops each kind with its own statement (Alembic's `type_`).
 *
 * @example
 * const type: ConstraintType = 'foreignkey'
 * await op.dropConstraint('fk_posts_user_id_users', 'posts', { type })
 */
export type ConstraintType = 'unique' | 'foreignkey' | 'check' | 'primary'

/**
 * `op.dropConstraint(...)` as data.
 *
 * @example
 * const drop: DropConstraintOp = { kind: 'drop_constraint', table: 'users', name: 'uq_users_email', type: 'unique' }
 */
export interface DropConstraintOp extends TableRef {
  readonly kind: 'drop_constraint'
  readonly name: string
  /** Needed by MySQL, which drops each kind with its own statement. */
  readonly type?: ConstraintType
  readonly existing?: UniqueConstraint | ForeignKeyConstraint | CheckConstraint
  /**
   * Addresses an unnamed constraint by its key columns instead of `name`
   * (SQLite keeps foreign keys unnamed); with it `name` may be ''.
   */
  readonly columns?: readonly string[]
  /** Addresses an unnamed check by its expression (SQLite keeps checks unnamed); with it `name` may be ''. */
  readonly expression?: string
  /**
   * `DROP CONSTRAINT IF EXISTS` (PostgreSQL; MySQL/MariaDB for a check):
   * nothing when there is none, as for MariaDB's check written in a
   * column's definition, which a change of the column drops instead.
   */
  readonly ifExists?: boolean
}

/**
 * `op.validateConstraint(...)` as data: checks the rows a constraint added
 * with `notValid` skipped. On PostgreSQL, VALIDATE CONSTRAINT takes a lock
 * that lets writes go on; elsewhere constraints are checked when they are
 * added, so there is nothing left to check and it compiles to no statement.
 *
 * @example
 * const validate: ValidateConstraintOp = { kind: 'validate_constraint', table: 'orders', name: 'fk_orders_user' }
 */
export interface ValidateConstraintOp extends TableRef {
  readonly kind: 'validate_constraint'
  readonly name: string
}

/**
 * `op.execute(sql, params?)` as data: raw SQL, run or written in order with
 * the rest. `params` fill SQLAlchemy-style `:name` placeholders: bound
 * online, written as literals offline.
 *
 * @example
 * const execute: ExecuteOp = { kind: 'execute', sql: 'CREATE EXTENSION IF NOT EXISTS pgcrypto' }
 * const update: ExecuteOp = { kind: 'execute', sql: 'UPDATE plans SET price = :price WHERE id = :id', params: { price: 10, id: 1 } }
 */
export interface ExecuteOp {
  readonly kind: 'execute'
  readonly sql: string
  readonly params?: Readonly<Record<string, RowValue>>
}

/**
 * A value `op.bulkInsert` can write and `op.query` can bind.
 *
 * @example
 * const row: Record<string, RowValue> = { id: 1n, name: 'ada', active: true, joined: new Date('2024-01-01'), avatar: null }
 */
export type RowValue = string | number | bigint | boolean | null | Date | Uint8Array

/**
 * `op.bulkInsert(...)` as data.
 *
 * @example
 * const insert: BulkInsertOp = { kind: 'bulk_insert', table: 'plans', rows: [{ id: 1, name: 'free' }] }
 */
export interface BulkInsertOp extends TableRef {
  readonly kind: 'bulk_insert'
  readonly rows: readonly Readonly<Record<string, RowValue>>[]
}

/**
 * The changes a batch may group: those that touch one existing table.
 *
 * @example
 * const change: BatchOperation = { kind: 'drop_column', table: 'users', column: 'legacy_token' }
 */
export type BatchOperation =
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | DropConstraintOp

/**
 * The kinds of {@link BatchOperation}, for code that must tell at run time
 * whether an operation may stand in a batch; a record, so that the list
 * does not compile while it and the union part ways.
 */
const BATCH_KINDS: Readonly<Record<BatchOperation['kind'], true>> = {
  add_column: true,
  drop_column: true,
  alter_column: true,
  create_index: true,
  drop_index: true,
  create_unique_constraint: true,
  create_foreign_key: true,
  create_check_constraint: true,
  drop_constraint: true,
}

/**
 * Whether an operation may stand in a batch.
 *
 * @example
 * isBatchOperation({ kind: 'drop_column', table: 'users', column: 'legacy' }) // true
 */
export function isBatchOperation(op: Operation): op is BatchOperation {
  return Object.hasOwn(BATCH_KINDS, op.kind)
}

/**
 * Alembic's `batch_alter_table`: several changes to one table. On SQLite
 * they become one table rebuild when any of them needs it (`auto`), always
 * (`always`) or never (`never`: each runs as ALTER TABLE or fails); other
 * dialects run them one by one.
 *
 * @example
 * const batch: BatchAlterTableOp = {
 *   kind: 'batch_alter_table',
 *   table: 'users',
 *   recreate: 'auto',
 *   ops: [{ kind: 'alter_column', table: 'users', column: 'email', changes: { nullable: false } }],
 * }
 */
export interface BatchAlterTableOp extends TableRef {
  readonly kind: 'batch_alter_table'
  readonly ops: readonly BatchOperation[]
  readonly recreate: 'auto' | 'always' | 'never'
}

/**
 * Every operation, a closed union on `kind`: what scripts, autogenerate and
 * the compilers exchange.
 *
 * @example
 * const ops: Operation[] = [{ kind: 'rename_table', table: 'user', newName: 'users' }, { kind: 'execute', sql: 'ANALYZE users' }]
 * for (const change of ops) await op.run(change)
 */
export type Operation =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | SetTableCommentOp
  | BatchOperation
  | ValidateConstraintOp
  | AlterIndexOp
  | ExecuteOp
  | BulkInsertOp
  | BatchAlterTableOp
  | ViewOperation
  | PgObjectOperation
  | StoredCodeOperation
  | RenameOperation

/**
 * The `kind` of every operation, for tables keyed by kind.
 *
 * @example
 * const seen: Partial<Record<OperationKind, number>> = { add_column: 2, execute: 1 }
 */
export type OperationKind = Operation['kind']

/**
 * The operation of a given kind, for dispatch tables.
 *
 * @example
 * const describeAdd = (change: OperationOf<'add_column'>) => `add ${change.table}.${change.column.name}`
 */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>

export type * from './view-operation.js'
export type * from './stored-code-ops.js'
export type * from './rename-ops.js'
