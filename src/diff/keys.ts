import type { Column, Table } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { TableName } from './options.js'

/**
 * A table's identity for matching: schema (default filled in) and name, in
 * the dialect's case rules.
 *
 * @example
 * tableKey({ name: 'User' }, diffHooksFor('sqlite')) // '.user'
 */
export function tableKey(table: TableName, hooks: DiffHooks): string {
  return `${hooks.nameKey(table.schema ?? hooks.defaultSchema)}.${hooks.nameKey(table.name)}`
}

/**
 * The key of the table a foreign key refers to.
 *
 * @example
 * referredKey({ referredTable: 'users', referredSchema: 'auth' }, diffHooksFor('postgresql')) // 'auth.users'
 */
export function referredKey(fk: { readonly referredTable: string; readonly referredSchema?: string }, hooks: DiffHooks): string {
  return tableKey({ name: fk.referredTable, ...(fk.referredSchema === undefined ? {} : { schema: fk.referredSchema }) }, hooks)
}

/**
 * `{ table, schema? }` for an operation on `table`.
 *
 * @example
 * refOf({ name: 'users' }) // { table: 'users' }
 */
export function refOf(table: TableName): { table: string; schema?: string } {
  return table.schema === undefined ? { table: table.name } : { table: table.name, schema: table.schema }
}

/**
 * A column list's key, for matching constraints by their columns.
 *
 * @example
 * columnsKey(['a', 'B'], diffHooksFor('postgresql')) // 'a,B' (SQLite: 'a,b')
 */
export function columnsKey(columns: readonly string[], hooks: DiffHooks): string {
  return columns.map((c) => hooks.nameKey(c)).join(',')
}

/**
 * The columns of the table's primary key: the table-level one or those marked.
 *
 * @example
 * primaryKeyColumns({ name: 't', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }) // ['id']
 */
export function primaryKeyColumns(table: Table): readonly string[] {
  return table.primaryKey?.columns ?? table.columns.filter((c) => c.primaryKey === true).map((c) => c.name)
}

/**
 * The column lists a table holds unique: its primary key, unique columns,
 * unique constraints and plain unique indexes (no predicate, no
 * expressions), which a foreign key may refer to.
 *
 * @example
 * uniqueColumnSets({ name: 't', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }) // [['id']]
 */
export function uniqueColumnSets(table: Table): (readonly string[])[] {
  return [
    primaryKeyColumns(table),
    ...table.columns.filter((column) => column.unique === true).map((column) => [column.name]),
    ...(table.uniqueConstraints ?? []).map((unique) => unique.columns),
    ...(table.indexes ?? [])
      .filter((index) => index.unique === true && index.where === undefined && index.expressions !== true)
      .map((index) => index.columns),
  ].filter((columns) => columns.length > 0)
}

/**
 * Whether the column accepts NULL: a key column never does, nor a numbered one.
 *
 * @example
 * isNullable({ name: 'a', type: { kind: 'text' } }, []) // true
 */
export function isNullable(column: Column, primaryKey: readonly string[]): boolean {
  // Every database makes a numbered column NOT NULL (identity, SERIAL, AUTO_INCREMENT), asked or not.
  return column.nullable !== false && column.primaryKey !== true && column.autoincrement !== true && !primaryKey.includes(column.name)
}
