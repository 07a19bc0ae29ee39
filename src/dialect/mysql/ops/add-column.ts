import { addColumn } from '../../default/ops/column.js'
import type { Handler } from '../../default/context.js'

/**
 * ADD COLUMN with its place, `FIRST` or `AFTER` a column, where the
 * operation gives one (https://mariadb.com/kb/en/alter-table/#add-column):
 * the clause ends the column's definition, before any ALGORITHM or LOCK.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlAddColumn({ kind: 'add_column', table: 't', column: { name: 'b', type: { kind: 'text' } }, after: 'a' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` ADD COLUMN `b` TEXT AFTER `a`' }]
 */
export const mysqlAddColumn: Handler<'add_column'> = (op, ctx) => {
  const compiled = addColumn(op, ctx)
  const place = op.first === true ? ' FIRST' : op.after === undefined ? '' : ` AFTER ${ctx.quoteIdentifier(op.after)}`
  if (!Array.isArray(compiled) || place === '') return compiled
  const [add, ...rest] = compiled
  return [{ ...add!, sql: `${add!.sql}${place}` }, ...rest]
}
