import { type EnumType, pgTypeName, type SchemaObjects } from '../schema/pg-objects.js'
import { pgQuoteIdent, pgTypeKeyText } from '../schema/pg-identifier.js'
import type { ColumnType } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { TypeCasts } from './type-casts.js'

/**
 * The casts of a comparison: to an enum or composite type (or an array of
 * one) through text, which every type casts to, since PostgreSQL casts no
 * value to an enum type by itself, nor one composite type to another
 * (`p::text::couple` reads the row's text back as the new type: the same
 * attributes keep every value, and a NULL stays NULL where `ROW((p).x, …)`
 * would make it a row of NULLs); otherwise the dialect's own (see
 * DiffHooks.castUsing). The way up casts to the models' types, the way back
 * to the database's.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const none = { enums: [], extensions: [], sequences: [] }
 * const objects = { current: none, target: { ...none, enums: [{ name: 'st', values: ['a'] }] } }
 * typeCasts(diffHooksFor('postgresql'), objects).up('s', { kind: 'text' }, { kind: 'raw', sql: 'st' }) // 's::text::st'
 */
export function typeCasts(
  hooks: DiffHooks,
  objects: { readonly current: SchemaObjects; readonly target: SchemaObjects } | undefined,
): TypeCasts {
  const up = textCast(objects === undefined ? [] : castThroughText(objects.target))
  const back = textCast(objects === undefined ? [] : castThroughText(objects.current))
  const own = (column: string, from: ColumnType | undefined, to: ColumnType) =>
    from === undefined ? undefined : hooks.castUsing(column, from, to)
  return {
    up: (column, from, to) => up(column, to) ?? own(column, from, to),
    back: (column, from, to) => back(column, to) ?? own(column, from, to),
  }
}

/** A type's name and schema, as enum and composite types have them. */
type TypeName = Pick<EnumType, 'name' | 'schema'>

/** The enum and composite types of `objects`, which a column reaches only through text. */
function castThroughText(objects: SchemaObjects): readonly TypeName[] {
  return [...objects.enums, ...(objects.composites ?? [])]
}

/** The cast of a column to `type` when it is one of `types` (or an array of one). */
function textCast(types: readonly TypeName[]): (column: string, type: ColumnType) => string | undefined {
  if (types.length === 0) return () => undefined
  const names = new Set(types.map((t) => pgTypeKeyText(pgTypeName(t.name, t.schema))))
  return (column, type) => {
    if (type.kind !== 'raw' || !names.has(pgTypeKeyText(type.sql.replace(/(\[\])+$/, '')))) return undefined
    return `${pgQuoteIdent(column)}::text::${type.sql}`
  }
}
