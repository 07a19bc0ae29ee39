import { AthanorError } from '../../../core/errors.js'
import type { Handler } from '../../default/context.js'

/**
 * `ALTER TABLE t RENAME INDEX old TO new` (MySQL 5.7, MariaDB 10.5): in
 * place, the index not rebuilt.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlRenameIndex({ kind: 'rename_index', table: 't', name: 'ix_a', newName: 'ix_t_a' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` RENAME INDEX `ix_a` TO `ix_t_a`' }]
 */
export const mysqlRenameIndex: Handler<'rename_index'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} RENAME INDEX ${ctx.quoteIdentifier(op.name)} TO ${ctx.quoteIdentifier(op.newName)}` },
]

/**
 * A unique constraint is an index on MySQL, renamed as one. MySQL and
 * MariaDB cannot rename a foreign key or a check: those are refused, naming
 * them (autogenerate drops and adds them instead).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlRenameConstraint({ kind: 'rename_constraint', table: 't', name: 'a', newName: 'uq_t_a', type: 'unique' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` RENAME INDEX `a` TO `uq_t_a`' }]
 */
export const mysqlRenameConstraint: Handler<'rename_constraint'> = (op, ctx) => {
  if (op.type !== 'unique') {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `rename_constraint of "${op.name}" on table "${op.table}": ` +
        `MySQL cannot rename a ${op.type === 'foreignkey' ? 'foreign key' : op.type} constraint; ` +
        'drop it and add it again under the new name',
    )
  }
  return mysqlRenameIndex(
    {
      kind: 'rename_index',
      table: op.table,
      ...(op.schema === undefined ? {} : { schema: op.schema }),
      name: op.name,
      newName: op.newName,
    },
    ctx,
  )
}
