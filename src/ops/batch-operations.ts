import { toColumnType, toDefaultValue } from '../schema/column-types.js'
import type { Column } from '../schema/types.js'
import { foreignKeyConstraint } from './foreign-key.js'
import type { BatchOperation, ColumnChanges, ConstraintType } from './operation.js'
import type { AlterColumnInput, ColumnInput, ForeignKeyOptions } from './operations.js'

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

  /** The changes collected so far, in order. */
  get operations(): readonly BatchOperation[] {
    return this.#ops
  }

  addColumn(column: ColumnInput): void {
    this.#ops.push({ kind: 'add_column', ...this.#ref, column: toColumn(column) })
  }

  dropColumn(column: string): void {
    this.#ops.push({ kind: 'drop_column', ...this.#ref, column })
  }

  alterColumn(column: string, input: Omit<AlterColumnInput, 'schema'>): void {
    const { existing, type, serverDefault, ...rest } = input
    const changes: ColumnChanges = {
      ...rest,
      ...(type === undefined ? {} : { type: toColumnType(type) }),
      ...(serverDefault === undefined ? {} : { serverDefault: serverDefault === null ? null : toDefaultValue(serverDefault) }),
    }
    this.#ops.push({ kind: 'alter_column', ...this.#ref, column, changes, ...(existing ? { existing: toColumn(existing) } : {}) })
  }

  createIndex(name: string, columns: readonly string[], options: { unique?: boolean; where?: string; expressions?: boolean } = {}): void {
    this.#ops.push({ kind: 'create_index', ...this.#ref, index: { name, columns, ...options } })
  }

  dropIndex(name: string): void {
    this.#ops.push({ kind: 'drop_index', ...this.#ref, name })
  }

  createUniqueConstraint(name: string | null, columns: readonly string[]): void {
    this.#ops.push({ kind: 'create_unique_constraint', ...this.#ref, constraint: { ...(name ? { name } : {}), columns } })
  }

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

  createCheckConstraint(name: string | null, condition: string): void {
    this.#ops.push({ kind: 'create_check_constraint', ...this.#ref, constraint: { ...(name ? { name } : {}), expression: condition } })
  }

  /**
   * Drops a constraint by name, or, when it has none (SQLite's foreign
   * keys), by its key columns: `batch.dropConstraint(null, { type: 'foreignkey', columns: ['user_id'] })`.
   */
  dropConstraint(name: string | null, options: { type?: ConstraintType; columns?: readonly string[] } = {}): void {
    this.#ops.push({
      kind: 'drop_constraint',
      ...this.#ref,
      name: name ?? '',
      ...(options.type ? { type: options.type } : {}),
      ...(options.columns ? { columns: options.columns } : {}),
    })
  }
}

function toColumn(input: ColumnInput): Column {
  const { type, serverDefault, ...rest } = input
  return { ...rest, type: toColumnType(type), ...(serverDefault === undefined ? {} : { serverDefault: toDefaultValue(serverDefault) }) }
}
