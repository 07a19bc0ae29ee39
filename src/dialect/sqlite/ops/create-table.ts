import { AthanorError } from '../../../core/errors.js'
import { INTEGER_KINDS } from '../../default/column-type.js'
import type { Handler } from '../../default/context.js'
import { afterCreateTable, createTableSql, primaryKeyOf } from '../../default/ops/create-table.js'

/**
 * `CREATE TABLE` for SQLite. Autoincrement is honoured only on a table whose
 * primary key is that one integer column, written inline as
 * `PRIMARY KEY AUTOINCREMENT` (SQLite's only spelling; a composite key
 * cannot autoincrement). Without autoincrement an INTEGER primary key still
 * numbers itself as the rowid alias, reusing freed ids.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const tag: Table = { name: 'tag', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true }] }
 * sqliteCreateTable({ kind: 'create_table', table: tag }, ctx)
 * // [{ sql: 'CREATE TABLE "tag" (\n  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT\n)' }]
 */
export const sqliteCreateTable: Handler<'create_table'> = (op, ctx) => {
  const { table } = op
  const auto = table.columns.filter((c) => c.autoincrement === true)
  let inlinePrimaryKey: string | undefined
  const first = auto[0]
  if (first !== undefined) {
    const pk = primaryKeyOf(table)
    if (auto.length > 1 || pk?.columns.length !== 1 || pk.columns[0] !== first.name || !INTEGER_KINDS.has(first.type.kind)) {
      throw new AthanorError(
        'INVALID_AUTOINCREMENT',
        `Table "${table.name}": SQLite autoincrements only a single-column integer primary key, not column "${first.name}"`,
      )
    }
    inlinePrimaryKey = first.name
  }
  return [{ sql: createTableSql(table, ctx, inlinePrimaryKey === undefined ? {} : { inlinePrimaryKey }) }, ...afterCreateTable(table, ctx)]
}
