import { AthanorError } from '../../../core/errors.js'
import { applyColumnChanges } from '../../../ops/reverse-column.js'
import type { Handler } from '../../default/context.js'
import { mysqlDefault } from '../column.js'

/**
 * ALTER COLUMN on MySQL. Only the default can change on its own
 * (`ALTER COLUMN … SET/DROP DEFAULT`); anything else restates the whole
 * column with `MODIFY COLUMN`, or `CHANGE COLUMN old new` for a rename,
 * because MySQL replaces the definition rather than patching it. The full
 * definition comes from `existing`, which is therefore required.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlAlterColumn({ kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false },
 *   existing: { name: 'a', type: { kind: 'string', length: 20 } } }, ctx)
 * // [{ sql: 'ALTER TABLE `t` MODIFY COLUMN `a` VARCHAR(20) NOT NULL' }]
 */
export const mysqlAlterColumn: Handler<'alter_column'> = (op, ctx) => {
  const { changes } = op
  const table = ctx.quoteTable(op)
  const keys = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== undefined && k !== 'using')
  if (keys.length === 0) return []
  if (keys.length === 1 && keys[0] === 'serverDefault') {
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${ctx.quoteIdentifier(op.column)}`
    if (changes.serverDefault === null || changes.serverDefault === undefined) return [{ sql: `${alter} DROP DEFAULT` }]
    return [
      {
        sql: `${alter} SET DEFAULT ${mysqlDefault(op.existing?.type, changes.serverDefault, ctx, { table: op.table, column: op.column })}`,
      },
    ]
  }
  const { existing } = op
  if (existing === undefined) {
    throw new AthanorError(
      'MYSQL_EXISTING_COLUMN_REQUIRED',
      `MySQL restates the whole column to alter it: alter_column on table "${op.table}" column "${op.column}" ` +
        'needs `existing` (at least its type)',
    )
  }
  const definition = ctx.columnDefinition(applyColumnChanges({ ...existing, name: op.column }, changes), op, { purpose: 'modify' })
  if (changes.newName !== undefined) {
    return [{ sql: `ALTER TABLE ${table} CHANGE COLUMN ${ctx.quoteIdentifier(op.column)} ${definition}` }]
  }
  return [{ sql: `ALTER TABLE ${table} MODIFY COLUMN ${definition}` }]
}
