import type { Column } from '../../schema/types.js'
import { pgTypeKeyText } from '../../schema/pg-identifier.js'
import { typeTextKey } from '../diff-hooks.js'
import { postgresType } from './column-type.js'
import { postgresTypeFromCatalog } from './introspect-types.js'
import { postgresPlainDigits } from './rounding.js'
import { rawSerialType } from './raw-serial.js'
import { POSTGRES_TYPE_ALIASES } from './type-aliases.js'

/**
 * How a PostgreSQL column type is compared. A raw type is keyed as the
 * catalog reads it back, so an alias or another spelling of a built-in type
 * (`int4`, `varchar(10)[]`, `timestamptz(3)`, `pg_catalog.int8range`,
 * `numeric(10, 2) ARRAY`) equals format_type's (`integer`, `character
 * varying(10)[]`, …), and a serial type its integer type (its numbering is
 * the column's, see postgresColumnAsHeld). Any other raw type keeps its
 * text, its quotes taken off where the name reads the same bare (an enum, a
 * domain and other named types, quoted by the key words of the newest PostgreSQL).
 *
 * @example
 * postgresTypeKey({ name: 'n', type: { kind: 'raw', sql: 'int4' } }, 'INT4') // 'INTEGER'
 * postgresTypeKey({ name: 'n', type: { kind: 'raw', sql: 'bigserial' } }, 'BIGSERIAL') // 'BIGINT'
 */
export function postgresTypeKey(column: Column, rendered: string): string {
  const type = column.type
  if (type.kind !== 'raw') return rendered
  const serial = rawSerialType(type)
  const stored = serial === undefined ? postgresStoredType(type.sql) : undefined
  const read = serial ?? (stored === undefined ? undefined : postgresTypeFromCatalog(stored))
  if (read === undefined) return type.sql.includes('"') ? typeTextKey(pgTypeKeyText(type.sql)) : rendered
  return read.kind === 'raw' ? typeTextKey(read.sql) : typeTextKey(postgresType(postgresPlainDigits(read)))
}

// pg_type's own names among the aliases: the only ones `pg_catalog.` qualifies (`int`, `decimal` are the grammar's,
// gram.y's SimpleTypename, and `pg_catalog.char` is the one-byte "char").
const CATALOG_NAMES: ReadonlySet<string> = new Set([
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'bool',
  'varchar',
  'bpchar',
  'varbit',
  'numeric',
])

/**
 * The spelling format_type gives the built-in type written as `sql`, or
 * undefined for a type it does not spell otherwise than its own name (a
 * range, an extension's type, an enum or domain), for text with quotes,
 * and for text this does not read. Case and blanks are folded, an array's
 * dimensions are one `[]` (PostgreSQL keeps none), a time type's
 * precision goes inside its name, and `pg_catalog.` goes, as that schema
 * is always searched.
 *
 * @example
 * postgresStoredType('varchar(10)[]') // 'character varying(10)[]'
 * postgresStoredType('timestamptz(3)') // 'timestamp(3) with time zone'
 * postgresStoredType('numeric(10, 2) ARRAY') // 'numeric(10,2)[]'
 * postgresStoredType('pg_catalog.int8range') // 'int8range'
 * postgresStoredType('geometry(Point, 4326)') // undefined
 */
export function postgresStoredType(sql: string): string | undefined {
  if (sql.includes('"')) return undefined
  const folded = sql
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([([,]) ?/g, '$1')
    .replace(/ ([)\]])/g, '$1')
    .trim()
  // `[]`, `[3][3]`, `ARRAY` and `ARRAY[4]` all make an array of any dimensions, which format_type writes `[]`.
  const element = folded.replace(/(?:\[\d*\])+$|(?:(?<=\))| )array(?:\[\d*\])?$/, '')
  const array = element === folded ? '' : '[]'
  const qualified = element.startsWith('pg_catalog.')
  const name = qualified ? element.slice('pg_catalog.'.length) : element
  const spelled = timeType(name, qualified) ?? intervalType(name, qualified) ?? namedType(name, qualified)
  return spelled === undefined ? undefined : `${spelled}${array}`
}

/** `timestamp(3) with time zone` and the like from any of their spellings; `timestamptz` is pg_type's name, qualified or not. */
function timeType(text: string, qualified: boolean): string | undefined {
  const m = /^(timestamptz|timetz|timestamp|time)(\(\d+\))?(?: (with|without) time zone)?$/.exec(text)
  if (m === null || (qualified && m[3] !== undefined)) return undefined
  const zoned = m[1]!.endsWith('tz')
  if (zoned && m[3] !== undefined) return undefined
  return `${m[1]!.replace(/tz$/, '')}${m[2] ?? ''} ${zoned || m[3] === 'with' ? 'with' : 'without'} time zone`
}

const INTERVAL_FIELDS = '(?: (?:year|month|day|hour|minute|second)(?: to (?:month|hour|minute|second))?)?'

/** An interval, which format_type writes as the grammar does, fields and precision included. */
function intervalType(text: string, qualified: boolean): string | undefined {
  const m = new RegExp(`^interval(\\(\\d+\\))?(${INTERVAL_FIELDS})(\\(\\d+\\))?$`).exec(text)
  if (m === null || (qualified && (m[2] !== '' || m[3] !== undefined)) || (m[1] !== undefined && m[3] !== undefined)) return undefined
  return text
}

/**
 * A type by its name and lengths, where format_type writes it otherwise
 * (format_type.c names these itself); qualified, any other of pg_catalog's
 * by its name, visible unqualified.
 */
function namedType(text: string, qualified: boolean): string | undefined {
  const m = /^([a-z_][a-z0-9_]*(?: [a-z_][a-z0-9_]*)*)(?:\((\d+(?:,\d+)*)\))?$/.exec(text)
  if (m === null) return undefined
  const [, name = '', list] = m
  const args = list === undefined ? [] : list.split(',')
  if (qualified && (name.includes(' ') || name === 'char' || name === 'bit')) return undefined
  const spelled = Object.hasOwn(POSTGRES_TYPE_ALIASES, name) ? POSTGRES_TYPE_ALIASES[name]! : name
  if (qualified && spelled !== name && !CATALOG_NAMES.has(name)) return undefined
  // FLOAT(p) is real up to 24 binary digits, double precision past them (datatype-numeric.html).
  if (name === 'float' && args.length === 1) return Number(args[0]) <= 24 ? 'real' : 'double precision'
  switch (spelled) {
    case 'integer':
    case 'smallint':
    case 'bigint':
    case 'real':
    case 'double precision':
    case 'boolean':
      return args.length === 0 ? spelled : undefined
    case 'numeric':
      // NUMERIC(p) is NUMERIC(p,0): the scale PostgreSQL gives it.
      return args.length === 0 ? 'numeric' : args.length <= 2 ? `numeric(${args[0]},${args[1] ?? 0})` : undefined
    case 'character':
    case 'bit':
      // CHARACTER and BIT without a length have length 1 (SQL's rule); bpchar has none, which format_type says by its name.
      if (name === 'bpchar' && args.length === 0) return 'bpchar'
      return args.length <= 1 ? `${spelled}(${args[0] ?? 1})` : undefined
    case 'character varying':
    case 'bit varying':
      return args.length === 0 ? spelled : args.length === 1 ? `${spelled}(${args[0]})` : undefined
    default:
      return qualified ? text : undefined
  }
}
