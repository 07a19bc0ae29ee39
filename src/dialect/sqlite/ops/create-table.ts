import { AthanorError } from '../../../core/errors.js'
import { INTEGER_KINDS } from '../../default/column-type.js'
import type { CompileContext, Handler } from '../../default/context.js'
import type { Table } from '../../../schema/types.js'
import { afterCreateTable, createTableSql, primaryKeyOf } from '../../default/ops/create-table.js'

/**
 * `CREATE TABLE` for SQLite. Autoincrement is honoured only on a table whose
 * primary key is that one integer column, written inline as
 * `PRIMARY KEY AUTOINCREMENT` (SQLite's only spelling; a composite key
 * cannot autoincrement). Without autoincrement an INTEGER primary key still
 * numbers itself as the rowid alias, reusing freed ids. The table's
 * `sqlite` options follow the columns (see {@link sqliteTableSuffix}).
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
  const suffix = sqliteTableSuffix(table, ctx)
  const options = { ...(inlinePrimaryKey === undefined ? {} : { inlinePrimaryKey }), ...(suffix === '' ? {} : { suffix }) }
  return [{ sql: createTableSql(table, ctx, options) }, ...afterCreateTable(table, ctx)]
}

/** The only column types a STRICT table takes (https://www.sqlite.org/stricttables.html). */
const STRICT_TYPES = new Set(['INT', 'INTEGER', 'REAL', 'TEXT', 'BLOB', 'ANY'])

/**
 * ` WITHOUT ROWID, STRICT` (or either) after the columns, for a table whose
 * `sqlite` options ask for them. What SQLite would refuse when the table is
 * made fails here, naming the table and column: a STRICT column of another
 * type than INT, INTEGER, REAL, TEXT, BLOB or ANY, a WITHOUT ROWID table
 * with no primary key or with AUTOINCREMENT.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const key: Column = { name: 'k', type: { kind: 'text' }, primaryKey: true }
 * const kv: Table = { name: 'kv', columns: [key], sqlite: { strict: true, withoutRowid: true } }
 * sqliteTableSuffix(kv, ctx) // ' WITHOUT ROWID, STRICT'
 */
export function sqliteTableSuffix(table: Table, ctx: CompileContext): string {
  const options: string[] = []
  if (table.sqlite?.withoutRowid === true) {
    if (primaryKeyOf(table) === undefined) {
      throw new AthanorError(
        'INVALID_MODEL',
        `Table "${table.name}" is WITHOUT ROWID, which SQLite allows only on a table with a primary key`,
      )
    }
    const auto = table.columns.find((c) => c.autoincrement === true)
    if (auto !== undefined) {
      throw new AthanorError(
        'INVALID_AUTOINCREMENT',
        `Table "${table.name}" is WITHOUT ROWID, which has no rowid to number column "${auto.name}" by: drop its autoincrement`,
      )
    }
    options.push('WITHOUT ROWID')
  }
  if (table.sqlite?.strict === true) {
    for (const column of table.columns) {
      const type = ctx.renderType(column.type, { table: table.name, column: column.name })
      if (!STRICT_TYPES.has(type.toUpperCase())) {
        throw new AthanorError(
          'UNSUPPORTED_COLUMN',
          `Table "${table.name}" is STRICT, whose columns SQLite types as INT, INTEGER, REAL, TEXT, BLOB or ANY only: ` +
            `column "${column.name}" is ${type}`,
        )
      }
    }
    options.push('STRICT')
  }
  return options.length === 0 ? '' : ` ${options.join(', ')}`
}
