import type { Row } from '../../ops/operation-sink.js'
import type { Index, IndexOrder } from '../../schema/types.js'

/** pg_index.indoption bits (src/include/catalog/pg_index.h): INDOPTION_DESC and INDOPTION_NULLS_FIRST. */
const DESC = 1
const NULLS_FIRST = 2

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? (JSON.parse(value) as unknown[]) : []

/**
 * `"User"` → `User`: pg_get_indexdef quotes the names that need it.
 *
 * @example
 * unquoteName('"User"') // 'User'
 */
export function unquoteName(part: string): string {
  return /^"(?:[^"]|"")*"$/.test(part) ? part.slice(1, -1).replaceAll('""', '"') : part
}

/**
 * pg_class.reloptions (`fillfactor=70`, `fastupdate=off`) as storage
 * parameters: numbers and true/false as such, other words as written.
 */
export function storageOf(value: unknown): Record<string, string | number | boolean> | undefined {
  const entries = list(value).map((option) => {
    const [name = '', ...rest] = String(option).split('=')
    const text = rest.join('=')
    const parsed = /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text === 'true' ? true : text === 'false' ? false : text
    return [name, parsed] as const
  })
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}

/** Entries keyed by the index's keys, or nothing when none holds a value. */
function byKey<T>(keys: readonly string[], values: readonly (T | undefined)[]): Readonly<Record<string, T>> | undefined {
  const entries = keys.flatMap((key, i) => (values[i] === undefined ? [] : [[key, values[i]] as const]))
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}

/**
 * An index from its row of INDEXES_SQL: keys by name (expressions as
 * deparsed), unique, predicate, access method other than B-tree, and the key
 * options other than the defaults: DESC, NULLS FIRST on an ascending key or
 * LAST on a descending one, an operator class that is not the type's
 * default, INCLUDE columns, NULLS NOT DISTINCT, and storage parameters.
 *
 * @example
 * const row = { name: 'ix', cols: ['a'], uq: false, has_expr: false, pred: null, method: 'btree' }
 * postgresIndex({ ...row, key_options: [3], opclasses: [null], included: [] })
 * // { name: 'ix', columns: ['a'], order: { a: 'desc' } }
 */
export function postgresIndex(r: Row): Index {
  const expressions = r['has_expr'] === true
  const columns = list(r['cols']).map((c) => (expressions ? String(c) : unquoteName(String(c))))
  const options = list(r['key_options']).map(Number)
  const order = byKey<IndexOrder>(
    columns,
    options.map((o) => ((o & DESC) !== 0 ? 'desc' : undefined)),
  )
  const nulls = byKey<'first' | 'last'>(
    columns,
    options.map((o) => {
      const first = (o & NULLS_FIRST) !== 0
      if ((o & DESC) !== 0) return first ? undefined : 'last'
      return first ? 'first' : undefined
    }),
  )
  const opclass = byKey<string>(
    columns,
    list(r['opclasses']).map((c) => (c === null ? undefined : String(c))),
  )
  const include = list(r['included']).map((c) => unquoteName(String(c)))
  const storage = storageOf(r['storage'])
  return {
    name: String(r['name']),
    columns,
    ...(r['uq'] === true ? { unique: true } : {}),
    ...(expressions ? { expressions: true } : {}),
    ...(r['pred'] === null ? {} : { where: String(r['pred']) }),
    ...(r['method'] === 'btree' || r['method'] === null ? {} : { using: String(r['method']) }),
    ...(order === undefined ? {} : { order }),
    ...(nulls === undefined ? {} : { nulls }),
    ...(opclass === undefined ? {} : { opclass }),
    ...(include.length === 0 ? {} : { include }),
    ...(r['nulls_not_distinct'] === true ? { nullsNotDistinct: true } : {}),
    ...(storage === undefined ? {} : { storage }),
  }
}
