import { AthanorError } from '../core/errors.js'
import type { Operation } from '../ops/operation.js'
import { multirangeNameOf, type RangeType } from '../schema/pg-range.js'
import type { Table } from '../schema/types.js'
import { elementTypeKey, typeKeysOf } from './pg-composites.js'
import { pgTypeKey } from './pg-type-key.js'

const keyOf = (o: { readonly name: string; readonly schema?: string }) => `${o.schema ?? ''}.${o.name}`
const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
const named = (type: RangeType) => (type.schema === undefined ? type.name : `${type.schema}.${type.name}`)

/**
 * The operations that bring the database's range types to the models': new
 * ones created before the tables (`before`), removed ones dropped after
 * them (`after`). No `ALTER TYPE` changes a range's definition, so a
 * changed one is dropped and created again in `before`; PostgreSQL refuses
 * that drop while a column uses the type (or its multirange), so then
 * nothing is written and the change is refused (TYPE_IN_USE), naming the
 * type and its columns in `tables`, the database's.
 *
 * @example
 * const { before } = diffRanges([], [{ name: 'floatrange', subtype: 'float8' }], [])
 * // before: [create_range_type floatrange]
 */
export function diffRanges(
  current: readonly RangeType[],
  target: readonly RangeType[],
  tables: readonly Table[],
  home?: string,
): { before: Operation[]; after: Operation[] } {
  const before: Operation[] = []
  const had = new Map(current.map((t) => [keyOf(t), t]))
  const wanted = new Set(target.map(keyOf))
  for (const type of target) {
    const was = had.get(keyOf(type))
    if (was === undefined) before.push({ kind: 'create_range_type', type })
    else if (!sameRange(was, type, home)) {
      refuseInUse(was, type, tables, home)
      before.push({ kind: 'drop_range_type', name: was.name, ...schemaOf(was.schema), existing: was }, { kind: 'create_range_type', type })
    }
  }
  const after: Operation[] = current
    .filter((t) => !wanted.has(keyOf(t)))
    .reverse()
    .map((t) => ({ kind: 'drop_range_type', name: t.name, ...schemaOf(t.schema), existing: t }))
  return { before, after }
}

/** The options that tell two range types apart, each as the catalog would write it back. */
function differences(was: RangeType, wanted: RangeType, home: string | undefined): string[] {
  const routine = (name: string | undefined) => (name === undefined ? '' : sqlName(name, home))
  const compared: (readonly [string, string, string])[] = [
    ['subtype', pgTypeKey(was.subtype), pgTypeKey(wanted.subtype)],
    ['subtype_opclass', routine(was.subtypeOpclass), routine(wanted.subtypeOpclass)],
    ['collation', was.collation ?? '', wanted.collation ?? ''],
    ['canonical', routine(was.canonical), routine(wanted.canonical)],
    ['subtype_diff', routine(was.subtypeDiff), routine(wanted.subtypeDiff)],
    ['multirange_type_name', multirangeNameOf(was), multirangeNameOf(wanted)],
  ]
  return compared.filter(([, a, b]) => a !== b).map(([option, a, b]) => `${option} ${a || '(none)'} -> ${b || '(none)'}`)
}

const sameRange = (was: RangeType, wanted: RangeType, home: string | undefined) => differences(was, wanted, home).length === 0

/**
 * A function's or operator class's name as regproc and quote_ident write it
 * back: folded to lower case where unquoted, without `pg_catalog.` or the
 * home schema, which the search_path reaches.
 */
function sqlName(name: string, home: string | undefined): string {
  const folded = name
    .trim()
    .replace(/"((?:[^"]|"")*)"|[^"]+/g, (part, quoted: string | undefined) =>
      quoted === undefined ? part.toLowerCase() : quoted === quoted.toLowerCase() && /^[a-z_][a-z0-9_$]*$/.test(quoted) ? quoted : part,
    )
  for (const schema of ['pg_catalog', ...(home === undefined ? [] : [home])]) {
    if (folded.startsWith(`${schema}.`)) return folded.slice(schema.length + 1)
  }
  return folded
}

/** The drop of a changed range type fails while a column uses it: refused before any script is written. */
function refuseInUse(was: RangeType, wanted: RangeType, tables: readonly Table[], home: string | undefined): void {
  const multirange = { name: multirangeNameOf(was), ...schemaOf(was.schema) }
  const keys = new Set([...typeKeysOf(was, home), ...typeKeysOf(multirange, home)])
  const users = tables.flatMap((table) =>
    table.columns
      .filter((column) => column.type.kind === 'raw' && keys.has(elementTypeKey(column.type.sql)))
      .map((column) => `column "${column.name}" of table "${table.schema === undefined ? '' : `${table.schema}.`}${table.name}"`),
  )
  if (users.length === 0) return
  throw new AthanorError(
    'TYPE_IN_USE',
    `range type "${named(wanted)}" changed (${differences(was, wanted, home).join(', ')}): PostgreSQL cannot alter a range type, ` +
      `and cannot drop it to create it again while ${users.join(', ')} uses it. Move those columns to another type in a ` +
      'migration of their own first, or write the change by hand.',
  )
}
