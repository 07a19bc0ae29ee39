import type { Column, DefaultValue } from '../../schema/types.js'
import type { TableRef } from '../../ops/operation.js'
import type { ColumnAt } from '../types.js'
import { checkAutoincrement, enumCheck, isNotNull, renderDefaultValue } from '../default/column.js'
import { constraintName } from '../default/constraint.js'
import { refuseMysqlOnlyColumn } from '../default/column-type.js'
import type { ColumnPurpose, CompileContext } from '../default/context.js'

const BARE_DEFAULTS =
  /^(?:CURRENT_TIME|CURRENT_DATE|CURRENT_TIMESTAMP|NULL|TRUE|FALSE|[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|'(?:[^']|'')*')$/i

/**
 * A default as SQLite reads it: an expression other than a literal or one of
 * the CURRENT_* keywords must be parenthesised
 * (https://sqlite.org/lang_createtable.html#the_default_clause), so
 * `datetime('now')` becomes `(datetime('now'))`.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * sqliteDefault({ kind: 'expression', sql: "datetime('now')" }, ctx) // "(datetime('now'))"
 */
export function sqliteDefault(value: DefaultValue, ctx: CompileContext, _at?: ColumnAt): string {
  if (value.kind === 'literal') return renderDefaultValue(value, ctx)
  const sql = value.sql.trim()
  return BARE_DEFAULTS.test(sql) ? sql : `(${sql})`
}

/**
 * True when ADD COLUMN may carry this default: SQLite refuses CURRENT_* and
 * parenthesised expressions there, since existing rows would need evaluating.
 *
 * @example
 * isConstantDefault({ kind: 'literal', value: 1 }) // true
 */
export function isConstantDefault(value: DefaultValue): boolean {
  if (value.kind === 'literal') return true
  return /^(?:NULL|TRUE|FALSE|[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|'(?:[^']|'')*')$/i.test(value.sql.trim())
}

/**
 * A SQLite column definition. With the inline primary key, the column reads
 * `INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT`; the type must be spelled
 * exactly INTEGER for the column to alias the rowid and accept AUTOINCREMENT
 * (https://sqlite.org/autoinc.html), whatever integer width was asked for.
 * Comments are dropped: SQLite stores none.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * sqliteColumnDefinition({ name: 'n', type: { kind: 'text' }, nullable: false }, { table: 't' }, { purpose: 'create' }, ctx)
 * // '"n" TEXT NOT NULL'
 */
export function sqliteColumnDefinition(column: Column, table: TableRef, how: ColumnPurpose, ctx: CompileContext): string {
  const at = { table: table.table, column: column.name }
  checkAutoincrement(column, table)
  refuseMysqlOnlyColumn(column, at)
  const inlinePk = how.inlinePrimaryKey
  const type = inlinePk !== undefined && column.autoincrement === true ? 'INTEGER' : ctx.renderType(column.type, at)
  const parts = [ctx.quoteIdentifier(column.name), type]
  if (column.collation !== undefined) parts.push(`COLLATE ${ctx.quoteIdentifier(column.collation)}`)
  const generated = column.generated
  if (generated !== undefined)
    parts.push(`GENERATED ALWAYS AS (${generated.expression}) ${generated.stored === true ? 'STORED' : 'VIRTUAL'}`)
  if (isNotNull(column)) parts.push('NOT NULL')
  if (column.serverDefault !== undefined && generated === undefined) parts.push(`DEFAULT ${ctx.renderDefault(column.serverDefault, at)}`)
  if (inlinePk !== undefined) {
    parts.push(`${constraintName(inlinePk.name, ctx)}PRIMARY KEY${column.autoincrement === true ? ' AUTOINCREMENT' : ''}`)
  }
  if (column.unique === true) parts.push('UNIQUE')
  const check = enumCheck(column, ctx, at)
  if (check !== undefined) parts.push(check)
  return parts.join(' ')
}
