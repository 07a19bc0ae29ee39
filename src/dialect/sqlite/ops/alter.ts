import { refuseMysqlOnlyColumn } from '../../default/column-type.js'
import { AthanorError } from '../../../core/errors.js'
import type { Handler } from '../../default/context.js'
import { addColumn } from '../../default/ops/column.js'
import { isConstantDefault } from '../column.js'
import { sqliteTableRebuild } from '../rebuild/required.js'

/**
 * ADD COLUMN within SQLite's limits
 * (https://sqlite.org/lang_altertable.html#altertabaddcol): no PRIMARY KEY,
 * no UNIQUE, no non-constant default and no STORED generated column, which
 * would need a rebuild.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * sqliteAddColumn({ kind: 'add_column', table: 't', column: { name: 'a', type: { kind: 'text' } } }, ctx)
 * // [{ sql: 'ALTER TABLE "t" ADD COLUMN "a" TEXT' }]
 */
export const sqliteAddColumn: Handler<'add_column'> = (op, ctx) => {
  const { column } = op
  if (column.primaryKey === true) return sqliteTableRebuild(op, ctx, `column "${column.name}" as PRIMARY KEY`)
  if (column.unique === true) return sqliteTableRebuild(op, ctx, `column "${column.name}" as UNIQUE`)
  if (column.autoincrement === true) return sqliteTableRebuild(op, ctx, `column "${column.name}" with autoincrement`)
  if (column.generated?.stored === true) return sqliteTableRebuild(op, ctx, `column "${column.name}" as a STORED generated column`)
  if (column.serverDefault !== undefined && !isConstantDefault(column.serverDefault)) {
    return sqliteTableRebuild(op, ctx, `column "${column.name}" with a non-constant default`)
  }
  return addColumn(op, ctx)
}

/**
 * ALTER COLUMN on SQLite: only a rename exists (`RENAME COLUMN`, SQLite
 * 3.25+); comments are dropped, as SQLite stores none; anything else is a
 * table rebuild.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * sqliteAlterColumn({ kind: 'alter_column', table: 't', column: 'a', changes: { newName: 'b' } }, ctx)
 * // [{ sql: 'ALTER TABLE "t" RENAME COLUMN "a" TO "b"' }]
 */
export const sqliteAlterColumn: Handler<'alter_column'> = (op, ctx) => {
  const { changes } = op
  refuseMysqlOnlyColumn(changes, { table: op.table, column: op.column })
  const other = (['type', 'nullable', 'serverDefault'] as const).filter((k) => changes[k] !== undefined)
  if (other.length > 0) {
    const names = other.map((k) => (k === 'serverDefault' ? 'default' : k === 'nullable' ? 'nullability' : k))
    return sqliteTableRebuild(op, ctx, `column "${op.column}": ${names.join(', ')}`)
  }
  if (changes.newName === undefined) return []
  return [
    {
      sql: `ALTER TABLE ${ctx.quoteTable(op)} RENAME COLUMN ${ctx.quoteIdentifier(op.column)} TO ${ctx.quoteIdentifier(changes.newName)}`,
    },
  ]
}

/**
 * Adding a constraint to an existing SQLite table is a rebuild.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'uq_user_email', columns: ['email'] }
 * const unique: CreateUniqueConstraintOp = { kind: 'create_unique_constraint', table: 'user', constraint }
 * sqliteCreateUnique(unique, ctx) // { kind: 'rebuild', op: unique, reason: 'unique constraint "uq_user_email"' }
 */
export const sqliteCreateUnique: Handler<'create_unique_constraint'> = (op, ctx) =>
  sqliteTableRebuild(op, ctx, `unique constraint ${describe(op.constraint.name, op.constraint.columns)}`)

/**
 * @see sqliteCreateUnique
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const constraint = { columns: ['user_id'], referredTable: 'user', referredColumns: ['id'] }
 * const fk: CreateForeignKeyOp = { kind: 'create_foreign_key', table: 'post', constraint }
 * sqliteCreateForeignKey(fk, ctx) // { kind: 'rebuild', op: fk, reason: 'foreign key (user_id)' }
 */
export const sqliteCreateForeignKey: Handler<'create_foreign_key'> = (op, ctx) =>
  sqliteTableRebuild(op, ctx, `foreign key ${describe(op.constraint.name, op.constraint.columns)}`)

/**
 * @see sqliteCreateUnique
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const check: CreateCheckConstraintOp = { kind: 'create_check_constraint', table: 'product', constraint: { expression: 'price > 0' } }
 * sqliteCreateCheck(check, ctx) // { kind: 'rebuild', op: check, reason: 'check constraint (price > 0)' }
 */
export const sqliteCreateCheck: Handler<'create_check_constraint'> = (op, ctx) =>
  sqliteTableRebuild(
    op,
    ctx,
    `check constraint ${op.constraint.name === undefined ? `(${op.constraint.expression})` : `"${op.constraint.name}"`}`,
  )

/**
 * @see sqliteCreateUnique
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const drop: DropConstraintOp = { kind: 'drop_constraint', table: 'user', name: 'uq_user_email', type: 'unique' }
 * sqliteDropConstraint(drop, ctx) // { kind: 'rebuild', op: drop, reason: 'unique constraint "uq_user_email"' }
 */
export const sqliteDropConstraint: Handler<'drop_constraint'> = (op, ctx) => {
  if (op.ifExists === true)
    throw new AthanorError('UNSUPPORTED_FEATURE', `ifExists is not taken on SQLite, which rebuilds table "${op.table}"`)
  const which =
    op.name !== '' ? `"${op.name}"` : op.expression !== undefined ? `CHECK (${op.expression})` : `on (${(op.columns ?? []).join(', ')})`
  return sqliteTableRebuild(op, ctx, `${op.type === undefined ? '' : `${op.type} `}constraint ${which}`)
}

function describe(name: string | undefined, columns: readonly string[]): string {
  return name === undefined ? `(${columns.join(', ')})` : `"${name}"`
}
