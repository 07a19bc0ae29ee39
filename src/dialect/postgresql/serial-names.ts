import type { TableRef } from '../../ops/operation.js'
import type { Column } from '../../schema/types.js'
import type { CompileContext, Handler } from '../default/context.js'
import { addColumn } from '../default/ops/column.js'
import type { Statement } from '../types.js'
import { fullSequenceValues, refuseSequenceProblem, serialSequenceType, withoutSequenceDefaults } from '../../schema/sequence-defaults.js'
import { describeAt } from '../default/column-type.js'

/** Bytes of a name PostgreSQL keeps (NAMEDATALEN - 1). */
const NAME_BYTES = 63

/** `text` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function clip(text: string, bytes: number): string {
  let out = ''
  for (const char of text) {
    if (Buffer.byteLength(out + char) > bytes) break
    out += char
  }
  return out
}

/**
 * The name PostgreSQL gives a SERIAL column's sequence, as its
 * makeObjectName does: `table_column_seq`, the longer of the two names
 * shortened first until the whole fits in 63 bytes. (A relation of that
 * name already there would make it `…_seq1`; athanor names its own.)
 *
 * @example
 * defaultSerialSequence('users', 'id') // 'users_id_seq'
 */
export function defaultSerialSequence(table: string, column: string): string {
  const room = NAME_BYTES - '_seq'.length - 1
  let tableBytes = Buffer.byteLength(table)
  let columnBytes = Buffer.byteLength(column)
  while (tableBytes + columnBytes > room) {
    if (tableBytes > columnBytes) tableBytes--
    else columnBytes--
  }
  return `${clip(table, tableBytes)}_${clip(column, columnBytes)}_seq`
}

/**
 * The statements that give the sequences of new SERIAL columns what the
 * models give them beyond what SERIAL makes: their names, where those are
 * not PostgreSQL's own (a table renamed since keeps its sequence's old name,
 * and code calls `nextval('old_name')`), as `ALTER SEQUENCE … RENAME TO …`,
 * then their options (see {@link serialSequenceOptions}).
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const numbering = { kind: 'serial', sequence: 'a_id_seq' } as const
 * serialSequenceNames({ table: 'b' }, [{ name: 'id', type: { kind: 'integer' }, autoincrement: true, numbering }], ctx)
 * // [{ sql: 'ALTER SEQUENCE "b_id_seq" RENAME TO "a_id_seq"' }]
 */
export function serialSequenceNames(table: TableRef, columns: readonly Column[], ctx: CompileContext): Statement[] {
  const statements: Statement[] = []
  for (const column of columns) {
    const numbering = column.numbering
    if (column.autoincrement !== true || numbering?.kind !== 'serial') continue
    const made = defaultSerialSequence(table.table, column.name)
    const at = (name: string) => ctx.quoteTable(table.schema === undefined ? { table: name } : { table: name, schema: table.schema })
    if (numbering.sequence !== made) {
      statements.push({ sql: `ALTER SEQUENCE ${at(made)} RENAME TO ${ctx.quoteIdentifier(numbering.sequence)}` })
    }
    const options = serialSequenceOptions(column, table.table)
    if (options !== '') statements.push({ sql: `ALTER SEQUENCE ${at(numbering.sequence)} ${options}` })
  }
  return statements
}

/**
 * The clauses that give a new SERIAL column's sequence the options the
 * models ask for, or '' when they are PostgreSQL's defaults for the
 * column's type. Every bound is written (NO MINVALUE for the default), so
 * that a sequence counting down gets a descending sequence's bounds; and
 * RESTART, as ALTER SEQUENCE's START WITH alone would leave the new
 * sequence at 1.
 *
 * @example
 * const ticket = { name: 'no', type: { kind: 'integer' }, autoincrement: true } as const
 * serialSequenceOptions({ ...ticket, numbering: { kind: 'serial', sequence: 't_no_seq', start: 100, increment: 5 } })
 * // 'INCREMENT BY 5 NO MINVALUE NO MAXVALUE START WITH 100 RESTART'
 * serialSequenceOptions({ ...ticket, numbering: { kind: 'serial', sequence: 't_no_seq', start: 1 } }) // ''
 */
export function serialSequenceOptions(column: Column, table?: string): string {
  const numbering = column.numbering
  if (numbering?.kind !== 'serial') return ''
  const { kind: _kind, sequence: _sequence, ...given } = numbering
  const at = { column: column.name, ...(table === undefined ? {} : { table }) }
  refuseSequenceProblem(given, `${describeAt(at)} (SERIAL sequence ${numbering.sequence})`)
  const type = serialSequenceType(column)
  if (Object.keys(withoutSequenceDefaults(given, type)).length === 0) return ''
  const full = fullSequenceValues(given, type)
  return [
    `INCREMENT BY ${full.increment}`,
    full.minValue === null ? 'NO MINVALUE' : `MINVALUE ${full.minValue}`,
    full.maxValue === null ? 'NO MAXVALUE' : `MAXVALUE ${full.maxValue}`,
    `START WITH ${full.start} RESTART`,
    ...(full.cache === 1 ? [] : [`CACHE ${full.cache}`]),
    ...(full.cycle ? ['CYCLE'] : []),
  ].join(' ')
}

/**
 * `ADD COLUMN`, then the name the models give a SERIAL column's sequence
 * where it is not PostgreSQL's own (see {@link serialSequenceNames}).
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresAddColumn({ kind: 'add_column', table: 't', column: { name: 'n', type: { kind: 'integer' } } }, ctx)
 * // [{ sql: 'ALTER TABLE "t" ADD COLUMN "n" INTEGER' }]
 */
export const postgresAddColumn: Handler<'add_column'> = (op, ctx) => {
  const added = addColumn(op, ctx)
  return Array.isArray(added) ? [...added, ...serialSequenceNames(op, [op.column], ctx)] : added
}
