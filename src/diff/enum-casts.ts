import type { AlterColumnOp, Operation } from '../ops/operation.js'
import { type EnumType, pgTypeName, type SchemaObjects } from '../schema/pg-objects.js'
import { pgQuoteIdent, pgTypeKeyText } from '../schema/pg-identifier.js'
import type { ColumnType } from '../schema/types.js'

/**
 * `ops` with a `USING` on each type change to an enum type, both ways:
 * PostgreSQL casts no value to an enum type by itself ("cannot be cast
 * automatically"), so the alter says how, through text, which every type
 * casts to. The way back, when the old type is an enum, is the alter's
 * `reverseUsing`: only here are the types of both sides known.
 *
 * @example
 * const none = { enums: [], extensions: [], sequences: [] }
 * const objects = { current: none, target: { ...none, enums: [{ name: 'st', values: ['a'] }] } }
 * withEnumCasts([{ kind: 'alter_column', table: 't', column: 's', changes: { type: { kind: 'raw', sql: 'st' } } }], objects)[0]
 * // { …, changes: { type: …, using: 's::text::st' } }
 */
export function withEnumCasts(
  ops: readonly Operation[],
  objects: { readonly current: SchemaObjects; readonly target: SchemaObjects } | undefined,
): Operation[] {
  if (objects === undefined || (objects.current.enums.length === 0 && objects.target.enums.length === 0)) return [...ops]
  const to = enumCast(objects.target.enums)
  const back = enumCast(objects.current.enums)
  return ops.map((op) => {
    if (op.kind !== 'alter_column' || op.changes.type === undefined) return op
    const using = op.changes.using ?? to(op.column, op.changes.type)
    const reverseUsing = op.existing === undefined ? undefined : back(op.changes.newName ?? op.column, op.existing.type)
    if (using === undefined && reverseUsing === undefined) return op
    const cast: AlterColumnOp = {
      ...op,
      changes: using === undefined ? op.changes : { ...op.changes, using },
      ...(reverseUsing === undefined ? {} : { reverseUsing }),
    }
    return cast
  })
}

/** The cast of a column to `type` when it is one of `enums` (or an array of one). */
function enumCast(enums: readonly EnumType[]): (column: string, type: ColumnType) => string | undefined {
  const names = new Set(enums.map((e) => pgTypeKeyText(pgTypeName(e.name, e.schema))))
  return (column, type) => {
    if (type.kind !== 'raw' || !names.has(pgTypeKeyText(type.sql.replace(/(\[\])+$/, '')))) return undefined
    return `${pgQuoteIdent(column)}::text::${type.sql}`
  }
}
