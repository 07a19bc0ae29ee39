import type { Handler } from '../../default/context.js'
import { afterCreateTable, createTableSql } from '../../default/ops/create-table.js'

/**
 * `CREATE TABLE` with the table comment as a table option (`COMMENT='…'`);
 * column comments are inline in their definitions.
 *
 * @example
 * mysqlCreateTable({ kind: 'create_table', table: { name: 't', comment: 'x', columns } }, ctx)
 * // [{ sql: "CREATE TABLE `t` (\n  ...\n) COMMENT='x'" }]
 */
export const mysqlCreateTable: Handler<'create_table'> = (op, ctx) => {
  const suffix = op.table.comment === undefined ? '' : ` COMMENT=${ctx.renderLiteral(op.table.comment)}`
  return [{ sql: createTableSql(op.table, ctx, { suffix }) }, ...afterCreateTable(op.table, ctx)]
}

/**
 * `RENAME TABLE a TO b`. The new name carries the old schema: an
 * unqualified target would move the table into the session's default
 * database (https://dev.mysql.com/doc/refman/8.0/en/rename-table.html).
 *
 * @example
 * mysqlRenameTable({ kind: 'rename_table', schema: 'app', table: 'a', newName: 'b' }, ctx)
 * // [{ sql: 'RENAME TABLE `app`.`a` TO `app`.`b`' }]
 */
export const mysqlRenameTable: Handler<'rename_table'> = (op, ctx) => {
  const target = ctx.quoteTable({ table: op.newName, ...(op.schema === undefined ? {} : { schema: op.schema }) })
  return [{ sql: `RENAME TABLE ${ctx.quoteTable(op)} TO ${target}` }]
}

/**
 * `DROP INDEX ix ON t`: MySQL indexes belong to their table.
 *
 * @example
 * mysqlDropIndex({ kind: 'drop_index', table: 't', name: 'ix' }, ctx) // [{ sql: 'DROP INDEX `ix` ON `t`' }]
 */
export const mysqlDropIndex: Handler<'drop_index'> = (op, ctx) => [
  { sql: `DROP INDEX ${ctx.quoteIdentifier(op.name)} ON ${ctx.quoteTable(op)}` },
]

/**
 * A row of defaults: MySQL has no `DEFAULT VALUES`, it takes `() VALUES ()`.
 *
 * @example
 * mysqlEmptyRow('`t`') // 'INSERT INTO `t` () VALUES ()'
 */
export function mysqlEmptyRow(table: string): string {
  return `INSERT INTO ${table} () VALUES ()`
}
