import type { Column, ColumnType, DefaultValue, SpatialReference } from '../../schema/types.js'
import type { ColumnAt } from '../types.js'
import type { TableRef } from '../../ops/operation.js'
import { checkAutoincrement, isNotNull } from '../default/column.js'
import { timestampPrecision } from './column-type.js'
import type { ColumnPurpose, CompileContext } from '../default/context.js'

/**
 * A MySQL column definition:
 * `name TYPE [SRID n] [COLLATE c] [NOT NULL | NULL] [DEFAULT x] [ON UPDATE CURRENT_TIMESTAMP] [AUTO_INCREMENT]
 * [INVISIBLE] [PRIMARY KEY] [UNIQUE] [COMMENT '…']`.
 * For MODIFY/CHANGE the definition replaces the old one entirely
 * (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html), so it restates
 * NULL explicitly and keeps AUTO_INCREMENT, the comment, INVISIBLE and the SRID,
 * but never the keys: restating PRIMARY KEY or UNIQUE would add a second one.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const id: Column = { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true }
 * mysqlColumnDefinition(id, { table: 't' }, { purpose: 'create' }, ctx)
 * // '`id` INT NOT NULL AUTO_INCREMENT'
 */
export function mysqlColumnDefinition(column: Column, table: TableRef, how: ColumnPurpose, ctx: CompileContext): string {
  const at = { table: table.table, column: column.name }
  // AUTO_INCREMENT numbers FLOAT and DOUBLE columns too (deprecated on MySQL 8.0.17, still made), so a pulled one round-trips.
  checkAutoincrement(column, table, true)
  const parts = [ctx.quoteIdentifier(column.name), ctx.renderType(column.type, at)]
  if (column.srid !== undefined) parts.push(mysqlSpatialReference(column.srid))
  if (column.collation !== undefined) parts.push(`COLLATE ${ctx.quoteIdentifier(column.collation)}`)
  const generated = column.generated
  if (generated !== undefined) parts.push(`AS (${generated.expression}) ${generated.stored === true ? 'STORED' : 'VIRTUAL'}`)
  if (isNotNull(column)) parts.push('NOT NULL')
  else if (how.purpose === 'modify' && generated === undefined) parts.push('NULL')
  if (column.serverDefault !== undefined && generated === undefined)
    parts.push(`DEFAULT ${mysqlDefault(column.type, column.serverDefault, ctx, at)}`)
  if (column.type.kind === 'timestamp' && column.type.onUpdateNow === true) parts.push(`ON UPDATE ${currentTimestamp(column.type)}`)
  if (column.autoincrement === true) parts.push('AUTO_INCREMENT')
  if (column.invisible === true) parts.push('INVISIBLE')
  if (how.purpose === 'add' && column.primaryKey === true) parts.push('PRIMARY KEY')
  if (how.purpose !== 'modify' && column.unique === true) parts.push('UNIQUE')
  if (column.comment !== undefined) parts.push(`COMMENT ${ctx.renderLiteral(column.comment)}`)
  return parts.join(' ')
}

/**
 * A spatial column's SRID as the server says it: MariaDB's `REF_SYSTEM_ID=n`
 * (https://mariadb.com/kb/en/geometry-columns-table/), MySQL 8's `SRID n`
 * (https://dev.mysql.com/doc/refman/8.0/en/spatial-type-overview.html), each
 * refusing the other's. Read from a server, it is that server's spelling;
 * declared by the models, which serve either, it is both, each in a comment
 * only its own server runs: MariaDB runs `/*M!NNNNNN … *\/` from that version
 * and skips MySQL's `/*!NNNNN … *\/` for 5.7 and later; MySQL runs the latter
 * and takes the former for a plain comment
 * (https://mariadb.com/kb/en/comment-syntax/#executable-comment-syntax).
 *
 * @example
 * mysqlSpatialReference({ id: 4326, spelling: 'SRID' }) // 'SRID 4326'
 * mysqlSpatialReference({ id: 4326 }) // '/*M!100201 REF_SYSTEM_ID=4326*\/ /*!80003 SRID 4326*\/'
 */
export function mysqlSpatialReference(srid: SpatialReference): string {
  if (srid.spelling === 'SRID') return `SRID ${srid.id}`
  if (srid.spelling === 'REF_SYSTEM_ID') return `REF_SYSTEM_ID=${srid.id}`
  return `/*M!100201 REF_SYSTEM_ID=${srid.id}*/ /*!80003 SRID ${srid.id}*/`
}

const NOW = /^\s*(current_timestamp|now)\s*(\(\s*\d*\s*\))?\s*$/i

/**
 * A column default, with `CURRENT_TIMESTAMP`/`now()` on a timestamp written
 * `CURRENT_TIMESTAMP(6)`: a DATETIME(6) must use the same fractional
 * precision in its default (https://dev.mysql.com/doc/refman/8.0/en/timestamp-initialization.html),
 * or MySQL refuses it as an invalid default.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * mysqlDefault({ kind: 'timestamp' }, { kind: 'expression', sql: 'now()' }, ctx) // 'CURRENT_TIMESTAMP(6)'
 */
export function mysqlDefault(type: ColumnType | undefined, value: DefaultValue, ctx: CompileContext, at?: ColumnAt): string {
  if (type?.kind === 'timestamp' && value.kind === 'expression' && NOW.test(value.sql)) return currentTimestamp(type)
  const rendered = ctx.renderDefault(value, at)
  // Any other expression is a default only in parentheses: `DEFAULT 1 + 2` is a syntax error on MySQL and MariaDB.
  return value.kind === 'expression' && !BARE_DEFAULT.test(rendered) && !inParentheses(rendered) ? `(${rendered})` : rendered
}

/** What MySQL takes as a default without parentheses: a literal, NULL, or the current date and time. */
const LITERAL = String.raw`null|true|false|[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|'(?:[^'\\]|''|\\.)*'|[bx]'[0-9a-f]*'|0x[0-9a-f]+`
const CLOCK_WORDS = 'current_timestamp|now|localtime|localtimestamp|current_date|current_time|curdate|curtime|sysdate'
const CLOCK = String.raw`(?:${CLOCK_WORDS})(?:\s*\(\s*\d*\s*\))?`
const BARE_DEFAULT = new RegExp(String.raw`^\s*(?:${LITERAL}|${CLOCK})\s*$`, 'i')

/** Whether the whole text is one parenthesised group. */
function inParentheses(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')')) return false
  let depth = 0
  let quote: string | undefined
  for (let at = 0; at < trimmed.length; at++) {
    const char = trimmed[at]!
    if (quote !== undefined) {
      if (char === '\\') at++
      else if (char === quote) quote = undefined
    } else if (char === "'" || char === '"' || char === '`') quote = char
    else if (char === '(') depth++
    else if (char === ')' && --depth === 0 && at < trimmed.length - 1) return false
  }
  return depth === 0
}

/** CURRENT_TIMESTAMP with the column's own fractional precision, which MySQL requires of a default and ON UPDATE. */
function currentTimestamp(type: Extract<ColumnType, { kind: 'timestamp' }>): string {
  return `CURRENT_TIMESTAMP${timestampPrecision(type)}`
}
