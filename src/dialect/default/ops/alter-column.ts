import type { ColumnType } from '../../../schema/types.js'
import type { AlterColumnOp } from '../../../ops/operation.js'
import type { Statement } from '../../types.js'
import type { CompileContext, Handler } from '../context.js'

/**
 * The SQL-standard `ALTER COLUMN` statements, one per change, in a fixed
 * order: type, nullability, default, comment, and the rename last so every
 * earlier statement still names the column by its old name.
 * `typeClause` lets a dialect extend `TYPE x` (PostgreSQL's `USING`).
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * alterColumnStatements({ kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false } }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL' }]
 */
export function alterColumnStatements(
  op: AlterColumnOp,
  ctx: CompileContext,
  typeClause: (type: ColumnType) => string = (type) =>
    `TYPE ${ctx.renderType(type, { table: op.table, column: op.column })}${collateClause(op, ctx)}`,
): Statement[] {
  const table = ctx.quoteTable(op)
  const alter = `ALTER TABLE ${table} ALTER COLUMN ${ctx.quoteIdentifier(op.column)}`
  const { changes } = op
  const out: Statement[] = []
  if (changes.type !== undefined) out.push({ sql: `${alter} ${typeClause(changes.type)}` })
  if (changes.nullable !== undefined) out.push({ sql: `${alter} ${changes.nullable ? 'DROP' : 'SET'} NOT NULL` })
  if (changes.serverDefault === null) out.push({ sql: `${alter} DROP DEFAULT` })
  else if (changes.serverDefault !== undefined) {
    out.push({ sql: `${alter} SET DEFAULT ${ctx.renderDefault(changes.serverDefault, { table: op.table, column: op.column })}` })
  }
  if (changes.comment !== undefined) out.push(...ctx.commentOn({ ...op, column: op.column }, changes.comment))
  if (changes.newName !== undefined) {
    out.push({ sql: `ALTER TABLE ${table} RENAME COLUMN ${ctx.quoteIdentifier(op.column)} TO ${ctx.quoteIdentifier(changes.newName)}` })
  }
  return out
}

/** ` COLLATE "c"` when the alter sets a collation; PostgreSQL returns to the default with `COLLATE "default"`. */
export function collateClause(op: AlterColumnOp, ctx: CompileContext): string {
  const collation = op.changes.collation
  return collation === undefined ? '' : ` COLLATE ${ctx.quoteIdentifier(collation ?? 'default')}`
}

/**
 * `alter_column` with the SQL-standard statements.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const alter: AlterColumnOp = { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false, newName: 'login' } }
 * alterColumn(alter, ctx)
 * // PostgreSQL: [
 * //   { sql: 'ALTER TABLE "user" ALTER COLUMN "email" SET NOT NULL' },
 * //   { sql: 'ALTER TABLE "user" RENAME COLUMN "email" TO "login"' },
 * // ]
 */
export const alterColumn: Handler<'alter_column'> = (op, ctx) => alterColumnStatements(op, ctx)
