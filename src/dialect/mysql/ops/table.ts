import { AthanorError } from '../../../core/errors.js'
import { refuseUnkeyedAutoincrement } from './autoincrement-key.js'
import { refuseWholeLongValueKeys } from './long-value-keys.js'
import type { Handler } from '../../default/context.js'
import { afterCreateTable, createTableSql } from '../../default/ops/create-table.js'

/**
 * `CREATE TABLE` with its table options: `ENGINE=InnoDB DEFAULT
 * CHARSET=utf8mb4` unless the table says otherwise (the server's defaults
 * vary: MyISAM and latin1 on old installs), then the comment. Column
 * comments and indexes on plain columns are inline in their definitions;
 * expression indexes follow as CREATE INDEX.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const columns: Column[] = [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }]
 * mysqlCreateTable({ kind: 'create_table', table: { name: 't', comment: 'x', columns } }, ctx)
 * // [{ sql: "CREATE TABLE `t` (\n  `id` INT NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='x'" }]
 */
export const mysqlCreateTable: Handler<'create_table'> = (op, ctx) => {
  const { table } = op
  const options = [
    `ENGINE=${optionWord(table.mysql?.engine ?? 'InnoDB', 'engine', table.name)}`,
    `DEFAULT CHARSET=${optionWord(table.mysql?.charset ?? 'utf8mb4', 'charset', table.name)}`,
    ...(table.mysql?.collate === undefined ? [] : [`COLLATE=${optionWord(table.mysql.collate, 'collate', table.name)}`]),
    ...(table.mysql?.autoIncrement === undefined ? [] : [`AUTO_INCREMENT=${startNumber(table.mysql.autoIncrement, table.name)}`]),
    ...(table.comment === undefined ? [] : [`COMMENT=${ctx.renderLiteral(table.comment)}`]),
  ]
  // Indexes on plain columns are declared in the CREATE TABLE: every DDL statement is a data-dictionary
  // change and an implicit commit of its own, so one statement instead of one per index is the cheaper table.
  const indexes = table.indexes ?? []
  const inlineIndexes = indexes.filter((index) => index.expressions !== true && index.where === undefined)
  refuseWholeLongValueKeys(table)
  refuseUnkeyedAutoincrement(table)
  const rest = { ...table, indexes: indexes.filter((index) => !inlineIndexes.includes(index)) }
  return [{ sql: createTableSql(table, ctx, { suffix: ` ${options.join(' ')}`, inlineIndexes }) }, ...afterCreateTable(rest, ctx)]
}

// Engine, charset and collation names are bare words in the DDL; anything
// else would be SQL injected into it.
function optionWord(value: string, what: string, table: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(value)) {
    throw new AthanorError(
      'INVALID_TABLE_OPTION',
      `Table "${table}": MySQL ${what} must be a plain name (letters, digits, _), got ${JSON.stringify(value)}`,
    )
  }
  return value
}

// AUTO_INCREMENT= takes a whole number from 1; the server silently makes anything else 1 or refuses it.
function startNumber(value: number, table: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new AthanorError('INVALID_TABLE_OPTION', `Table "${table}": MySQL autoIncrement must be a whole number from 1, got ${value}`)
  }
  return value
}

/**
 * `RENAME TABLE a TO b`. The new name carries the old schema: an
 * unqualified target would move the table into the session's default
 * database (https://dev.mysql.com/doc/refman/8.0/en/rename-table.html).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
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
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlDropIndex({ kind: 'drop_index', table: 't', name: 'ix' }, ctx) // [{ sql: 'DROP INDEX `ix` ON `t`' }]
 */
export const mysqlDropIndex: Handler<'drop_index'> = (op, ctx) => [
  { sql: `DROP INDEX ${op.ifExists === true ? 'IF EXISTS ' : ''}${ctx.quoteIdentifier(op.name)} ON ${ctx.quoteTable(op)}` },
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

/**
 * A table's comment in MySQL's words: `ALTER TABLE t COMMENT = '…'`, where
 * an empty comment is none.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlSetTableComment({ kind: 'set_table_comment', table: 'users', comment: null }, ctx) // [{ sql: "ALTER TABLE `users` COMMENT = ''" }]
 */
export const mysqlSetTableComment: Handler<'set_table_comment'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} COMMENT = ${ctx.renderLiteral(op.comment ?? '')}` },
]
