import { AthanorError } from '../core/errors.js'
import type { DialectName } from '../core/dialect-name.js'
import { toColumnType, toDefaultValue } from '../schema/column-types.js'
import type { Column, ForeignKeyConstraint, Index, Table, UniqueConstraint } from '../schema/types.js'
import { uniqueTraits } from '../schema/unique-deferral.js'
import type { Sequence, SequenceChanges, SequenceOptions } from '../schema/pg-objects.js'
import type { Routine, RoutineKind } from '../schema/stored-code.js'
import { routineKindOf } from './stored-code-text.js'
import type { Domain, DomainChanges } from '../schema/pg-domain.js'
import type { CompositeAttribute, CompositeChanges, CompositeType } from '../schema/pg-composite.js'
import type { RangeType } from '../schema/pg-range.js'
import type { View, ViewBehaviour } from '../schema/view.js'
import type { Partition, ReplicaIdentity } from '../schema/partitioning.js'
import type { PartitionStep } from './pg-partition-ops.js'
import type { SequenceColumn } from './pg-object-ops.js'
import type { Policy } from '../schema/policy.js'
import type { ExclusionConstraint } from '../schema/exclusion.js'
import { foreignKeyConstraint } from './foreign-key.js'
import type { ColumnChanges, ColumnPlace, ConstraintType, OnlineDdl, Operation, RowValue } from './operation.js'
import { columnPlace } from './column-place.js'
import { refuseUnknownAlterKeys } from './alter-column-keys.js'
import type { OperationSink, Row } from './operation-sink.js'
import { BatchOperations } from './batch-operations.js'
import {
  type AlterColumnInput,
  type ColumnInput,
  type CreateTableOptions,
  type ForeignKeyOptions,
  type IndexOptions,
  type SchemaOption,
  sqlText,
} from './inputs.js'

export type { AlterColumnInput, ColumnInput, CreateTableOptions, ForeignKeyOptions, IndexOptions, SchemaOption }

/**
 * `op.dropRoutine`'s options: which kind of routine (a function unless
 * said), and PostgreSQL's argument types for an overloaded name.
 *
 * @example
 * const options: DropRoutineOptions = { kind: 'procedure', arguments: 'integer' }
 */
export interface DropRoutineOptions extends SchemaOption {
  readonly kind?: RoutineKind
  readonly arguments?: string
}

/** A routine from a script's statement, whose first words say whether it is a function or a procedure. */
function routineOf(name: string, definition: string, options: SchemaOption, operation: string): Routine {
  const text = sqlText(definition, operation)
  const routineKind = routineKindOf(text)
  if (routineKind === undefined) {
    throw new AthanorError('INVALID_ARGUMENT', `${operation}('${name}', …) needs a CREATE FUNCTION, PROCEDURE or AGGREGATE statement`)
  }
  return { name, routineKind, definition: text, ...schemaOf(options) }
}

/**
 * Where a view lives, and whether it is PostgreSQL's materialized kind.
 *
 * @example
 * const options: DropViewOptions = { schema: 'reports', materialized: true }
 */
export interface DropViewOptions extends SchemaOption {
  readonly materialized?: boolean
}

/**
 * `op.createView`'s options: with the view's check option and security,
 * and a materialized view's indexes, made after it (see {@link View}).
 *
 * @example
 * const options: CreateViewOptions = { orReplace: true, checkOption: 'cascaded' }
 * const indexed: CreateViewOptions = { materialized: true, indexes: [{ name: 'ux_totals_user', columns: ['user_id'], unique: true }] }
 */
export interface CreateViewOptions extends DropViewOptions, ViewBehaviour {
  readonly orReplace?: boolean
  readonly indexes?: readonly Index[]
  /** PostgreSQL's COMMENT ON [MATERIALIZED] VIEW, made after it. */
  readonly comment?: string
  /** SQLite's `CREATE VIEW v (a, b)`: its columns' names over the query's (see View.columnNames). */
  readonly columnNames?: readonly string[]
  /** MySQL/MariaDB's `ALGORITHM=MERGE | TEMPTABLE` (see View.algorithm). */
  readonly algorithm?: View['algorithm']
}

/**
 * Facts about the run a script may branch on, as `op.context`.
 *
 * @example
 * const context: MigrationContext = op.context
 * if (context.x['seed'] === 'yes' && context.direction === 'upgrade') await op.execute("INSERT INTO plans (name) VALUES ('free')")
 */
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
 * Where the operation now reaching the sink was called from, for tools that
 * report by line (`athanor lint`): an error made at the call, whose stack
 * holds the script's frame. The queue runs one operation at a time, so the
 * sink reads the site of the operation it is running.
 *
 * @example
 * const sites: CallSites = { current: undefined }
 * // new Operations(sink, context, sites); in sink.run: sites.current?.stack names the script's line
 */
export interface CallSites {
  current: Error | undefined
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
    private readonly callSites?: CallSites,
  ) {}

  /**
   * The dialect being migrated: `sqlite`, `postgresql` or `mysql`; for the
   * few scripts that must write different SQL per database.
   *
   * @example
   * if (op.dialect === 'postgresql') await op.execute('CREATE EXTENSION IF NOT EXISTS citext')
   */
  get dialect(): DialectName {
    return this.sink.dialect
  }

  /**
   * True when writing a SQL script (`--sql`) rather than running it: there is
   * no database to read from, so data migrations that query must branch.
   *
   * @example
   * if (!op.isOffline) {
   *   const rows = await op.query('SELECT count(*) AS n FROM users')
   *   console.log(`migrating ${String(rows[0]?.['n'])} users`)
   * }
   */
  get isOffline(): boolean {
    return this.sink.offline
  }

  /**
   * `-x key=value` arguments, as Alembic's `context.get_x_argument(as_dictionary=True)`.
   *
   * @example
   * // npx athanor upgrade -x seed=demo
   * if (op.x['seed'] === 'demo') await op.bulkInsert('users', [{ name: 'demo' }])
   */
  get x(): Readonly<Record<string, string>> {
    return this.context.x
  }

  /**
   * Creates a table from its columns, with the table-level constraints,
   * indexes and options given.
   *
   * @example
   * await op.createTable('users', [
   *   { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
   *   { name: 'email', type: t.string(120), nullable: false, unique: true },
   *   { name: 'created_at', type: t.timestamp(), serverDefault: sql('CURRENT_TIMESTAMP') },
   * ])
   */
  createTable(name: string, columns: readonly ColumnInput[], options: CreateTableOptions = {}): Promise<void> {
    const { schema, ...rest } = options
    const table: Table = { name, ...(schema ? { schema } : {}), columns: columns.map(toColumn), ...rest }
    return this.run({ kind: 'create_table', table })
  }

  /**
   * Drops a table and its data.
   *
   * @example
   * await op.dropTable('sessions')
   * await op.dropTable('audit_log', { schema: 'audit' })
   */
  dropTable(name: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'drop_table', table: name, ...schemaOf(options) })
  }

  /**
   * Renames a table, keeping its rows; autogenerate never guesses a rename, so
   * scripts write this one by hand (or via a rename resolver).
   *
   * @example
   * await op.renameTable('user', 'users')
   */
  renameTable(oldName: string, newName: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'rename_table', table: oldName, newName, ...schemaOf(options) })
  }

  /**
   * Sets a table's comment, or with `null` removes it (PostgreSQL's COMMENT
   * ON TABLE, MySQL's ALTER TABLE … COMMENT; SQLite keeps none, so there it
   * writes nothing). `existing`, the comment it had, makes it reversible.
   *
   * @example
   * await op.setTableComment('users', 'who signs in', { existing: null })
   */
  setTableComment(table: string, comment: string | null, options: SchemaOption & { existing?: string | null } = {}): Promise<void> {
    const { existing } = options
    return this.run({ kind: 'set_table_comment', table, comment, ...schemaOf(options), ...(existing === undefined ? {} : { existing }) })
  }

  /**
   * Adds a column. A NOT NULL column on a table with rows needs a
   * `serverDefault` to fill them.
   *
   * @example
   * await op.addColumn('users', { name: 'email', type: t.string(120) })
   * await op.addColumn('users', { name: 'active', type: 'boolean', nullable: false, serverDefault: true })
   * await op.addColumn('users', { name: 'bio', type: 'text' }, { algorithm: 'INSTANT' }) // MySQL: refused unless instant
   * await op.addColumn('users', { name: 'middle_name', type: t.string(80) }, { after: 'first_name' }) // MySQL: its place
   */
  addColumn(table: string, column: ColumnInput, options: SchemaOption & OnlineDdl & ColumnPlace = {}): Promise<void> {
    const place = columnPlace(options, `op.addColumn('${table}', …): column "${column.name}"`)
    return this.run({ kind: 'add_column', table, column: toColumn(column), ...schemaOf(options), ...onlineDdl(options), ...place })
  }

  /**
   * Drops a column and its data; drop its indexes and constraints first,
   * as most databases refuse to drop a column they still use.
   *
   * @example
   * await op.dropColumn('users', 'legacy_token')
   */
  dropColumn(table: string, column: string, options: SchemaOption & OnlineDdl = {}): Promise<void> {
    return this.run({ kind: 'drop_column', table, column, ...schemaOf(options), ...onlineDdl(options) })
  }

  /**
   * Changes a column's type, nullability, default, name or comment; what is
   * not given stays. MySQL rewrites the whole definition, so give `existing`
   * there. `safe` with `nullable: false` sets NOT NULL on PostgreSQL
   * without scanning the table under an exclusive lock.
   *
   * @example
   * await op.alterColumn('users', 'email', { type: t.string(200), nullable: false })
   * await op.alterColumn('orders', 'user_id', { nullable: false, safe: true })
   * await op.alterColumn('users', 'name', { newName: 'full_name', existing: { name: 'name', type: t.string(80) } })
   */
  alterColumn(table: string, column: string, input: AlterColumnInput): Promise<void> {
    refuseUnknownAlterKeys(input, table, column)
    const { schema, existing, type, serverDefault, safe, algorithm, lock, ...rest } = input
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
      ...(safe === true ? { safe } : {}),
      ...onlineDdl({ algorithm, lock }),
    })
  }

  /**
   * Creates an index; `unique`, a partial index's `where`, or `expressions`
   * when the columns are SQL expressions (PostgreSQL, SQLite).
   * `prefixLengths` indexes only the first N characters of a column on
   * MySQL/MariaDB (`name(20)`), as TEXT columns need; elsewhere the whole value.
   *
   * `concurrently` builds it without blocking writes on PostgreSQL (CREATE INDEX
   * CONCURRENTLY), in a script that exports `transactional = false`, where
   * `ifNotExists` lets the script run again after it stopped halfway.
   *
   * @example
   * await op.createIndex('ix_users_email', 'users', ['email'], { unique: true })
   * await op.createIndex('ix_users_lower_email', 'users', ['lower(email)'], { expressions: true, where: 'deleted_at IS NULL' })
   * await op.createIndex('ix_orders_user', 'orders', ['user_id'], { concurrently: true, ifNotExists: true })
   * await op.createIndex('ix_posts_body', 'posts', ['body'], { prefixLengths: { body: 100 } })
   * await op.createIndex('ix_posts_recent', 'posts', ['created_at'], { order: { created_at: 'desc' }, include: ['title'] })
   */
  createIndex(
    name: string,
    table: string,
    columns: readonly string[],
    options: SchemaOption & OnlineDdl & IndexOptions & { concurrently?: boolean; ifNotExists?: boolean } = {},
  ): Promise<void> {
    const { schema, concurrently, ifNotExists, algorithm, lock, ...index } = options
    return this.run({
      kind: 'create_index',
      table,
      index: { name, columns, ...index },
      ...schemaOf({ schema }),
      ...(concurrently === true ? { concurrently } : {}),
      ...(ifNotExists === true ? { ifNotExists } : {}),
      ...onlineDdl({ algorithm, lock }),
    })
  }

  /**
   * Drops an index by name. MySQL's indexes belong to their table, so give
   * `table` for scripts that must run there.
   *
   * `concurrently` drops it without blocking the table on PostgreSQL, in a
   * script that exports `transactional = false`; `ifExists` writes DROP
   * INDEX IF EXISTS (not MySQL 8).
   *
   * @example
   * await op.dropIndex('ix_users_email', { table: 'users' })
   * await op.dropIndex('ix_orders_user', { concurrently: true })
   */
  dropIndex(
    name: string,
    options: SchemaOption & OnlineDdl & { table?: string; concurrently?: boolean; ifExists?: boolean } = {},
  ): Promise<void> {
    const flags = {
      ...(options.concurrently === true ? { concurrently: true } : {}),
      ...(options.ifExists === true ? { ifExists: true } : {}),
    }
    return this.run({ kind: 'drop_index', name, table: options.table ?? '', ...schemaOf(options), ...flags, ...onlineDdl(options) })
  }

  /**
   * Adds a unique constraint over one or more columns; `null` lets the
   * database name it. PostgreSQL: `deferrable` (and `initiallyDeferred`)
   * check it when the statement (or transaction) ends, not row by row;
   * `nullsNotDistinct` (15) counts two rows of NULLs as duplicates;
   * `include` (11) names columns its index carries beside the key.
   *
   * @example
   * await op.createUniqueConstraint('uq_memberships_user_org', 'memberships', ['user_id', 'org_id'])
   * await op.createUniqueConstraint('uq_slots_pos', 'slots', ['pos'], { deferrable: true, initiallyDeferred: true })
   */
  createUniqueConstraint(
    name: string | null,
    table: string,
    columns: readonly string[],
    options: SchemaOption & {
      readonly deferrable?: boolean
      readonly initiallyDeferred?: boolean
      readonly nullsNotDistinct?: boolean
      readonly include?: readonly string[]
    } = {},
  ): Promise<void> {
    const constraint: UniqueConstraint = { ...(name ? { name } : {}), columns, ...uniqueTraits(options) }
    return this.run({ kind: 'create_unique_constraint', table, constraint, ...schemaOf(options) })
  }

  /**
   * Adds a foreign key, in Alembic's argument order: name, source table,
   * referent table, local columns, remote columns.
   *
   * @example
   * await op.createForeignKey('fk_posts_user_id_users', 'posts', 'users', ['user_id'], ['id'], { onDelete: 'CASCADE' })
   */
  createForeignKey(
    name: string | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): Promise<void> {
    const constraint = foreignKeyConstraint(name, referentTable, localColumns, remoteColumns, options)
    return this.run({
      kind: 'create_foreign_key',
      table: sourceTable,
      constraint,
      ...schemaOf({ schema: options.sourceSchema }),
      ...notValid(options),
      ...orReplace(options),
      ...(options.ifNotExists === true ? { ifNotExists: true } : {}),
    })
  }

  /**
   * Adds a CHECK constraint; the condition is SQL, written as is.
   *
   * `notValid` (PostgreSQL) adds it without checking the rows already there;
   * `orReplace` (PostgreSQL) drops a constraint of that name in the same
   * statement first, so a script outside a transaction can run it again.
   *
   * @example
   * await op.createCheckConstraint('ck_products_price_positive', 'products', 'price > 0')
   * await op.createCheckConstraint('ck_orders_total', 'orders', 'total >= 0', { notValid: true })
   * await op.createCheckConstraint('ck_only_here', 'parents', 'id > 0', { noInherit: true }) // PostgreSQL's NO INHERIT
   * // a later migration: await op.validateConstraint('orders', 'ck_orders_total')
   */
  createCheckConstraint(
    name: string,
    table: string,
    condition: string,
    options: SchemaOption & { notValid?: boolean; noInherit?: boolean; orReplace?: boolean } = {},
  ): Promise<void> {
    const constraint = { name, expression: condition, ...(options.noInherit === true ? { noInherit: true } : {}) }
    return this.run({
      kind: 'create_check_constraint',
      table,
      constraint,
      ...schemaOf(options),
      ...notValid(options),
      ...orReplace(options),
    })
  }

  /**
   * Checks the rows a constraint added with `notValid` skipped (PostgreSQL's
   * VALIDATE CONSTRAINT, which lets writes go on while it scans). Best in a
   * later migration than the one that added the constraint. Other dialects
   * checked the rows when the constraint was added, so there it writes no
   * statement. Its downgrade validates again, which changes nothing.
   *
   * @example
   * await op.createForeignKey('fk_orders_user', 'orders', 'users', ['user_id'], ['id'], { notValid: true })
   * // a later migration:
   * await op.validateConstraint('orders', 'fk_orders_user')
   */
  validateConstraint(table: string, name: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'validate_constraint', table, name, ...schemaOf(options) })
  }

  /**
   * Drops a constraint by name; `null` with `columns` addresses an unnamed
   * one by its key columns (SQLite keeps foreign keys unnamed; PostgreSQL
   * and MySQL look up the name they gave it, `posts_user_id_fkey` or
   * `posts_ibfk_1`, when the statement runs), and `null` with `expression`
   * an unnamed check on SQLite. MySQL drops each kind with its own
   * statement, so give `type` there.
   *
   * @example
   * await op.dropConstraint('uq_users_email', 'users', { type: 'unique' })
   * await op.dropConstraint(null, 'posts', { type: 'foreignkey', columns: ['user_id'] })
   * await op.dropConstraint(null, 'products', { type: 'check', expression: 'price > 0' }) // SQLite
   */
  dropConstraint(
    name: string | null,
    table: string,
    options: SchemaOption & { type?: ConstraintType; columns?: readonly string[]; expression?: string; ifExists?: boolean } = {},
  ): Promise<void> {
    return this.run({
      kind: 'drop_constraint',
      name: name ?? '',
      table,
      ...(options.type ? { type: options.type } : {}),
      ...(options.columns ? { columns: options.columns } : {}),
      ...(options.expression ? { expression: options.expression } : {}),
      ...(options.ifExists === true ? { ifExists: true } : {}),
      ...schemaOf(options),
    })
  }

  /**
   * Renames an index in place, its definition and data kept (PostgreSQL's
   * ALTER INDEX … RENAME TO, MySQL's ALTER TABLE … RENAME INDEX). SQLite
   * cannot: with `existing`, the index as it is, it drops it and makes it
   * again under the new name.
   *
   * @example
   * await op.renameIndex('users', 'ix_email', 'ix_users_email')
   */
  renameIndex(table: string, name: string, newName: string, options: SchemaOption & { existing?: Index } = {}): Promise<void> {
    const existing = options.existing === undefined ? {} : { existing: options.existing }
    return this.run({ kind: 'rename_index', table, name, newName, ...schemaOf(options), ...existing })
  }

  /**
   * Makes an index invisible to the optimizer, or visible again, its entries
   * kept and nothing rebuilt: MySQL 8's INVISIBLE, MariaDB 10.6's IGNORED.
   * Try out dropping an index this way, and undo it at once if a query
   * slows down. The other databases have no such indexes and refuse it.
   *
   * @example
   * await op.alterIndex('users', 'ix_users_legacy_code', { invisible: true })
   */
  alterIndex(table: string, name: string, options: SchemaOption & { invisible: boolean }): Promise<void> {
    if (typeof options?.invisible !== 'boolean') {
      throw new AthanorError('INVALID_ARGUMENT', `op.alterIndex on index "${name}" of table "${table}": give { invisible: true | false }`)
    }
    return this.run({ kind: 'alter_index', table, name, invisible: options.invisible, ...schemaOf(options) })
  }

  /**
   * Renames a unique, foreign-key, check or (PostgreSQL) exclusion constraint,
   * its rows not checked again. PostgreSQL renames each kind (ALTER TABLE … RENAME CONSTRAINT);
   * MySQL a unique constraint, as the index it is, and a foreign key given
   * as it is (`existing`), dropped and added in one ALTER TABLE; SQLite none.
   *
   * @example
   * await op.renameConstraint('users', 'users_email_key', 'uq_users_email', { type: 'unique' })
   * await op.renameConstraint('members', 'members_club_fk', 'fk_members_club', {
   *   type: 'foreignkey',
   *   existing: { columns: ['club_id'], referredTable: 'clubs', referredColumns: ['id'] },
   * })
   */
  renameConstraint(
    table: string,
    name: string,
    newName: string,
    options: SchemaOption & { type: 'unique' | 'foreignkey' | 'check' | 'exclusion'; existing?: ForeignKeyConstraint },
  ): Promise<void> {
    const existing = options.existing === undefined ? {} : { existing: options.existing }
    return this.run({ kind: 'rename_constraint', table, name, newName, type: options.type, ...schemaOf(options), ...existing })
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
      await this.sink.run({
        kind: 'batch_alter_table',
        table,
        ops: batch.operations,
        recreate: options.recreate ?? 'auto',
        ...schemaOf(options),
      })
    })
  }

  /**
   * PostgreSQL: `CREATE TYPE name AS ENUM (…)`, the labels in their sort order.
   *
   * @example
   * await op.createEnum('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17'])
   */
  createEnum(name: string, values: readonly string[], options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_enum', type: { name, values, ...schemaOf(options) } })
  }

  /**
   * PostgreSQL: `DROP TYPE name`; `values` lets the downgrade create it again.
   *
   * @example
   * await op.dropEnum('mood', { values: ['sad', 'happy'] })
   */
  dropEnum(name: string, options: SchemaOption & { values?: readonly string[] } = {}): Promise<void> {
    const existing = options.values === undefined ? {} : { existing: { name, values: options.values, ...schemaOf(options) } }
    return this.run({ kind: 'drop_enum', name, ...schemaOf(options), ...existing })
  }

  /**
   * PostgreSQL: `ALTER TYPE name ADD VALUE`, at the end or before/after a
   * label. The label can be used only once the migration has committed.
   *
   * @example
   * await op.addEnumValue('mood', 'ok', { before: 'happy' })
   */
  addEnumValue(name: string, value: string, options: SchemaOption & { before?: string; after?: string } = {}): Promise<void> {
    const { before, after } = options
    return this.run({
      kind: 'add_enum_value',
      name,
      value,
      ...schemaOf(options),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    })
  }

  /**
   * PostgreSQL: `CREATE DOMAIN name AS type` with its default, NOT NULL and checks (each naming the value VALUE).
   *
   * @example
   * await op.createDomain('us_postal_code', 'text', { checks: [{ expression: "VALUE ~ '^[0-9]{5}$'" }] })
   */
  createDomain(name: string, type: string, options: SchemaOption & Omit<Domain, 'name' | 'type' | 'schema'> = {}): Promise<void> {
    return this.run({ kind: 'create_domain', domain: { ...options, name, type } })
  }

  /**
   * PostgreSQL: `DROP DOMAIN name`; `existing` lets the downgrade create it again.
   *
   * @example
   * await op.dropDomain('positive_int', { existing: { name: 'positive_int', type: 'integer' } })
   */
  dropDomain(name: string, options: SchemaOption & { existing?: Domain } = {}): Promise<void> {
    return this.run({ kind: 'drop_domain', name, ...options })
  }

  /**
   * PostgreSQL: `ALTER DOMAIN name` for each change: checks dropped by name,
   * the default set or dropped (`null`), NOT NULL set or dropped, checks
   * added; `existing`, the domain as it was, lets the downgrade undo them.
   *
   * @example
   * await op.alterDomain('positive_int', {
   *   dropChecks: ['positive_int_check'],
   *   addChecks: [{ name: 'positive_int_check', expression: 'VALUE >= 0' }],
   * })
   */
  alterDomain(name: string, changes: DomainChanges, options: SchemaOption & { existing?: Domain } = {}): Promise<void> {
    return this.run({ kind: 'alter_domain', name, changes, ...options })
  }

  /**
   * PostgreSQL: `CREATE TYPE name AS (attribute type [COLLATE c], …)`, a composite type.
   *
   * @example
   * await op.createCompositeType('address', [{ name: 'street', type: 'text' }, { name: 'city', type: 'varchar(80)' }])
   */
  createCompositeType(name: string, attributes: readonly CompositeAttribute[], options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_composite_type', type: { name, ...schemaOf(options), attributes } })
  }

  /**
   * PostgreSQL: `DROP TYPE name` of a composite type; `existing` lets the downgrade create it again.
   *
   * @example
   * await op.dropCompositeType('address', { existing: { name: 'address', attributes: [{ name: 'city', type: 'text' }] } })
   */
  dropCompositeType(name: string, options: SchemaOption & { existing?: CompositeType } = {}): Promise<void> {
    return this.run({ kind: 'drop_composite_type', name, ...options })
  }

  /**
   * PostgreSQL: `ALTER TYPE name` of a composite type: attributes renamed,
   * then dropped and added (at the end) in one statement, the type's
   * columns kept. A dropped attribute's values are gone; `existing`, the
   * type as it was, lets the downgrade add it back (empty) and undo the rest.
   *
   * @example
   * await op.alterCompositeType('address', { renameAttributes: [{ from: 'zip', to: 'postal_code' }] })
   */
  alterCompositeType(name: string, changes: CompositeChanges, options: SchemaOption & { existing?: CompositeType } = {}): Promise<void> {
    return this.run({ kind: 'alter_composite_type', name, changes, ...options })
  }

  /**
   * PostgreSQL: `CREATE TYPE name AS RANGE (subtype = …, …)`, a range type
   * (and its multirange type). Functions and the operator class are SQL names, written as given.
   *
   * @example
   * await op.createRangeType('floatrange', { subtype: 'float8', subtypeDiff: 'float8mi' })
   */
  createRangeType(name: string, definition: Omit<RangeType, 'name' | 'schema'>, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_range_type', type: { name, ...schemaOf(options), ...definition } })
  }

  /**
   * PostgreSQL: `DROP TYPE name` of a range type, its multirange type with
   * it; `existing` lets the downgrade create it again.
   *
   * @example
   * await op.dropRangeType('floatrange', { existing: { name: 'floatrange', subtype: 'float8' } })
   */
  dropRangeType(name: string, options: SchemaOption & { existing?: RangeType } = {}): Promise<void> {
    return this.run({ kind: 'drop_range_type', name, ...options })
  }

  /**
   * PostgreSQL: `CREATE TABLE name PARTITION OF parent bounds`, itself
   * partitioned again with `partitionBy`; `parentSchema` defaults to `schema`.
   *
   * @example
   * await op.createPartition('measurement_y2006m03', 'measurement', "FOR VALUES FROM ('2006-03-01') TO ('2006-04-01')")
   */
  createPartition(
    name: string,
    parent: string,
    bounds: string,
    options: SchemaOption & Omit<Partition, 'name' | 'parent' | 'bounds' | 'schema'> = {},
  ): Promise<void> {
    return this.run({ kind: 'create_partition', partition: { ...options, name, parent, bounds } })
  }

  /**
   * PostgreSQL: `DROP TABLE` of a partition, with its rows; `existing` lets the downgrade create it again (empty).
   *
   * @example
   * await op.dropPartition('measurement_rest', { existing: { name: 'measurement_rest', parent: 'measurement', bounds: 'DEFAULT' } })
   */
  dropPartition(name: string, options: SchemaOption & { existing?: Partition } = {}): Promise<void> {
    return this.run({ kind: 'drop_partition', name, ...options })
  }

  /**
   * PostgreSQL: a partition detached and attached again with new bounds,
   * its rows kept; `previous`, the bounds it had, lets the downgrade put them back.
   *
   * @example
   * await op.changePartitionBounds('sales_2024', 'sales', "FOR VALUES FROM ('2024-01-01') TO ('2026-01-01')", { previous: 'DEFAULT' })
   */
  changePartitionBounds(
    name: string,
    parent: string,
    bounds: string,
    options: SchemaOption & Omit<Partition, 'name' | 'parent' | 'bounds' | 'schema'> & { previous?: string; step?: PartitionStep } = {},
  ): Promise<void> {
    const { previous, step, ...rest } = options
    return this.run({
      kind: 'change_partition_bounds',
      partition: { ...rest, name, parent, bounds },
      ...(previous === undefined ? {} : { previous }),
      ...(step === undefined ? {} : { step }),
    })
  }

  /**
   * PostgreSQL: a table's row level security turned on or off
   * (`ALTER TABLE … ENABLE | DISABLE ROW LEVEL SECURITY`), and with `forced`
   * whether it binds the table's owner too (`FORCE | NO FORCE`). A flag left
   * out stays as it is; the downgrade sets each given one back.
   *
   * @example
   * await op.setRowLevelSecurity('documents', { enabled: true, forced: true })
   */
  setRowLevelSecurity(table: string, flags: SchemaOption & { enabled?: boolean; forced?: boolean }): Promise<void> {
    return this.run({ kind: 'set_row_level_security', table, ...flags })
  }

  /**
   * PostgreSQL: `CREATE POLICY name ON table`: which rows the roles `to`
   * (absent, every role) may see (`using`) and write (`withCheck`), `for`
   * one command (absent, all), `restrictive` or permissive.
   *
   * @example
   * await op.createPolicy('own_documents', 'documents', { for: 'select', to: ['app_user'], using: 'owner = current_user' })
   */
  createPolicy(name: string, table: string, options: SchemaOption & Omit<Policy, 'name'> = {}): Promise<void> {
    const { schema, ...policy } = options
    return this.run({ kind: 'create_policy', table, ...(schema === undefined ? {} : { schema }), policy: { name, ...policy } })
  }

  /**
   * PostgreSQL: `DROP POLICY name ON table`; `existing` lets the downgrade make it again.
   *
   * @example
   * await op.dropPolicy('own_documents', 'documents', { existing: { name: 'own_documents', using: 'owner = current_user' } })
   */
  dropPolicy(name: string, table: string, options: SchemaOption & { existing?: Policy } = {}): Promise<void> {
    return this.run({ kind: 'drop_policy', table, name, ...options })
  }

  /**
   * PostgreSQL: `ALTER POLICY name ON table RENAME TO new_name`: the same
   * policy under a new name, in force throughout.
   *
   * @example
   * await op.renamePolicy('documents', 'own', 'own_documents')
   */
  renamePolicy(table: string, name: string, newName: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'rename_policy', table, name, newName, ...schemaOf(options) })
  }

  /**
   * PostgreSQL: `ALTER TABLE table ADD CONSTRAINT name EXCLUDE …`, the
   * definition from `EXCLUDE` on. It scans the table under an exclusive lock.
   *
   * @example
   * await op.createExclusion('no_double_booking', 'bookings', 'EXCLUDE USING gist (room WITH =, during WITH &&)')
   */
  createExclusion(name: string, table: string, definition: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_exclusion', table, ...options, exclusion: { name, definition } })
  }

  /**
   * PostgreSQL: `ALTER TABLE table DROP CONSTRAINT name` of an exclusion
   * constraint; `existing` lets the downgrade add it again.
   *
   * @example
   * const existing = { name: 'no_double_booking', definition: 'EXCLUDE USING gist (during WITH &&)' }
   * await op.dropExclusion('no_double_booking', 'bookings', { existing })
   */
  dropExclusion(name: string, table: string, options: SchemaOption & { existing?: ExclusionConstraint } = {}): Promise<void> {
    return this.run({ kind: 'drop_exclusion', table, name, ...options })
  }

  /**
   * PostgreSQL: `ALTER TABLE table REPLICA IDENTITY …`: what a row's old
   * values carry into logical replication (`default`, the primary key;
   * `full`; `nothing`; `{ index }`, a unique index's columns); `previous`
   * lets the downgrade set it back.
   *
   * @example
   * await op.setReplicaIdentity('orders', 'full', { previous: 'default' })
   */
  setReplicaIdentity(
    table: string,
    identity: 'default' | ReplicaIdentity,
    options: SchemaOption & { previous?: 'default' | ReplicaIdentity } = {},
  ): Promise<void> {
    return this.run({ kind: 'set_replica_identity', table, identity, ...options })
  }

  /**
   * PostgreSQL: `ALTER TABLE table SET SCHEMA newSchema`: the table moves
   * with its rows, indexes, constraints and the sequences its columns own;
   * views and foreign keys that refer to it follow. `schema` is where the
   * table is now, which the downgrade moves it back to.
   *
   * @example
   * await op.setTableSchema('log', 'audit', { schema: 'public' })
   */
  setTableSchema(table: string, newSchema: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'set_table_schema', table, newSchema, ...schemaOf(options) })
  }

  /**
   * PostgreSQL: `CREATE SCHEMA name` (`IF NOT EXISTS` with `ifNotExists`).
   *
   * @example
   * await op.createSchema('audit')
   */
  createSchema(name: string, options: { ifNotExists?: boolean } = {}): Promise<void> {
    return this.run({ kind: 'create_schema', name, ...(options.ifNotExists === true ? { ifNotExists: true } : {}) })
  }

  /**
   * PostgreSQL: `DROP SCHEMA name` (`IF EXISTS` with `ifExists`), never
   * CASCADE: it fails while anything still lives in the schema.
   *
   * @example
   * await op.dropSchema('audit')
   */
  dropSchema(name: string, options: { ifExists?: boolean } = {}): Promise<void> {
    return this.run({ kind: 'drop_schema', name, ...(options.ifExists === true ? { ifExists: true } : {}) })
  }

  /**
   * PostgreSQL: `CREATE EXTENSION IF NOT EXISTS name`.
   *
   * @example
   * await op.createExtension('citext')
   */
  createExtension(name: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'create_extension', extension: { name, ...schemaOf(options) } })
  }

  /**
   * PostgreSQL: `DROP EXTENSION IF EXISTS name`.
   *
   * @example
   * await op.dropExtension('citext')
   */
  dropExtension(name: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'drop_extension', name, existing: { name, ...schemaOf(options) } })
  }

  /**
   * PostgreSQL: `ALTER EXTENSION name SET SCHEMA schema`, which moves the
   * extension's functions, types and operators there. `existingSchema`,
   * where they were, makes it reversible.
   *
   * @example
   * await op.alterExtension('citext', { schema: 'extensions', existingSchema: 'public' })
   */
  alterExtension(name: string, options: { schema: string; existingSchema?: string }): Promise<void> {
    const { schema, existingSchema } = options
    return this.run({ kind: 'alter_extension', name, schema, ...(existingSchema === undefined ? {} : { existingSchema }) })
  }

  /**
   * PostgreSQL: `CREATE SEQUENCE name` with its options.
   *
   * @example
   * await op.createSequence('order_no', { start: 1000, increment: 1, cache: 10 })
   */
  createSequence(name: string, options: SchemaOption & SequenceOptions = {}): Promise<void> {
    return this.run({ kind: 'create_sequence', sequence: { ...options, name } })
  }

  /**
   * PostgreSQL: `ALTER SEQUENCE name` with the options that change (`null`:
   * back to the default); `existing` lets the downgrade set them back.
   *
   * @example
   * await op.alterSequence('order_no', { increment: 5 }, { existing: { name: 'order_no', increment: 1 } })
   */
  alterSequence(name: string, changes: SequenceChanges, options: SchemaOption & { existing?: Sequence } = {}): Promise<void> {
    const existing = options.existing === undefined ? {} : { existing: options.existing }
    return this.run({ kind: 'alter_sequence', name, changes, ...schemaOf(options), ...existing })
  }

  /**
   * PostgreSQL: `ALTER SEQUENCE name RENAME TO newName`, keeping its options
   * and its place (a drop and a create would start it over). The defaults
   * that draw from it follow it: PostgreSQL keeps them by the sequence's OID.
   *
   * @example
   * await op.renameSequence('order_no', 'order_number')
   * await op.renameSequence('invoice_no', 'invoice_number', { schema: 'billing' })
   */
  renameSequence(name: string, newName: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'rename_sequence', name, newName, ...schemaOf(options) })
  }

  /**
   * PostgreSQL: moves the sequence past the values the columns hold (their
   * largest; their smallest for a sequence counting down) with `setval`,
   * never back and never outside its bounds, so the next `nextval` does
   * not hand out a value a row already has. Autogenerate writes it for a
   * sequence it drops, so the downgrade, which makes it again at its
   * start, puts it back past the rows. Like every `setval`, it is not undone by a rollback.
   *
   * @example
   * await op.advanceSequence('order_no', [{ table: 'orders', column: 'no' }])
   * await op.advanceSequence('invoice_no', [{ table: 'invoices', column: 'no', schema: 'billing' }], { schema: 'billing' })
   */
  advanceSequence(name: string, columns: readonly SequenceColumn[], options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'advance_sequence', name, columns, ...schemaOf(options) })
  }

  /**
   * PostgreSQL: `DROP SEQUENCE name`; `existing` lets the downgrade create it again.
   *
   * @example
   * await op.dropSequence('order_no', { existing: { name: 'order_no', start: 1000 } })
   */
  dropSequence(name: string, options: SchemaOption & { existing?: Sequence } = {}): Promise<void> {
    const existing = options.existing === undefined ? {} : { existing: options.existing }
    return this.run({ kind: 'drop_sequence', name, ...schemaOf(options), ...existing })
  }

  /**
   * Runs raw SQL, in order with the other operations, online and offline
   * (where it is written to the script). `params` fill `:name`
   * placeholders, as in SQLAlchemy's `text()`, the same on every dialect:
   * bound online, written as literals offline.
   *
   * @example
   * await op.execute("UPDATE users SET email = lower(email) WHERE email <> lower(email)")
   * await op.execute('UPDATE plans SET price = :price WHERE name = :name', { price: 1200, name: 'pro' })
   */
  execute(sql: string, params?: Readonly<Record<string, RowValue>>): Promise<void> {
    return this.run({ kind: 'execute', sql: sqlText(sql, 'op.execute'), ...(params === undefined ? {} : { params }) })
  }

  /**
   * Inserts rows, as Alembic's `bulk_insert`: seed data that works offline
   * too, because the values are rendered as literals.
   *
   * @example
   * await op.bulkInsert('plans', [
   *   { id: 1, name: 'free', monthly_cents: 0 },
   *   { id: 2, name: 'pro', monthly_cents: 1200 },
   * ])
   */
  bulkInsert(table: string, rows: readonly Readonly<Record<string, RowValue>>[], options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'bulk_insert', table, rows, ...schemaOf(options) })
  }

  /**
   * Creates a view from its SELECT; `materialized` (PostgreSQL) stores its
   * rows, `orReplace` replaces a view of that name where the dialect can
   * (a materialized view: kept where it stands with this text, else made again).
   *
   * @example
   * await op.createView('active_users', 'SELECT id, email FROM users WHERE active')
   * await op.createView('order_totals', 'SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id', { materialized: true })
   */
  createView(name: string, definition: string, options: CreateViewOptions = {}): Promise<void> {
    const { orReplace, ...view } = options
    return this.run({ kind: 'create_view', view: { name, definition, ...view }, ...(orReplace === true ? { orReplace } : {}) })
  }

  /**
   * Drops a view (`materialized: true` for PostgreSQL's materialized view);
   * `ifExists` writes DROP VIEW IF EXISTS, so a script outside a transaction
   * can run again after it stopped halfway.
   *
   * @example
   * await op.dropView('active_users')
   * await op.dropView('order_totals', { materialized: true, ifExists: true })
   */
  dropView(name: string, options: DropViewOptions & { ifExists?: boolean } = {}): Promise<void> {
    const guard = options.ifExists === true ? { ifExists: true } : {}
    return this.run({
      kind: 'drop_view',
      name,
      ...schemaOf(options),
      ...(options.materialized === true ? { materialized: true } : {}),
      ...guard,
    })
  }

  /**
   * Gives a view a new definition: CREATE OR REPLACE VIEW on MySQL/MariaDB,
   * DROP and CREATE elsewhere (PostgreSQL refuses to replace a view whose
   * columns change, SQLite has no OR REPLACE).
   *
   * @example
   * await op.replaceView('active_users', 'SELECT id, email, name FROM users WHERE active')
   */
  replaceView(name: string, definition: string, options: DropViewOptions & ViewBehaviour = {}): Promise<void> {
    return this.run({ kind: 'replace_view', view: { name, definition, ...options } })
  }

  /**
   * PostgreSQL: sets a view's comment (`null` removes it), the view left as
   * it is; `existing`, the comment it had, lets the downgrade put it back.
   *
   * @example
   * await op.setViewComment('active_users', 'users seen in the last 30 days', { existing: null })
   */
  setViewComment(name: string, comment: string | null, options: DropViewOptions & { existing?: string | null } = {}): Promise<void> {
    const { schema, materialized, existing } = options
    return this.run({
      kind: 'set_view_comment',
      name,
      comment,
      ...(schema === undefined ? {} : { schema }),
      ...(materialized === true ? { materialized } : {}),
      ...(existing === undefined ? {} : { existing }),
    })
  }

  /**
   * Creates a trigger on `table` from its full `CREATE TRIGGER` statement,
   * run as written (MySQL/MariaDB need no DELIMITER here; `--sql` adds it).
   *
   * @example
   * await op.createTrigger('touch', 'orders', 'CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()')
   */
  createTrigger(name: string, table: string, definition: string, options: SchemaOption = {}): Promise<void> {
    return this.run({
      kind: 'create_trigger',
      trigger: { name, table, definition: sqlText(definition, 'op.createTrigger'), ...schemaOf(options) },
    })
  }

  /**
   * Drops a trigger (PostgreSQL names it within `table`).
   *
   * @example
   * await op.dropTrigger('orders_touch', 'orders')
   */
  dropTrigger(name: string, table: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'drop_trigger', name, table, ...schemaOf(options) })
  }

  /**
   * Creates a function, procedure or (PostgreSQL) aggregate from its full
   * `CREATE FUNCTION|PROCEDURE|AGGREGATE` statement, run as written; which it
   * is, the statement says.
   *
   * @example
   * await op.createRoutine('add_one', 'CREATE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$')
   * await op.createRoutine('total', "CREATE AGGREGATE total (numeric) (sfunc = numeric_add, stype = numeric, initcond = '0')")
   */
  createRoutine(name: string, definition: string, options: SchemaOption & { checkBody?: boolean } = {}): Promise<void> {
    const { checkBody, ...rest } = options
    const routine = routineOf(name, definition, rest, 'op.createRoutine')
    return this.run({ kind: 'create_routine', routine, ...(checkBody === false ? { checkBody } : {}) })
  }

  /**
   * Drops a function (or, with `kind: 'procedure'` or `'aggregate'`, a
   * procedure or an aggregate); PostgreSQL takes `arguments` (`integer, text`)
   * to tell overloads apart.
   *
   * @example
   * await op.dropRoutine('add_one')
   * await op.dropRoutine('archive_orders', { kind: 'procedure' })
   * await op.dropRoutine('add', { arguments: 'text, text' })
   * await op.dropRoutine('total', { kind: 'aggregate', arguments: 'numeric' })
   */
  dropRoutine(name: string, options: DropRoutineOptions = {}): Promise<void> {
    const { kind, arguments: args, ...rest } = options
    return this.run({
      kind: 'drop_routine',
      name,
      routineKind: kind ?? 'function',
      ...schemaOf(rest),
      ...(args === undefined ? {} : { arguments: args }),
    })
  }

  /**
   * Gives a function or procedure a new definition: CREATE OR REPLACE on
   * PostgreSQL (the triggers calling it stay), DROP and CREATE on MySQL/MariaDB.
   *
   * @example
   * await op.replaceRoutine('add_one', 'CREATE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 2 $$')
   */
  replaceRoutine(name: string, definition: string, options: SchemaOption = {}): Promise<void> {
    return this.run({ kind: 'replace_routine', routine: routineOf(name, definition, options, 'op.replaceRoutine') })
  }

  /**
   * Reads rows, for data migrations. Offline (`--sql`) there is no database
   * to read from, so this fails with the revision named: guard with `op.isOffline`.
   * Parameters use the driver's placeholders (`?` on SQLite and MySQL, `$1`
   * on PostgreSQL).
   *
   * @example
   * const rows = await op.query('SELECT id, name FROM legacy_users WHERE active = ?', [1])
   * await op.bulkInsert('users', rows.map((row) => ({ id: Number(row['id']), name: String(row['name']) })))
   */
  query(sql: string, params: readonly RowValue[] = []): Promise<Row[]> {
    sqlText(sql, 'op.query')
    if (this.sink.offline) {
      const where = this.context.source ? ` (${this.context.source})` : ''
      return Promise.reject(
        new AthanorError(
          'OFFLINE_QUERY',
          `revision ${this.context.revision}${where} reads rows with op.query(), which --sql mode cannot do; ` +
            'check op.isOffline in the script',
        ),
      )
    }
    return this.#enqueue(() => this.sink.query(sql, params))
  }

  /**
   * Runs an operation given as data (what autogenerate and tools produce).
   *
   * @example
   * await op.run({ kind: 'add_column', table: 'users', column: { name: 'age', type: { kind: 'integer' } } })
   */
  run(op: Operation): Promise<void> {
    return this.#enqueue(() => this.sink.run(op))
  }

  /**
   * Waits for every queued operation; rethrows the first failure. The runner
   * calls it after `upgrade(op)` returns, so a script that forgot an `await`
   * still finishes before its revision is recorded.
   *
   * @example
   * void op.addColumn('users', { name: 'email', type: t.string(120) }) // not awaited
   * await op.settle() // the column exists, or the failure is thrown here
   */
  async settle(): Promise<void> {
    await this.#queue.catch(() => undefined)
    if (this.#failure) throw this.#failure.error
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    // Taken now, while the script's frame is on the stack: the queue runs the work later, from no caller.
    const site = this.callSites === undefined ? undefined : new Error('call site')
    const result = this.#queue.then(() => {
      // After a failure nothing else runs: the migration is already lost.
      if (this.#failure) throw this.#failure.error
      if (this.callSites !== undefined) this.callSites.current = site
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

/** Only the clauses given, so an operation without them compares and renders as before. */
function onlineDdl(options: OnlineDdl): OnlineDdl {
  return {
    ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
    ...(options.lock === undefined ? {} : { lock: options.lock }),
  }
}

function notValid(options: { readonly notValid?: boolean }): { notValid?: true } {
  return options.notValid === true ? { notValid: true } : {}
}

function orReplace(options: { readonly orReplace?: boolean }): { orReplace?: true } {
  return options.orReplace === true ? { orReplace: true } : {}
}

function schemaOf(options: SchemaOption): { schema?: string } {
  return options.schema ? { schema: options.schema } : {}
}
