import { checkClause, foreignKeyClause, uniqueClause } from '../constraint.js'
import type { Handler } from '../context.js'

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] UNIQUE (cols)`.
 *
 * @example
 * createUniqueConstraint({ kind: 'create_unique_constraint', table: 't', constraint: { name: 'uq', columns: ['a'] } }, ctx)
 * // [{ sql: 'ALTER TABLE "t" ADD CONSTRAINT "uq" UNIQUE ("a")' }]
 */
export const createUniqueConstraint: Handler<'create_unique_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${uniqueClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] FOREIGN KEY (...) REFERENCES ...`.
 *
 * @example
 * createForeignKey(op, ctx)
 */
export const createForeignKey: Handler<'create_foreign_key'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${foreignKeyClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t ADD [CONSTRAINT n] CHECK (expr)`.
 *
 * @example
 * createCheckConstraint(op, ctx)
 */
export const createCheckConstraint: Handler<'create_check_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${checkClause(op.constraint, ctx)}` },
]

/**
 * `ALTER TABLE t DROP CONSTRAINT n`, whatever the constraint's type.
 *
 * @example
 * dropConstraint({ kind: 'drop_constraint', table: 't', name: 'uq' }, ctx)
 * // [{ sql: 'ALTER TABLE "t" DROP CONSTRAINT "uq"' }]
 */
export const dropConstraint: Handler<'drop_constraint'> = (op, ctx) => [
  { sql: `ALTER TABLE ${ctx.quoteTable(op)} DROP CONSTRAINT ${ctx.quoteIdentifier(op.name)}` },
]
