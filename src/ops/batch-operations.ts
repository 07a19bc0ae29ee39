import { toColumnType, toDefaultValue } from '../schema/column-types.js'
import type { Column } from '../schema/types.js'
import { uniqueTraits } from '../schema/unique-deferral.js'
import { foreignKeyConstraint } from './foreign-key.js'
import { refuseUnknownAlterKeys } from './alter-column-keys.js'
import type { BatchOperation, ColumnChanges, ConstraintType } from './operation.js'
import type { AlterColumnInput, ColumnInput, ForeignKeyOptions, IndexOptions } from './inputs.js'

/**
 * What `op.batchAlterTable(table, (batch) => …)` hands its callback: the
 * table changes of `op`, without the table argument, collected so they run
 * as one change (on SQLite, one table rebuild), as Alembic's `batch_op`.
 *
 * @example
 * await op.batchAlterTable('user', (batch) => {
 *   batch.alterColumn('email', { nullable: false })
 *   batch.createUniqueConstraint('uq_user_email', ['email'])
 * })
 */
export class BatchOperations {
  readonly #ops: BatchOperation[] = []
  readonly #ref: { readonly table: string; readonly schema?: string }

  constructor(table: string, schema?: string) {
    this.#ref = schema === undefined ? { table } : { table, schema }
  }

  /**
   * The changes collected so far, in order: what the batch runs as one
   * `batch_alter_table` operation.
   *
   * @example
   * batch.dropColumn('legacy_token')
   * batch.operations.map((change) => change.kind) // ['drop_column']
   */
  get operations(): readonly BatchOperation[] {
    return this.#ops
  }

  /**
   * Adds a column to the batch's table. On SQLite, a column ADD COLUMN
   * cannot make (primary key, unique, non-constant default) joins the
   * batch's one table rebuild.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => {
   *   batch.addColumn({ name: 'org_id', type: 'integer', nullable: false, serverDefault: 1 })
   *   batch.createForeignKey('fk_users_org_id_orgs', 'orgs', ['org_id'], ['id'])
   * })
   */
  addColumn(column: ColumnInput): void {
    this.#ops.push({ kind: 'add_column', ...this.#ref, column: toColumn(column) })
  }

  /**
   * Drops a column of the batch's table.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => batch.dropColumn('legacy_token'))
   */
  dropColumn(column: string): void {
    this.#ops.push({ kind: 'drop_column', ...this.#ref, column })
  }

  /**
   * Changes a column of the batch's table: type, nullability, default, name
   * or comment. On SQLite a change of type, nullability or default is a
   * table rebuild; in a batch, all of them share one.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => {
   *   batch.alterColumn('email', { type: t.string(200), nullable: false })
   * })
   */
  alterColumn(column: string, input: Omit<AlterColumnInput, 'schema'>): void {
    refuseUnknownAlterKeys(input, this.#ref.table, column, 'batch')
    const { existing, type, serverDefault, safe, algorithm, lock, ...rest } = input
    const changes: ColumnChanges = {
      ...rest,
      ...(type === undefined ? {} : { type: toColumnType(type) }),
      ...(serverDefault === undefined ? {} : { serverDefault: serverDefault === null ? null : toDefaultValue(serverDefault) }),
    }
    const known = existing ? { existing: toColumn(existing) } : {}
    const online = { ...(algorithm === undefined ? {} : { algorithm }), ...(lock === undefined ? {} : { lock }) }
    this.#ops.push({ kind: 'alter_column', ...this.#ref, column, changes, ...known, ...(safe === true ? { safe } : {}), ...online })
  }

  /**
   * Creates an index on the batch's table.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => batch.createIndex('ix_users_org_id', ['org_id']))
   */
  createIndex(name: string, columns: readonly string[], options: IndexOptions = {}): void {
    this.#ops.push({ kind: 'create_index', ...this.#ref, index: { name, columns, ...options } })
  }

  /**
   * Drops an index of the batch's table.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => batch.dropIndex('ix_users_org_id'))
   */
  dropIndex(name: string): void {
    this.#ops.push({ kind: 'drop_index', ...this.#ref, name })
  }

  /**
   * Adds a unique constraint to the batch's table; SQLite has no ALTER TABLE
   * for it, so there it joins the batch's one table rebuild.
   *
   * @example
   * await op.batchAlterTable('users', (batch) => batch.createUniqueConstraint('uq_users_email', ['email']))
   */
  createUniqueConstraint(
    name: string | null,
    columns: readonly string[],
    options: {
      readonly deferrable?: boolean
      readonly initiallyDeferred?: boolean
      readonly nullsNotDistinct?: boolean
      readonly include?: readonly string[]
    } = {},
  ): void {
    const constraint = { ...(name ? { name } : {}), columns, ...uniqueTraits(options) }
    this.#ops.push({ kind: 'create_unique_constraint', ...this.#ref, constraint })
  }

  /**
   * Adds a foreign key from the batch's table, in Alembic's order: name,
   * referent table, local columns, remote columns.
   *
   * @example
   * await op.batchAlterTable('posts', (batch) => {
   *   batch.createForeignKey('fk_posts_user_id_users', 'users', ['user_id'], ['id'], { onDelete: 'CASCADE' })
   * })
   */
  createForeignKey(
    name: string | null,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: Omit<ForeignKeyOptions, 'sourceSchema'> = {},
  ): void {
    const constraint = foreignKeyConstraint(name, referentTable, localColumns, remoteColumns, options)
    this.#ops.push({ kind: 'create_foreign_key', ...this.#ref, constraint })
  }

  /**
   * Adds a CHECK constraint to the batch's table; the condition is SQL,
   * written as is.
   *
   * @example
   * await op.batchAlterTable('products', (batch) => batch.createCheckConstraint('ck_products_price', 'price >= 0'))
   */
  createCheckConstraint(name: string | null, condition: string): void {
    this.#ops.push({ kind: 'create_check_constraint', ...this.#ref, constraint: { ...(name ? { name } : {}), expression: condition } })
  }

  /**
   * Drops a constraint by name, or, when it has none (SQLite's), by its
   * key columns or a check by its expression.
   *
   * @example
   * await op.batchAlterTable('posts', (batch) => {
   *   batch.dropConstraint(null, { type: 'foreignkey', columns: ['user_id'] })
   *   batch.dropConstraint(null, { type: 'check', expression: 'length(title) > 0' })
   * })
   */
  dropConstraint(name: string | null, options: { type?: ConstraintType; columns?: readonly string[]; expression?: string } = {}): void {
    this.#ops.push({
      kind: 'drop_constraint',
      ...this.#ref,
      name: name ?? '',
      ...(options.type ? { type: options.type } : {}),
      ...(options.columns ? { columns: options.columns } : {}),
      ...(options.expression ? { expression: options.expression } : {}),
    })
  }
}

function toColumn(input: ColumnInput): Column {
  const { type, serverDefault, ...rest } = input
  return { ...rest, type: toColumnType(type), ...(serverDefault === undefined ? {} : { serverDefault: toDefaultValue(serverDefault) }) }
}
