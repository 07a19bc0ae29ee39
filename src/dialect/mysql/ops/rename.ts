import { AthanorError } from '../../../core/errors.js'
import type { Statement } from '../../compile-types.js'
import { foreignKeyClause } from '../../default/constraint.js'
import type { CompileContext, Handler } from '../../default/context.js'
import type { RenameConstraintOp } from '../../../ops/rename-ops.js'

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
 * A unique constraint is an index on MySQL, renamed as one; a foreign key
 * is dropped and added again (see {@link renameForeignKey}). MySQL and
 * MariaDB cannot rename a check: it is refused, naming it (autogenerate
 * drops and adds it instead).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlRenameConstraint({ kind: 'rename_constraint', table: 't', name: 'a', newName: 'uq_t_a', type: 'unique' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` RENAME INDEX `a` TO `uq_t_a`' }]
 */
export const mysqlRenameConstraint: Handler<'rename_constraint'> = (op, ctx) => {
  if (op.type === 'foreignkey') return renameForeignKey(op, ctx)
  if (op.type !== 'unique') {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `rename_constraint of "${op.name}" on table "${op.table}": MySQL cannot rename a ${op.type} constraint; ` +
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

/** The session's foreign_key_checks while a foreign key is renamed; NULL otherwise. */
const SAVED_CHECKS = '@athanor_foreign_key_checks'

/**
 * MySQL renames no foreign key: it is dropped and added under the new name
 * in one ALTER TABLE, so the table is never without it. The rows are not
 * checked again (the key held them until that statement), so the ALTER
 * runs with foreign_key_checks off, which lets it run INPLACE: no table
 * copy, writes not blocked. ALGORITHM=INPLACE makes the server refuse
 * rather than copy. The session's setting is put back as it was, also when
 * the step runs again after a failure (the first value saved is kept until
 * it is put back). On MariaDB the index InnoDB made for the key takes its
 * new name; an index the table declared itself keeps its own.
 */
function renameForeignKey(op: RenameConstraintOp, ctx: CompileContext): Statement[] {
  const key = op.existing
  if (key === undefined || !('referredTable' in key)) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `rename_constraint of foreign key "${op.name}" on table "${op.table}": MySQL renames a foreign key by adding it again, ` +
        "so it needs the key as it is: pass { type: 'foreignkey', existing: { columns, referredTable, referredColumns } }",
    )
  }
  const table = ctx.quoteTable(op)
  return [
    { sql: `SET ${SAVED_CHECKS} = COALESCE(${SAVED_CHECKS}, @@SESSION.foreign_key_checks), SESSION foreign_key_checks = 0` },
    {
      sql:
        `ALTER TABLE ${table} DROP FOREIGN KEY ${ctx.quoteIdentifier(op.name)}, ` +
        `ADD ${foreignKeyClause({ ...key, name: op.newName }, ctx)}, ALGORITHM=INPLACE`,
    },
    { sql: `SET SESSION foreign_key_checks = ${SAVED_CHECKS}, ${SAVED_CHECKS} = NULL` },
  ]
}
