import type { Column } from '../../schema/types.js'
import { typeTextKey } from '../diff-hooks.js'
import { mysqlType } from './column-type.js'
import { mysqlTypeFromCatalog } from './introspect-types.js'

/**
 * How a MySQL/MariaDB column type is compared. A raw type is keyed as the
 * server stores it, so a synonym or short form (`YEAR`, `BOOL`, `DEC(5,2)`,
 * `DOUBLE PRECISION`, `LONG VARCHAR`) equals what the catalog reads back
 * (`year(4)`, `tinyint(1)`, `decimal(5,2)`, `double`, `mediumtext`). A raw
 * type saying more than its type (a character set, `NOT NULL`, a default)
 * keeps its own text as key: the catalog reports those apart from the type,
 * so such a column reads as changed rather than silently equal.
 * `ON UPDATE CURRENT_TIMESTAMP` is written after the type but belongs with it.
 *
 * @example
 * mysqlTypeKey({ name: 'y', type: { kind: 'raw', sql: 'YEAR' } }, 'YEAR') // 'YEAR(4)'
 * mysqlTypeKey({ name: 'c', type: { kind: 'raw', sql: 'BOOL' } }, 'BOOL') // 'TINYINT(1)'
 */
export function mysqlTypeKey(column: Column, rendered: string): string {
  const type = column.type
  if (type.kind === 'timestamp' && type.onUpdateNow === true) return `${rendered} ON UPDATE`
  if (type.kind !== 'raw') return rendered
  const stored = mysqlStoredType(type.sql, column.nullable !== false && column.primaryKey !== true)
  return stored === undefined ? rendered : typeTextKey(mysqlType(mysqlTypeFromCatalog(stored)))
}

/**
 * The `COLUMN_TYPE` MariaDB 10.11 reports for a type as declared (each
 * spelling below checked against information_schema), or undefined for a
 * declaration this does not read: a quoted list, a character set or
 * collation clause (NATIONAL, NCHAR, CHARACTER SET, BINARY, ASCII, UNICODE),
 * `NULL` on a column that is not nullable, anything after the type, and a
 * length whose type depends on the character set (`TEXT(n)`).
 *
 * @example
 * mysqlStoredType('DEC(5, 2) UNSIGNED', true) // 'decimal(5,2) unsigned'
 * mysqlStoredType('VARCHAR(20) CHARACTER SET latin1', true) // undefined
 */
export function mysqlStoredType(sql: string, nullable: boolean): string | undefined {
  if (/['"`]/.test(sql)) return undefined
  const text = sql
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(,])\s*/g, '$1')
    .replace(/\s+\)/g, ')')
    .trim()
  const m = /^([a-z][a-z0-9_]*(?: [a-z][a-z0-9_]*)*?)(?:\((\d+)(?:,(\d+))?\))?((?: signed| unsigned| zerofill)*)( null)?$/.exec(text)
  if (!m || (m[5] !== undefined && !nullable)) return undefined
  const args = { a: m[2] === undefined ? undefined : Number(m[2]), b: m[3] === undefined ? undefined : Number(m[3]) }
  const attributes = m[4]!
  const zerofill = attributes.includes('zerofill')
  // ZEROFILL implies UNSIGNED, and the server reports both; SIGNED is what a number is without either.
  const sign = { unsigned: zerofill || attributes.includes('unsigned'), zerofill }
  const family = Object.hasOwn(FAMILIES, m[1]!) ? FAMILIES[m[1]!] : undefined
  if (family === undefined || (family.numeric !== true && attributes !== '')) return undefined
  return family.stored(args, sign)
}

interface Args {
  readonly a: number | undefined
  readonly b: number | undefined
}

interface Sign {
  readonly unsigned: boolean
  readonly zerofill: boolean
}

interface Family {
  /** Takes UNSIGNED and ZEROFILL. */
  readonly numeric?: true
  stored(args: Args, sign: Sign): string | undefined
}

const signOf = (sign: Sign): string => `${sign.unsigned ? ' unsigned' : ''}${sign.zerofill ? ' zerofill' : ''}`

/** An integer type with the display width the server gives it when none is written (the digits of its range, sign included). */
const integer = (name: string, signed: number, unsigned: number): Family => ({
  numeric: true,
  stored: ({ a, b }, sign) => (b === undefined ? `${name}(${a ?? (sign.unsigned ? unsigned : signed)})${signOf(sign)}` : undefined),
})

// DECIMAL without a precision is DECIMAL(10,0), with one and no scale DECIMAL(p,0).
const decimal: Family = { numeric: true, stored: ({ a, b }, sign) => `decimal(${a ?? 10},${b ?? 0})${signOf(sign)}` }

// REAL is DOUBLE unless the session's sql_mode has REAL_AS_FLOAT, which athanor never sets.
const double: Family = {
  numeric: true,
  stored: ({ a, b }, sign) =>
    a === undefined ? `double${signOf(sign)}` : b === undefined ? undefined : `double(${a},${b})${signOf(sign)}`,
}

// FLOAT(p) is a FLOAT up to 24 bits of precision and a DOUBLE up to 53; FLOAT(m,d) keeps its digits.
const float: Family = {
  numeric: true,
  stored: ({ a, b }, sign) => {
    if (b !== undefined) return `float(${a},${b})${signOf(sign)}`
    if (a === undefined || a <= 24) return `float${signOf(sign)}`
    return a <= 53 ? `double${signOf(sign)}` : undefined
  },
}

/** A type with one optional length and the one the server gives it when none is written (none: the length is required). */
const lengthed = (name: string, otherwise?: number): Family => ({
  stored: ({ a, b }) => (b !== undefined || (a ?? otherwise) === undefined ? undefined : `${name}(${a ?? otherwise})`),
})

/** A type without arguments. */
const bare = (name: string): Family => ({ stored: ({ a }) => (a === undefined ? name : undefined) })

/** DATETIME, TIMESTAMP and TIME: fractional digits, none reported for 0. */
const fractional = (name: string): Family => ({
  stored: ({ a, b }) => (b !== undefined ? undefined : a === undefined || a === 0 ? name : `${name}(${a})`),
})

// BLOB(n) is the smallest BLOB that holds n bytes; TEXT(n) counts characters, whose bytes depend on the character set.
const sizedBlob: Family = {
  stored: ({ a, b }) => {
    if (b !== undefined) return undefined
    if (a === undefined) return 'blob'
    return a < 2 ** 8 ? 'tinyblob' : a < 2 ** 16 ? 'blob' : a < 2 ** 24 ? 'mediumblob' : 'longblob'
  },
}

const FAMILIES: Readonly<Record<string, Family>> = {
  bool: bare('tinyint(1)'),
  boolean: bare('tinyint(1)'),
  tinyint: integer('tinyint', 4, 3),
  int1: integer('tinyint', 4, 3),
  smallint: integer('smallint', 6, 5),
  int2: integer('smallint', 6, 5),
  mediumint: integer('mediumint', 9, 8),
  middleint: integer('mediumint', 9, 8),
  int3: integer('mediumint', 9, 8),
  int: integer('int', 11, 10),
  integer: integer('int', 11, 10),
  int4: integer('int', 11, 10),
  bigint: integer('bigint', 20, 20),
  int8: integer('bigint', 20, 20),
  decimal,
  dec: decimal,
  numeric: decimal,
  fixed: decimal,
  double,
  'double precision': double,
  real: double,
  float8: double,
  float,
  float4: float,
  bit: lengthed('bit', 1),
  year: lengthed('year', 4),
  sql_tsi_year: lengthed('year', 4),
  char: lengthed('char', 1),
  character: lengthed('char', 1),
  varchar: lengthed('varchar'),
  'character varying': lengthed('varchar'),
  'char varying': lengthed('varchar'),
  binary: lengthed('binary', 1),
  varbinary: lengthed('varbinary'),
  tinytext: bare('tinytext'),
  text: bare('text'),
  mediumtext: bare('mediumtext'),
  long: bare('mediumtext'),
  'long varchar': bare('mediumtext'),
  'long char varying': bare('mediumtext'),
  'long character varying': bare('mediumtext'),
  longtext: bare('longtext'),
  tinyblob: bare('tinyblob'),
  blob: sizedBlob,
  mediumblob: bare('mediumblob'),
  'long varbinary': bare('mediumblob'),
  longblob: bare('longblob'),
  json: bare('json'),
  date: bare('date'),
  datetime: fractional('datetime'),
  timestamp: fractional('timestamp'),
  time: fractional('time'),
}
