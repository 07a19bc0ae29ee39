import type { AlterColumnOp, ColumnChanges } from '../../ops/operation.js'
import type { CompileContext, Handler } from '../default/context.js'
import type { Statement } from '../compile-types.js'
import { serialSequenceType } from '../../schema/sequence-defaults.js'
import { enumValues, refuseMysqlOnlyColumn } from '../default/column-type.js'
import { alterColumnStatements, collateClause } from '../default/ops/alter-column.js'
import { safeSetNotNull } from './safe-not-null.js'
import { numberingStatements } from './numbering-change.js'

/**
 * ALTER COLUMN for PostgreSQL: the standard statements, with `USING` on a
 * type change when given (for types with no implicit cast). A change to an
 * enum adds its CHECK, named after the enum or `<table>_<column>_check` as
 * PostgreSQL names an inline one. A default is dropped before a type
 * change and set again after (see defaultReleased). `safe` sets NOT NULL through a validated
 * check (see safe-not-null.ts). New identity options are one ALTER COLUMN
 * with a SET for each; a new kind of numbering, see numbering-change.ts.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresAlterColumn({ kind: 'alter_column', table: 't', column: 'n', changes: { type: { kind: 'integer' }, using: 'n::integer' } }, ctx)
 * // [{ sql: 'ALTER TABLE "t" ALTER COLUMN "n" TYPE INTEGER USING n::integer' }]
 */
export const postgresAlterColumn: Handler<'alter_column'> = (op, ctx) => {
  const at = { table: op.table, column: op.column }
  refuseMysqlOnlyColumn(op.changes, at)
  const using = op.changes.using === undefined ? '' : ` USING ${op.changes.using}`
  const { released, changes } = defaultReleased(op)
  const compiled = alterColumnStatements(
    { ...op, changes },
    ctx,
    (type) => `TYPE ${ctx.renderType(type, at)}${collateClause(op, ctx)}${using}`,
  )
  if (released) compiled.unshift({ sql: `ALTER TABLE ${ctx.quoteTable(op)} ALTER COLUMN ${ctx.quoteIdentifier(op.column)} DROP DEFAULT` })
  const setNotNull = `ALTER TABLE ${ctx.quoteTable(op)} ALTER COLUMN ${ctx.quoteIdentifier(op.column)} SET NOT NULL`
  const out = op.safe === true ? compiled.flatMap((s) => (s.sql === setNotNull ? safeSetNotNull(op, ctx) : [s])) : compiled
  const identity = op.changes.identity
  if (identity !== undefined) {
    // One ALTER COLUMN takes every SET at once (https://www.postgresql.org/docs/current/sql-altertable.html).
    const sets = [
      ...(identity.always === undefined ? [] : [`SET GENERATED ${identity.always ? 'ALWAYS' : 'BY DEFAULT'}`]),
      ...(identity.start === undefined ? [] : [`SET START WITH ${identity.start}`]),
      ...(identity.increment === undefined ? [] : [`SET INCREMENT BY ${identity.increment}`]),
      ...(identity.minValue === undefined ? [] : [identity.minValue === null ? 'SET NO MINVALUE' : `SET MINVALUE ${identity.minValue}`]),
      ...(identity.maxValue === undefined ? [] : [identity.maxValue === null ? 'SET NO MAXVALUE' : `SET MAXVALUE ${identity.maxValue}`]),
      ...(identity.cache === undefined ? [] : [`SET CACHE ${identity.cache}`]),
      ...(identity.cycle === undefined ? [] : [identity.cycle ? 'SET CYCLE' : 'SET NO CYCLE']),
      // Last: RESTART goes to the start this same statement sets.
      ...(identity.restart === true ? ['RESTART'] : []),
    ]
    if (sets.length > 0)
      out.push({ sql: `ALTER TABLE ${ctx.quoteTable(op)} ALTER COLUMN ${ctx.quoteIdentifier(op.column)} ${sets.join(' ')}` })
  }
  const numbering = numberingStatements(op, ctx)
  out.push(...numbering.putOn)
  const type = op.changes.type
  out.push(...serialSequenceRetyped(op, ctx))
  if (type?.kind === 'enum') {
    const values = enumValues(type, at)
      .map((v) => ctx.renderLiteral(v))
      .join(', ')
    const check =
      `ALTER TABLE ${ctx.quoteTable(op)} ADD CONSTRAINT ${ctx.quoteIdentifier(enumCheckName(op, type.name))} ` +
      `CHECK (${ctx.quoteIdentifier(op.column)} IN (${values}))`
    out.splice(released ? 2 : 1, 0, { sql: check })
  }
  // The values the column held are its old CHECK's: it goes before the type changes, or the new one's name is taken.
  const was = op.existing?.type
  if (type !== undefined && was?.kind === 'enum') {
    out.unshift({ sql: `ALTER TABLE ${ctx.quoteTable(op)} DROP CONSTRAINT IF EXISTS ${ctx.quoteIdentifier(enumCheckName(op, was.name))}` })
  }
  // The old numbering goes first, under the old name: a default this alter sets must outlive its DROP DEFAULT.
  out.unshift(...numbering.takeOff)
  return out
}

/** An enum's CHECK: named after the enum, or `<table>_<column>_check` as PostgreSQL names an inline one. */
const enumCheckName = (op: { readonly table: string; readonly column: string }, name: string | undefined): string =>
  name ?? `${op.table}_${op.column}_check`

/**
 * Whether a type change drops the default first (`released`), and the
 * changes that set it again after. PostgreSQL casts the default along with
 * the column but not with USING, and keeps the cast it wrote ('a'::st
 * becomes 'a'::st::varchar): a default that has no cast to the new type
 * stops the change, and one that keeps the old type keeps it from being
 * dropped. Its docs advise DROP DEFAULT, ALTER TYPE, SET DEFAULT
 * (https://www.postgresql.org/docs/current/sql-altertable.html, SET DATA TYPE).
 */
function defaultReleased(op: AlterColumnOp): { released: boolean; changes: ColumnChanges } {
  const { changes } = op
  const kept = op.existing?.serverDefault
  if (changes.type === undefined || (kept === undefined && changes.serverDefault === undefined)) return { released: false, changes }
  const after = changes.serverDefault === undefined ? kept : changes.serverDefault
  const { serverDefault: _replaced, ...rest } = changes
  return { released: true, changes: after === null || after === undefined ? rest : { ...rest, serverDefault: after } }
}

/**
 * A SERIAL sequence counts in its column's type (`AS integer`): a column
 * widened to bigint with its sequence left so would stop taking rows at the
 * integer's end. The sequence takes the column's new type with it; its
 * bounds follow where they were the old type's.
 */
function serialSequenceRetyped(op: AlterColumnOp, ctx: CompileContext): Statement[] {
  const type = op.changes.type
  const existing = op.existing
  const serial = existing?.numbering
  if (type === undefined || existing === undefined || serial?.kind !== 'serial' || op.changes.numbering !== undefined) return []
  if (!['smallint', 'integer', 'bigint', 'tinyint'].includes(type.kind)) return []
  const to = serialSequenceType({ ...existing, type })
  if (to === serialSequenceType(existing)) return []
  const sequence = ctx.quoteTable(op.schema === undefined ? { table: serial.sequence } : { table: serial.sequence, schema: op.schema })
  return [{ sql: `ALTER SEQUENCE ${sequence} AS ${to}` }]
}
