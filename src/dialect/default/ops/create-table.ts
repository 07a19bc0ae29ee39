import { AthanorError } from '../../../core/errors.js'
import type { Index, PrimaryKeyConstraint, Table } from '../../../schema/types.js'
import type { TableRef } from '../../../ops/operation.js'
import type { Statement } from '../../types.js'
import { checkClause, foreignKeyClause, primaryKeyClause, uniqueClause } from '../constraint.js'
import { indexKindWord, indexNullsNotDistinct, indexVisibility } from '../index-clauses.js'
import { indexColumns } from '../index-columns.js'
import type { CompileContext, Handler } from '../context.js'

/**
 * The table's primary key: the table-level constraint when given, else the
 * columns marked `primaryKey`. A column marked but missing from the
 * table-level list is a contradiction and refused.
 *
 * @example
 * primaryKeyOf({ name: 't', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] })
 * // { columns: ['id'] }
 */
export function primaryKeyOf(table: Table): PrimaryKeyConstraint | undefined {
  const marked = table.columns.filter((c) => c.primaryKey === true).map((c) => c.name)
  if (table.primaryKey !== undefined) {
    const stray = marked.filter((c) => !table.primaryKey?.columns.includes(c))
    if (stray.length > 0) {
      throw new AthanorError(
        'INVALID_CONSTRAINT',
        `Table "${table.name}": column ${stray.map((c) => `"${c}"`).join(', ')} is marked primaryKey but is not in the table's primary key`,
      )
    }
    return table.primaryKey
  }
  return marked.length === 0 ? undefined : { columns: marked }
}

/** How a dialect adjusts `CREATE TABLE`. */
export interface CreateTableOptions {
  /** The column whose primary key is written inline (SQLite's AUTOINCREMENT). */
  readonly inlinePrimaryKey?: string
  /** A word between CREATE and TABLE (PostgreSQL's `UNLOGGED`). */
  readonly persistence?: string
  /** Table options after the closing parenthesis (MySQL's `COMMENT=`). */
  readonly suffix?: string
  /** Indexes on plain columns declared among the columns (MySQL's `INDEX` clause) rather than by CREATE INDEX after. */
  readonly inlineIndexes?: readonly Index[]
  /** The dialect writes the table's `postgresql.partitionBy` (in `suffix`); others refuse a table that has one. */
  readonly partitions?: boolean
}

/**
 * `CREATE TABLE` with its columns and every table-level constraint inline,
 * one element a line so a printed script reads well.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * createTableSql({ name: 't', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }, ctx)
 * // PostgreSQL: 'CREATE TABLE "t" (\n  "id" INTEGER NOT NULL,\n  PRIMARY KEY ("id")\n)'
 */
export function createTableSql(table: Table, ctx: CompileContext, options: CreateTableOptions = {}): string {
  if (table.columns.length === 0) throw new AthanorError('INVALID_TABLE', `Table "${table.name}" has no columns`)
  if (table.postgresql?.partitionBy !== undefined && options.partitions !== true) {
    throw new AthanorError(
      'INVALID_TABLE_OPTION',
      `Table "${table.name}": postgresql.partitionBy is PostgreSQL's declarative partitioning, which this database does not have`,
    )
  }
  const ref: TableRef = table.schema === undefined ? { table: table.name } : { table: table.name, schema: table.schema }
  const pk = primaryKeyOf(table)
  const pkColumns = new Set(pk?.columns ?? [])
  const lines = table.columns.map((column) => {
    const col = pkColumns.has(column.name) ? { ...column, nullable: false } : column
    const inline = options.inlinePrimaryKey === column.name ? { inlinePrimaryKey: pk?.name === undefined ? {} : { name: pk.name } } : {}
    return ctx.columnDefinition(col, ref, { purpose: 'create', ...inline })
  })
  if (pk !== undefined && options.inlinePrimaryKey === undefined) lines.push(primaryKeyClause(pk, ctx))
  for (const uq of table.uniqueConstraints ?? []) lines.push(uniqueClause(uq, ctx))
  for (const fk of table.foreignKeys ?? []) lines.push(foreignKeyClause(fk, ctx))
  for (const ck of table.checkConstraints ?? []) lines.push(checkClause(ck, ctx))
  for (const index of options.inlineIndexes ?? []) {
    const keys = `${indexColumns(index, ctx)}${indexNullsNotDistinct(index, ctx)}${indexVisibility(index, ctx)}`
    lines.push(`${indexKindWord(index, ctx)}INDEX ${ctx.quoteIdentifier(index.name)} ${keys}`)
  }
  const create = options.persistence === undefined ? 'CREATE TABLE' : `CREATE ${options.persistence} TABLE`
  return `${create} ${ctx.quoteTable(ref)} (\n  ${lines.join(',\n  ')}\n)${options.suffix ?? ''}`
}

/**
 * The statements that follow `CREATE TABLE`: comments (where they are
 * separate statements) and the table's indexes.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const table: Table = { name: 't', columns: [{ name: 'a', type: { kind: 'text' } }], indexes: [{ name: 'ix_t_a', columns: ['a'] }] }
 * afterCreateTable(table, ctx) // PostgreSQL: [{ sql: 'CREATE INDEX "ix_t_a" ON "t" ("a")' }]
 */
export function afterCreateTable(table: Table, ctx: CompileContext): Statement[] {
  const ref: TableRef = table.schema === undefined ? { table: table.name } : { table: table.name, schema: table.schema }
  const out: Statement[] = []
  if (table.comment !== undefined) out.push(...ctx.commentOn(ref, table.comment))
  for (const column of table.columns) {
    if (column.comment !== undefined) out.push(...ctx.commentOn({ ...ref, column: column.name }, column.comment))
  }
  for (const index of table.indexes ?? []) out.push(...ctx.compileSql({ kind: 'create_index', ...ref, index }))
  return out
}

/**
 * `create_table`: the table, then its comments and indexes.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const tag: Table = { name: 'tag', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }
 * createTable({ kind: 'create_table', table: tag }, ctx)
 * // PostgreSQL: [{ sql: 'CREATE TABLE "tag" (\n  "id" INTEGER NOT NULL,\n  PRIMARY KEY ("id")\n)' }]
 */
export const createTable: Handler<'create_table'> = (op, ctx) => [
  { sql: createTableSql(op.table, ctx) },
  ...afterCreateTable(op.table, ctx),
]
