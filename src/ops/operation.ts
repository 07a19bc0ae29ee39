import type {
  CheckConstraint,
  Column,
  ColumnType,
  DefaultValue,
  ForeignKeyConstraint,
  Index,
  Table,
  UniqueConstraint,
} from '../schema/types.js'

/**
 * Operations are plain data with a literal `kind`. A script's `op.addColumn(...)`
 * builds one; an executor compiles it for its dialect and runs or prints it;
 * autogenerate produces them and renders them back as TypeScript. Every kind
 * must have a compiler entry per dialect and a reverse, enforced by the
 * `Record<OperationKind, …>` dispatch tables.
 */

/** Where a table lives: its name and, on PostgreSQL, its schema. */
export interface TableRef {
  readonly table: string
  readonly schema?: string
}

export interface CreateTableOp {
  readonly kind: 'create_table'
  readonly table: Table
}

export interface DropTableOp extends TableRef {
  readonly kind: 'drop_table'
  /** The table as it was, when known: what the reverse recreates. */
  readonly existing?: Table
}

export interface RenameTableOp extends TableRef {
  readonly kind: 'rename_table'
  readonly newName: string
}

export interface AddColumnOp extends TableRef {
  readonly kind: 'add_column'
  readonly column: Column
}

export interface DropColumnOp extends TableRef {
  readonly kind: 'drop_column'
  readonly column: string
  readonly existing?: Column
}

/** The parts of a column an alter can change; an absent key stays as it is. */
export interface ColumnChanges {
  readonly type?: ColumnType
  readonly nullable?: boolean
  /** `null` drops the default. */
  readonly serverDefault?: DefaultValue | null
  readonly newName?: string
  readonly comment?: string | null
  /**
   * PostgreSQL's `USING` expression for a type change that has no implicit
   * cast (`text` to `integer`); ignored by the other dialects.
   */
  readonly using?: string
}

export interface AlterColumnOp extends TableRef {
  readonly kind: 'alter_column'
  readonly column: string
  readonly changes: ColumnChanges
  /** The column before the change: MySQL's MODIFY needs it, and the reverse. */
  readonly existing?: Column
}

export interface CreateIndexOp extends TableRef {
  readonly kind: 'create_index'
  readonly index: Index
}

export interface DropIndexOp extends TableRef {
  readonly kind: 'drop_index'
  readonly name: string
  readonly existing?: Index
}

export interface CreateUniqueConstraintOp extends TableRef {
  readonly kind: 'create_unique_constraint'
  readonly constraint: UniqueConstraint
}

export interface CreateForeignKeyOp extends TableRef {
  readonly kind: 'create_foreign_key'
  readonly constraint: ForeignKeyConstraint
}

export interface CreateCheckConstraintOp extends TableRef {
  readonly kind: 'create_check_constraint'
  readonly constraint: CheckConstraint
}

export type ConstraintType = 'unique' | 'foreignkey' | 'check' | 'primary'

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
}

export interface ExecuteOp {
  readonly kind: 'execute'
  readonly sql: string
}

export type RowValue = string | number | bigint | boolean | null | Date | Uint8Array

export interface BulkInsertOp extends TableRef {
  readonly kind: 'bulk_insert'
  readonly rows: readonly Readonly<Record<string, RowValue>>[]
}

/** The changes a batch may group: those that touch one existing table. */
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
 * Alembic's `batch_alter_table`: several changes to one table. On SQLite
 * they become one table rebuild when any of them needs it (`auto`), always
 * (`always`) or never (`never`: each runs as ALTER TABLE or fails); other
 * dialects run them one by one.
 */
export interface BatchAlterTableOp extends TableRef {
  readonly kind: 'batch_alter_table'
  readonly ops: readonly BatchOperation[]
  readonly recreate: 'auto' | 'always' | 'never'
}

export type Operation =
  | CreateTableOp
  | DropTableOp
  | RenameTableOp
  | AddColumnOp
  | DropColumnOp
  | AlterColumnOp
  | CreateIndexOp
  | DropIndexOp
  | CreateUniqueConstraintOp
  | CreateForeignKeyOp
  | CreateCheckConstraintOp
  | DropConstraintOp
  | ExecuteOp
  | BulkInsertOp
  | BatchAlterTableOp

export type OperationKind = Operation['kind']

/** The operation of a given kind, for dispatch tables. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>
