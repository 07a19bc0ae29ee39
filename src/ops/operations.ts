import { AthanorError } from '../core/errors.js'
import type { DialectName } from '../core/dialect-name.js'
import {
  toColumnType,
  toDefaultValue,
  type ColumnTypeInput,
  type DefaultInput,
} from '../schema/column-types.js'
import type {
  CheckConstraint,
  Column,
  ForeignKeyConstraint,
  Index,
  MysqlTableOptions,
  PrimaryKeyConstraint,
  ReferentialAction,
  Table,
  UniqueConstraint,
} from '../schema/types.js'
import { foreignKeyConstraint } from './foreign-key.js'
import type { ColumnChanges, ConstraintType, Operation, RowValue } from './operation.js'
import type { OperationSink, Row } from './operation-sink.js'
import { BatchOperations } from './batch-operations.js'

/** A column as a script writes it: types and defaults in their short forms. */
export interface ColumnInput extends Omit<Column, 'type' | 'serverDefault'> {
  readonly type: ColumnTypeInput
  readonly serverDefault?: DefaultInput
}

export interface CreateTableOptions {
  readonly schema?: string
  readonly primaryKey?: PrimaryKeyConstraint
  readonly foreignKeys?: readonly ForeignKeyConstraint[]
  readonly uniqueConstraints?: readonly UniqueConstraint[]
  readonly checkConstraints?: readonly CheckConstraint[]
  readonly indexes?: readonly Index[]
  readonly comment?: string
  /** MySQL/MariaDB engine, charset and collation (default InnoDB, utf8mb4). */
  readonly mysql?: MysqlTableOptions
}

export interface SchemaOption {
  readonly schema?: string
}

export interface AlterColumnInput {
  readonly type?: ColumnTypeInput
  readonly nullable?: boolean
  readonly serverDefault?: DefaultInput | null
  readonly newName?: string
  readonly comment?: string | null
  readonly schema?: string
  /** The column as it is now; MySQL needs it to rewrite the definition. */
  readonly existing?: ColumnInput
}

export interface ForeignKeyOptions {
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  readonly sourceSchema?: string
  readonly referentSchema?: string
}

/** Facts about the run a script may branch on. */
export interface MigrationContext {
  /** The revision whose script is running. */
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  /** `-x key=value` arguments from the command line. */
  readonly x: Readonly<Record<string, string>>
  /** The script file, for messages. */
  readonly source?: string
  /** `--tag` from the command line. */
  readonly tag?: string
}

/**
 * The `op` a migration script receives: Alembic's operations, in TypeScript.
 * Each call is queued behind the previous one, so operations run in the order
 * written even when a script forgets an `await`; the runner waits for the
 * queue before it records the revision.
 *
 * @example
 * export async function upgrade(op: Operations) {
 *   await op.addColumn('users', { name: 'email', type: t.string(120) })
 *   await op.createIndex('ix_users_email', 'users', ['email'], { unique: true })
 * }
 */
export class Operations {
  #queue: Promise<void> = Promise.resolve()
  #failure: { error: unknown } | undefined

  constructor(
    private readonly sink: OperationSink,
    readonly context: MigrationContext,
  ) {}

  /** The dialect being migrated: `sqlite`, `postgresql` or `mysql`. */
  get dialect(): DialectName {
    return this.sink.dialect
  }

  /** True when writing a SQL script (`--sql`) rather than running it. */
  get isOffline(): boolean {
    return this.sink.offline
  }

  /** `-x key=value` arguments, as Alembic's `context.get_x_argument(as_dictionary=True)`. */
  get x(): Readonly<Record<string, string>> {
    return this.context.x
  }

  createTable(name: string, columns: readonly ColumnInput[], options: CreateTableOptions = {}): Promise<void> {
    const { schema, ...rest } = options
    const table: Table = { name, ...(schema ? { schema } : {}), columns: columns.map(toColumn), ...rest }
    return this.run({ kind: 'create_table', table })
  }

  dropTable(name: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'drop_table', table: name, ...schemaOf(options) })
  }

  renameTable(oldName: string, newName: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'rename_table', table: oldName, newName, ...schemaOf(options) })
  }

  addColumn(table: string, column: ColumnInput, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'add_column', table, column: toColumn(column), ...schemaOf(options) })
  }

  dropColumn(table: string, column: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'drop_column', table, column, ...schemaOf(options) })
  }

  alterColumn(table: string, column: string, input: AlterColumnInput): Promise<void> {
    const { schema, existing, type, serverDefault, ...rest } = input
    const changes: ColumnChanges = {
      ...rest,
      ...(type === undefined ? {} : { type: toColumnType(type) }),
      ...(serverDefault === undefined ? {} : { serverDefault: serverDefault === null ? null : toDefaultValue(serverDefault) }),
    }
    return this.run({
      kind: 'alter_column',
      table,
      column,
      changes,
      ...schemaOf({ schema }),
      ...(existing ? { existing: toColumn(existing) } : {}),
    })
  }

  createIndex(
    name: string,
    table: string,
    columns: readonly string[],
    options: SchemaOption & { unique?: boolean; where?: string; expressions?: boolean } = {},
  ): Promise<void> {
    const { schema, ...index } = options
    return this.run({ kind: 'create_index', table, index: { name, columns, ...index }, ...schemaOf({ schema }) })
  }

  dropIndex(name: string, options: SchemaOption & { table?: string } = {}): Promise<void> {
    return this.run({ kind: 'drop_index', name, table: options.table ?? '', ...schemaOf(options) })
  }

  createUniqueConstraint(name: string | null, table: string, columns: readonly string[], options: SchemaOption = {}): Promise<void> {
    const constraint: UniqueConstraint = { ...(name ? { name } : {}), columns }
    return this.run({ kind: 'create_unique_constraint', table, constraint, ...schemaOf(options) })
  }

  /** Alembic's argument order: name, source table, referent table, local columns, remote columns. */
  createForeignKey(
    name: string | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): Promise<void> {
    const constraint = foreignKeyConstraint(name, referentTable, localColumns, remoteColumns, options)
    return this.run({ kind: 'create_foreign_key', table: sourceTable, constraint, ...schemaOf({ schema: options.sourceSchema }) })
  }

  createCheckConstraint(name: string, table: string, condition: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_check_constraint', table, constraint: { name, expression: condition }, ...schemaOf(options) })
  }

  /**
   * Drops a constraint by name; `null` with `columns` addresses an unnamed
   * one by its key columns (SQLite keeps foreign keys unnamed).
   */
  dropConstraint(
    name: string | null,
    table: string,
    options: SchemaOption & { type?: ConstraintType; columns?: readonly string[] } = {},
  ): Promise<void> {
    return this.run({
      kind: 'drop_constraint',
      name: name ?? '',
      table,
      ...(options.type ? { type: options.type } : {}),
      ...(options.columns ? { columns: options.columns } : {}),
      ...schemaOf(options),
    })
  }

  /**
   * Groups changes to one table, as Alembic's `batch_alter_table`: on SQLite
   * they run as one table rebuild when ALTER TABLE cannot make one of them
   * (`recreate: 'auto'`, the default), always (`'always'`) or never
   * (`'never'`); elsewhere they run one by one.
   *
   * @example
   * await op.batchAlterTable('user', (batch) => {
   *   batch.alterColumn('email', { type: t.string(200), nullable: false })
   *   batch.dropConstraint(null, { type: 'foreignkey', columns: ['org_id'] })
   * })
   */
  batchAlterTable(
    table: string,
    body: (batch: BatchOperations) => void | Promise<void>,
    options: SchemaOption & { recreate?: 'auto' | 'always' | 'never' } = {},
  ): Promise<void> {
    return this.#enqueue(async () => {
      const batch = new BatchOperations(table, options.schema)
      await body(batch)
      await this.sink.run({ kind: 'batch_alter_table', table, ops: batch.operations, recreate: options.recreate ?? 'auto', ...schemaOf(options) })
    })
  }

  /** Runs raw SQL, in order with the other operations, online and offline. */
  execute(sql: string): Promise<void> {
    return this.run({ kind: 'execute', sql })
  }

  bulkInsert(table: string, rows: readonly Readonly<Record<string, RowValue>>[], options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'bulk_insert', table, rows, ...schemaOf(options) })
  }

  /**
   * Reads rows, for data migrations. Offline (`--sql`) there is no database
   * to read from, so this fails with the revision named: guard with `op.isOffline`.
   */
  query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    if (this.sink.offline) {
      const where = this.context.source ? ` (${this.context.source})` : ''
      return Promise.reject(
        new AthanorError(
          'OFFLINE_QUERY',
          `revision ${this.context.revision}${where} reads rows with op.query(), which --sql mode cannot do; check op.isOffline in the script`,
        ),
      )
    }
    return this.#enqueue(() => this.sink.query(sql, params))
  }

  /** Runs an operation given as data (what autogenerate and tools produce). */
  run(op: Operation): Promise<void> {
    return this.#enqueue(() => this.sink.run(op))
  }

  /** Waits for every queued operation; rethrows the first failure. Used by the runner. */
  async settle(): Promise<void> {
    await this.#queue.catch(() => undefined)
    if (this.#failure) throw this.#failure.error
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(() => {
      // After a failure nothing else runs: the migration is already lost.
      if (this.#failure) throw this.#failure.error
      return work()
    })
    this.#queue = result.then(
      () => undefined,
      (error: unknown) => {
        this.#failure ??= { error }
      },
    )
    return result
  }
}

function toColumn(input: ColumnInput): Column {
  const { type, serverDefault, ...rest } = input
  return {
    ...rest,
    type: toColumnType(type),
    ...(serverDefault === undefined ? {} : { serverDefault: toDefaultValue(serverDefault) }),
  }
}

function schemaOf(options: SchemaOption): { schema?: string } {
  return options.schema ? { schema: options.schema } : {}
}
