import { type EnumType, pgTypeName, type SchemaObjects } from '../schema/pg-objects.js'
import { pgQuoteIdent, pgTypeKeyText } from '../schema/pg-identifier.js'
import type { ColumnType } from '../schema/types.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { TypeCasts } from './type-casts.js'

/**
 * The casts of a comparison: to an enum type (or an array of one) through
 * text, which every type casts to, since PostgreSQL casts no value to an
 * enum type by itself; otherwise the dialect's own (see DiffHooks.castUsing).
 * The way up casts to the models' enum types, the way back to the database's.
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
  const toEnum = enumCast(objects?.target.enums ?? [])
  const backToEnum = enumCast(objects?.current.enums ?? [])
  const own = (column: string, from: ColumnType | undefined, to: ColumnType) =>
    from === undefined ? undefined : hooks.castUsing(column, from, to)
  return {
    up: (column, from, to) => toEnum(column, to) ?? own(column, from, to),
    back: (column, from, to) => backToEnum(column, to) ?? own(column, from, to),
  }
}

/** The cast of a column to `type` when it is one of `enums` (or an array of one). */
function enumCast(enums: readonly EnumType[]): (column: string, type: ColumnType) => string | undefined {
  if (enums.length === 0) return () => undefined
  const names = new Set(enums.map((e) => pgTypeKeyText(pgTypeName(e.name, e.schema))))
  return (column, type) => {
    if (type.kind !== 'raw' || !names.has(pgTypeKeyText(type.sql.replace(/(\[\])+$/, '')))) return undefined
    return `${pgQuoteIdent(column)}::text::${type.sql}`
  }
}
