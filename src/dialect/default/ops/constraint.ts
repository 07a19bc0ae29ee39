import { AthanorError } from '../../../core/errors.js'
import { checkClause, foreignKeyClause, uniqueClause } from '../constraint.js'
import type { Handler } from '../context.js'

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] UNIQUE (cols)`.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * createUniqueConstraint({ kind: 'create_unique_constraint', table: 't', constraint: { name: 'uq', columns: ['a'] } }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" ADD CONSTRAINT "uq" UNIQUE ("a")' }]
 */
export const createUniqueConstraint: Handler<'create_unique_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${uniqueClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] FOREIGN KEY (...) REFERENCES ...`.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'fk_post_user', columns: ['user_id'], referredTable: 'user', referredColumns: ['id'] }
 * const fk: CreateForeignKeyOp = { kind: 'create_foreign_key', table: 'post', constraint }
 * createForeignKey(fk, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "post" ADD CONSTRAINT "fk_post_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id")' }]
 */
export const createForeignKey: Handler<'create_foreign_key'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${foreignKeyClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] CHECK (expr)`.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'ck_price', expression: 'price > 0' }
 * const ck: CreateCheckConstraintOp = { kind: 'create_check_constraint', table: 'product', constraint }
 * createCheckConstraint(ck, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "product" ADD CONSTRAINT "ck_price" CHECK (price > 0)' }]
 */
export const createCheckConstraint: Handler<'create_check_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${checkClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t DROP CONSTRAINT n`, whatever the constraint's type. A
 * database that names every constraint itself has no unnamed check to find
 * by its expression: the name it gave is needed.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * dropConstraint({ kind: 'drop_constraint', table: 't', name: 'uq' }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "t" DROP CONSTRAINT "uq"' }]
 */
export const dropConstraint: Handler<'drop_constraint'> = (op, ctx) => {
  if (op.name === '') {
    throw new AthanorError(
      'INVALID_CONSTRAINT',
      `dropping a constraint of table "${op.table}" on ${ctx.dialect} needs its name (the one the database gave it)`,
    )
  }
  const ifExists = op.ifExists === true ? 'IF EXISTS ' : ''
  return [{ sql: `ALTER TABLE ${ctx.quoteTable(op)} DROP CONSTRAINT ${ifExists}${ctx.quoteIdentifier(op.name)}` }]
}

/**
 * `ALTER TABLE t VALIDATE CONSTRAINT n`, PostgreSQL's check of the rows a
 * NOT VALID constraint skipped.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * validateConstraint({ kind: 'validate_constraint', table: 'orders', name: 'fk_orders_user' }, ctx)
 * // PostgreSQL: [{ sql: 'ALTER TABLE "orders" VALIDATE CONSTRAINT "fk_orders_user"' }]
 */
export const validateConstraint: Handler<'validate_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} VALIDATE CONSTRAINT ${ctx.quoteIdentifier(op.name)}` },
]

/**
 * No statement, where `notValid` is ignored and every constraint is checked
 * as it is added: MySQL and MariaDB check the rows in ADD FOREIGN KEY and ADD
 * CHECK; SQLite checks a rebuilt table's CHECKs as it copies the rows and
 * runs PRAGMA foreign_key_check after each migration. There is nothing left to
 * validate, and a script that validates runs unchanged on every dialect.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * constraintCheckedWhenAdded({ kind: 'validate_constraint', table: 'orders', name: 'fk_orders_user' }, ctx) // []
 */
export const constraintCheckedWhenAdded: Handler<'validate_constraint'> = () => []
