import type { AlterColumnOp } from '../../ops/operation.js'
import type { Statement } from '../types.js'
import type { CompileContext } from '../default/context.js'

// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes.
const MAX_IDENTIFIER = 63

/** The temporary check's name; not `<table>_<column>_not_null`, which PostgreSQL 18 gives its own NOT NULL constraints. */
export function notNullCheckName(op: AlterColumnOp): string {
  return `${op.table}_${op.column}_not_null_check`.slice(0, MAX_IDENTIFIER)
}

/**
 * SET NOT NULL without the scan under ACCESS EXCLUSIVE: a CHECK (col IS NOT
 * NULL) added NOT VALID (instant), validated (a scan that lets writes go on),
 * then SET NOT NULL, which since PostgreSQL 12 trusts a valid check that
 * proves it and scans nothing
 * (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL),
 * and the check dropped. PostgreSQL 18's `NOT NULL … NOT VALID` would leave a
 * constraint the catalog shows as not yet valid, so this form serves every
 * version from 12 on. In a transaction the first statement's lock is held to
 * the end, so the scan runs lock-free only in a script that exports
 * `transactional = false`.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * safeSetNotNull({ kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false }, safe: true }, ctx)
 * // [DROP CONSTRAINT IF EXISTS …, ADD CONSTRAINT "t_a_not_null_check" CHECK ("a" IS NOT NULL) NOT VALID, VALIDATE …, SET NOT NULL, DROP …]
 */
export function safeSetNotNull(op: AlterColumnOp, ctx: CompileContext): Statement[] {
  const table = `ALTER TABLE ${ctx.quoteTable(op)}`
  const column = ctx.quoteIdentifier(op.column)
  const check = ctx.quoteIdentifier(notNullCheckName(op))
  // The check is athanor's own: one a stopped run left (its VALIDATE failed on a NULL) is dropped in the same
  // statement that adds it again, so `resolve --retry` can run the step again once the rows are fixed.
  return [
    { sql: `${table} DROP CONSTRAINT IF EXISTS ${check}, ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID` },
    { sql: `${table} VALIDATE CONSTRAINT ${check}` },
    { sql: `${table} ALTER COLUMN ${column} SET NOT NULL` },
    { sql: `${table} DROP CONSTRAINT IF EXISTS ${check}` },
  ]
}
