import type { CompileContext, Handler } from '../default/context.js'
import { createCheckConstraint, createForeignKey } from '../default/ops/constraint.js'
import type { OperationOf, TableRef } from '../../ops/operation.js'
import { unlessExists } from './guard.js'

// https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT:
// NOT VALID skips the scan of existing rows; VALIDATE CONSTRAINT later takes
// only a SHARE UPDATE EXCLUSIVE lock, which lets writes go on.
function notValid(
  asked: boolean | undefined,
  compiled: ReturnType<Handler<'create_foreign_key'>>,
): ReturnType<Handler<'create_foreign_key'>> {
  if (asked !== true || !Array.isArray(compiled)) return compiled
  return compiled.map((statement) => ({ ...statement, sql: `${statement.sql} NOT VALID` }))
}

// ADD CONSTRAINT has no IF NOT EXISTS; a DROP CONSTRAINT IF EXISTS before it in
// the same ALTER TABLE makes the statement safe to run twice (the first run's
// constraint, valid or not, is made again), in one statement and one lock.
function orReplace(
  op: TableRef & { readonly orReplace?: boolean; readonly constraint: { readonly name?: string } },
  compiled: ReturnType<Handler<'create_foreign_key'>>,
  ctx: CompileContext,
): ReturnType<Handler<'create_foreign_key'>> {
  const name = op.constraint.name
  if (op.orReplace !== true || name === undefined || !Array.isArray(compiled)) return compiled
  const table = `ALTER TABLE ${ctx.quoteTable(op)} `
  const drop = `${table}DROP CONSTRAINT IF EXISTS ${ctx.quoteIdentifier(name)}, `
  return compiled.map((statement) =>
    statement.sql.startsWith(table) ? { ...statement, sql: drop + statement.sql.slice(table.length) } : statement,
  )
}

// ADD CONSTRAINT has no IF NOT EXISTS, and a DROP before it (orReplace) would
// take an ACCESS EXCLUSIVE lock where a key's ADD takes SHARE ROW EXCLUSIVE:
// the ADD runs only when the table has no foreign key of that name to the
// referred table, read from pg_constraint, which takes no lock. A key of that
// name to another table, or another kind of constraint, still meets the ADD's error.
function ifNotExists(
  op: OperationOf<'create_foreign_key'>,
  compiled: ReturnType<Handler<'create_foreign_key'>>,
  ctx: CompileContext,
): ReturnType<Handler<'create_foreign_key'>> {
  const name = op.constraint.name
  if (op.ifNotExists !== true || name === undefined || !Array.isArray(compiled)) return compiled
  const { referredTable, referredSchema } = op.constraint
  const referred = referredSchema === undefined ? { table: referredTable } : { table: referredTable, schema: referredSchema }
  const regclass = (quoted: string) => `${ctx.renderLiteral(quoted)}::regclass`
  const exists =
    `SELECT FROM pg_constraint WHERE conrelid = ${regclass(ctx.quoteTable(op))} AND conname = ${ctx.renderLiteral(name)} ` +
    `AND contype = 'f' AND confrelid = ${regclass(ctx.quoteTable(referred))}`
  return compiled.map((statement) => ({ ...statement, sql: unlessExists(exists, statement.sql) }))
}

/**
 * ADD FOREIGN KEY, with NOT VALID and the drop before it, or the guard
 * around it, when the operation asks for them.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'fk', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }
 * postgresCreateForeignKey({ kind: 'create_foreign_key', table: 'orders', constraint, notValid: true }, ctx)
 * // [{ sql: 'ALTER TABLE "orders" ADD CONSTRAINT "fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") NOT VALID' }]
 */
export const postgresCreateForeignKey: Handler<'create_foreign_key'> = (op, ctx) =>
  ifNotExists(op, orReplace(op, notValid(op.notValid, createForeignKey(op, ctx)), ctx), ctx)

/**
 * ADD CHECK, with NOT VALID and the drop before it when the operation asks for them.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'ck', expression: 'a > 0' }
 * postgresCreateCheck({ kind: 'create_check_constraint', table: 't', constraint, notValid: true }, ctx)
 * // [{ sql: 'ALTER TABLE "t" ADD CONSTRAINT "ck" CHECK (a > 0) NOT VALID' }]
 */
export const postgresCreateCheck: Handler<'create_check_constraint'> = (op, ctx) =>
  orReplace(op, notValid(op.notValid, createCheckConstraint(op, ctx)), ctx)
