import { AthanorError } from '../../../core/errors.js'
import type { Handler } from '../context.js'

/**
 * `ALTER INDEX "s"."old" RENAME TO "new"`: PostgreSQL names an index within
 * its table's schema, and the new name stays there.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * alterIndexRename({ kind: 'rename_index', table: 't', schema: 's', name: 'ix_a', newName: 'ix_t_a' }, ctx)
 * // [{ sql: 'ALTER INDEX "s"."ix_a" RENAME TO "ix_t_a"' }]
 */
export const alterIndexRename: Handler<'rename_index'> = (op, ctx) => {
  const name = ctx.quoteTable({ table: op.name, ...(op.schema === undefined ? {} : { schema: op.schema }) })
  return [{ sql: `ALTER INDEX ${name} RENAME TO ${ctx.quoteIdentifier(op.newName)}` }]
}

/**
 * `ALTER TABLE t RENAME CONSTRAINT old TO new`: PostgreSQL renames a unique
 * constraint's index with it.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * renameConstraint({ kind: 'rename_constraint', table: 't', name: 't_a_key', newName: 'uq_t_a', type: 'unique' }, ctx)
 * // [{ sql: 'ALTER TABLE "t" RENAME CONSTRAINT "t_a_key" TO "uq_t_a"' }]
 */
export const renameConstraint: Handler<'rename_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} RENAME CONSTRAINT ${ctx.quoteIdentifier(op.name)} TO ${ctx.quoteIdentifier(op.newName)}` },
]

/**
 * An index renamed where the database cannot rename one (SQLite): dropped
 * and made again from `existing` under the new name, which rebuilds it.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const existing = { name: 'ix_a', columns: ['a'] }
 * indexMadeAgain({ kind: 'rename_index', table: 't', name: 'ix_a', newName: 'ix_t_a', existing }, ctx)
 * // SQLite: [{ sql: 'DROP INDEX "ix_a"' }, { sql: 'CREATE INDEX "ix_t_a" ON "t" ("a")' }]
 */
export const indexMadeAgain: Handler<'rename_index'> = (op, ctx) => {
  const table = { table: op.table, ...(op.schema === undefined ? {} : { schema: op.schema }) }
  if (op.existing === undefined || op.table === '') {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `rename_index of "${op.name}": this database cannot rename an index in place; ` +
        'pass { table, existing } (the index as it is) to have it dropped and made again under the new name',
    )
  }
  return [
    ...ctx.compileSql({ kind: 'drop_index', ...table, name: op.name }),
    ...ctx.compileSql({ kind: 'create_index', ...table, index: { ...op.existing, name: op.newName } }),
  ]
}

/**
 * A constraint renamed where the database cannot rename one (SQLite keeps
 * constraints in its CREATE TABLE text): refused in one line naming it.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * constraintRenameRefused({ kind: 'rename_constraint', table: 't', name: 'a', newName: 'b', type: 'check' }, ctx)
 * // throws UNSUPPORTED_OPERATION
 */
export const constraintRenameRefused: Handler<'rename_constraint'> = (op) => {
  throw new AthanorError(
    'UNSUPPORTED_OPERATION',
    `rename_constraint of "${op.name}" on table "${op.table}": this database cannot rename a ${op.type} constraint; ` +
      'drop it and add it again under the new name',
  )
}
