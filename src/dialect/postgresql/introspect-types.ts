import type { ColumnType, DefaultValue } from '../../schema/types.js'
import { exactNumber } from '../../schema/exact-number.js'

/**
 * A type as `format_type()` spells it, read back as athanor's type. What
 * athanor has no name for (arrays, `citext`, `inet`, `interval`, `money`,
 * `tsvector`, `xml`, enums, domains and other user-defined types) stays
 * `raw` in format_type's own spelling, which is valid SQL for the same type:
 * quoted and schema-qualified where it needs to be.
 *
 * @example
 * postgresTypeFromCatalog('character varying(120)') // { kind: 'string', length: 120 }
 * postgresTypeFromCatalog('timestamp(3) with time zone') // { kind: 'timestamp', withTimeZone: true, precision: 3 }
 */
export function postgresTypeFromCatalog(text: string): ColumnType {
  const m = /^([a-z ]+?)(?:\((\d+)(?:,(\d+))?\))?( with(?:out)? time zone)?$/.exec(text)
  if (!m) return { kind: 'raw', sql: text }
  const base = m[1]!
  const a = m[2] === undefined ? undefined : Number(m[2])
  const b = m[3] === undefined ? undefined : Number(m[3])
  const zone = m[4] === ' with time zone'
  const precision = a === undefined ? {} : { precision: a }
  switch (base) {
    case 'integer':
      return { kind: 'integer' }
    case 'smallint':
      return { kind: 'smallint' }
    case 'bigint':
      return { kind: 'bigint' }
    case 'boolean':
      return { kind: 'boolean' }
    case 'character varying':
      return a === undefined ? { kind: 'string' } : { kind: 'string', length: a }
    case 'character':
      return { kind: 'string', length: a ?? 1, fixed: true }
    case 'text':
      return { kind: 'text' }
    case 'numeric':
      return { kind: 'numeric', ...(a === undefined ? {} : { precision: a }), ...(b === undefined ? {} : { scale: b }) }
    case 'real':
      return { kind: 'real' }
    case 'double precision':
      return { kind: 'double' }
    case 'date':
      return { kind: 'date' }
    case 'time':
      return zone ? { kind: 'raw', sql: text } : { kind: 'time', ...precision }
    case 'timestamp':
      return zone ? { kind: 'timestamp', withTimeZone: true, ...precision } : { kind: 'timestamp', ...precision }
    case 'json':
      return { kind: 'json' }
    case 'jsonb':
      return { kind: 'json', binary: true }
    case 'uuid':
      return { kind: 'uuid' }
    case 'bytea':
      return { kind: 'binary' }
    default:
      return { kind: 'raw', sql: text }
  }
}

const CASTS = /(?:::[a-z_][a-z0-9_ ]*(?:\(\d+(?:,\d+)?\))?(?:\[\])?)+$/i

/**
 * A default as `pg_get_expr()` writes it. PostgreSQL adds casts to literals
 * (`'x'::character varying`, `'-1'::integer`); those become plain literals,
 * everything else stays an expression (`now()`, `CURRENT_TIMESTAMP`). A
 * number a double would not hold exactly stays the number's text, as an
 * expression: a bigint past 2^53, a long fraction, and, where `keepScale`
 * (a `numeric`, whose default PostgreSQL keeps as written, or a text column), trailing zeros.
 * Given the column's type (`format_type`), a cast to another built-in type
 * or with a length of its own (`2.5::integer` on a numeric column,
 * `'abcdef'::varchar(3)`) is the author's and changes the value: the
 * default stays that expression.
 *
 * @example
 * postgresDefaultFromCatalog("'draft'::character varying") // { kind: 'literal', value: 'draft' }
 * postgresDefaultFromCatalog("'9007199254740993'::bigint") // { kind: 'expression', sql: '9007199254740993' }
 * postgresDefaultFromCatalog('(2.5)::integer', true, 'numeric') // { kind: 'expression', sql: '(2.5)::integer' }
 */
export function postgresDefaultFromCatalog(text: string | null, keepScale = false, columnType?: string): DefaultValue | undefined {
  if (text === null) return undefined
  let s = text.trim()
  // Written DEFAULT NULL, kept so: it means no default, and compares so.
  if (/^NULL(?:::.*)?$/i.test(s)) return { kind: 'literal', value: null }
  if (columnType !== undefined && castElsewhere(s, columnType)) return { kind: 'expression', sql: s }
  const uncast = s.replace(CASTS, '')
  const unwrapped = /^\((.*)\)$/.exec(uncast)?.[1] ?? uncast
  if (/^'(?:[^']|'')*'$/.test(unwrapped)) {
    const value = unwrapped.slice(1, -1).replaceAll("''", "'")
    const numeric = /^-?\d+(?:\.\d+)?$/.test(value) && CASTS.exec(s)?.[0].match(/int|numeric|real|double/)
    return numeric ? numberDefault(value, keepScale) : { kind: 'literal', value }
  }
  if (/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(unwrapped)) return numberDefault(unwrapped, keepScale)
  if (s === 'true' || s === 'false') return { kind: 'literal', value: s === 'true' }
  s = s.replace(/^\((.*)\)$/, '$1')
  return { kind: 'expression', sql: s }
}

/** A number as a literal where a double holds it exactly, else its text as written. */
function numberDefault(text: string, keepScale: boolean): DefaultValue {
  const value = exactNumber(text, keepScale)
  return value === undefined ? { kind: 'expression', sql: text } : { kind: 'literal', value }
}

/**
 * The values of the CHECK athanor writes for an enum column, as PostgreSQL
 * reprints it: `((status)::text = ANY ((ARRAY['a'::character varying, …])::text[]))`.
 *
 * @example
 * postgresEnumValues("CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))", 'status')
 * // ['a', 'b']
 */
export function postgresEnumValues(definition: string, column: string): string[] | undefined {
  const m =
    /^CHECK \(\(\(?("?)([^"()]+)\1\)?(?:::text)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)\)$/.exec(definition) ??
    // One value: PostgreSQL reprints `IN ('a')` as `((status)::text = 'a'::text)`.
    /^CHECK \(\(\(?("?)([^"()]+)\1\)?(?:::text)? = ('(?:[^']|'')*'(?:::[a-z ]+)?)\)\)$/.exec(definition)
  if (!m || m[2] !== column) return undefined
  return [...m[3]!.matchAll(/'((?:[^']|'')*)'(?:::[a-z ]+)?/g)].map((v) => v[1]!.replaceAll("''", "'"))
}

// The built-in types whose casts PostgreSQL adds to a default of its own column's type; a domain's or
// an enum's default is cast to the base type, which says nothing.
const BUILT_IN_TYPES = new Set(
  [
    'smallint integer bigint numeric real double_precision money text character_varying character boolean bytea date',
    'timestamp_without_time_zone timestamp_with_time_zone time_without_time_zone time_with_time_zone interval',
    'uuid json jsonb xml inet cidr macaddr bit bit_varying tsvector',
  ]
    .join(' ')
    .split(' ')
    .map((name) => name.replaceAll('_', ' ')),
)

/** A type's name without its lengths, quotes or array brackets' spacing: `character(3)` and `bpchar` are `character`. */
function typeName(text: string): string {
  const name = text
    .toLowerCase()
    .replaceAll('"', '')
    .replace(/\(\s*\d+(?:\s*,\s*\d+)?\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return name === 'bpchar' ? 'character' : name
}

const NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision', 'money'])
const WHOLE_NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint'])

/**
 * The default's last cast is to another built-in type than its column's, or
 * carries a length of its own. A number PostgreSQL types itself (`'-1'::integer`
 * in a smallint column, `'-1.5'::numeric` in a double one, `'10000000000'::bigint`)
 * keeps its value, and is the author's only where a whole-number cast rounds it.
 */
function castElsewhere(text: string, columnType: string): boolean {
  const cast = /::("?[a-z_][a-z0-9_ ]*"?(?:\(\d+(?:,\d+)?\))?(?:\[\])*)$/i.exec(text)?.[1]
  if (cast === undefined) return false
  const [to, column] = [typeName(cast), typeName(columnType)]
  const builtIn = (name: string) => BUILT_IN_TYPES.has(name.replace(/(?:\[\])+$/, ''))
  if (!builtIn(to) || !builtIn(column)) return false
  const number = /^\(?'?(-?\d+(?:\.\d+)?)'?\)?::[^:]+$/.exec(text)?.[1]
  if (number !== undefined && NUMBER_TYPES.has(to) && NUMBER_TYPES.has(column) && !/\(\d/.test(cast)) {
    if (WHOLE_NUMBER_TYPES.has(to)) return /\.\d*[1-9]/.test(number)
    if (to === 'numeric') return false
  }
  return to !== column || /\(\d/.test(cast)
}
