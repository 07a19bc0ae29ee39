import { AthanorError } from '../../core/errors.js'
import { constraintTypeOf } from '../../ops/reverse-constraint.js'
import type { Handler } from '../default/context.js'
import { dropConstraint } from '../default/ops/constraint.js'
import { doBlock } from './do-block.js'
import { postgresLiteral } from './literal.js'

const CONTYPE = { foreignkey: 'f', unique: 'u', check: 'c', primary: 'p' } as const

/**
 * `ALTER TABLE t DROP CONSTRAINT n`; a constraint addressed by its columns
 * instead (one the database named, as `t_col_fkey`) is looked up in
 * `pg_constraint` when the statement runs, in a DO block, so the same text
 * works live and offline. `INTO STRICT` makes a missing or ambiguous match an
 * error rather than a silent no-op
 * (https://www.postgresql.org/docs/current/plpgsql-statements.html#PLPGSQL-STATEMENTS-SQL-ONEROW).
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresDropConstraint({ kind: 'drop_constraint', table: 't', name: '', type: 'foreignkey', columns: ['user_id'] }, ctx)
 * // [{ sql: "DO $athanor$DECLARE n name; BEGIN ... END$athanor$" }]
 */
export const postgresDropConstraint: Handler<'drop_constraint'> = (op, ctx) => {
  if (op.name !== '' || op.columns === undefined) return dropConstraint(op, ctx)
  const type = constraintTypeOf(op)
  if (type === undefined)
    throw new AthanorError('INVALID_CONSTRAINT', `dropping an unnamed constraint of table "${op.table}" by its columns needs its type`)
  const table = postgresLiteral(ctx.quoteTable(op))
  const columns = `ARRAY[${op.columns.map((c) => postgresLiteral(c)).join(', ')}]::text[]`
  const body = [
    'DECLARE n name; BEGIN',
    `SELECT c.conname INTO STRICT n FROM pg_constraint c WHERE c.conrelid = ${table}::regclass AND c.contype = '${CONTYPE[type]}'`,
    '  AND ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)',
    `    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) = ${columns};`,
    `EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ${table}::regclass, n);`,
    'END',
  ]
  return [{ sql: doBlock(body.join('\n')) }]
}
