import { exactNumber } from '../../schema/exact-number.js'
import { boundedMemo } from '../../core/bounded-memo.js'
import type { ColumnType, DefaultValue, LobSize } from '../../schema/types.js'

/**
 * A `COLUMN_TYPE` read back as athanor's type, exactly as declared: integer
 * sizes with UNSIGNED and ZEROFILL (the display width only with ZEROFILL, the
 * one place it means something; TINYINT(1) is how MySQL and MariaDB store
 * BOOLEAN); DATETIME/TIMESTAMP/TIME with their fractional digits; CHAR(36) is
 * how athanor stores a UUID; MariaDB's JSON is LONGTEXT with a `json_valid`
 * check (`isJson`). ENUM and SET values keep their case; a type athanor has
 * no name for stays `raw`, upper-cased outside its quoted values.
 *
 * @example
 * mysqlTypeFromCatalog('tinyint(1)') // { kind: 'boolean' }
 * mysqlTypeFromCatalog('int(10) unsigned') // { kind: 'integer', unsigned: true }
 */
export function mysqlTypeFromCatalog(text: string, isJson = false): ColumnType {
  return isJson ? { kind: 'json' } : catalogTypes(text)
}

/** Each COLUMN_TYPE read once (see boundedMemo). */
const catalogTypes = boundedMemo(1000, fromCatalog)

function fromCatalog(text: string): ColumnType {
  const t = text.toLowerCase().trim()
  if (t === 'json') return { kind: 'json' }
  const listed = /^(enum|set)\((.*)\)$/s.exec(text.trim())
  if (listed) {
    const values = [...listed[2]!.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => m[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'))
    return listed[1]!.toLowerCase() === 'set' ? { kind: 'set', values } : { kind: 'enum', values }
  }
  const m = /^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?( unsigned)?( zerofill)?$/.exec(t)
  if (!m) return { kind: 'raw', sql: upperOutsideQuotes(text.trim()) }
  const base = m[1]!
  const a = m[2] === undefined ? undefined : Number(m[2])
  const b = m[3] === undefined ? undefined : Number(m[3])
  const unsigned = m[4] !== undefined
  const zerofill = m[5] !== undefined
  const integer = INTEGERS[base]
  if (integer !== undefined) {
    if (base === 'tinyint' && a === 1 && !unsigned) return { kind: 'boolean' }
    return {
      kind: integer,
      ...(unsigned ? { unsigned } : {}),
      ...(zerofill ? { zerofill, ...(a === undefined ? {} : { width: a }) } : {}),
    }
  }
  if (unsigned || zerofill) {
    if ((base === 'decimal' || base === 'numeric') && !zerofill) return { ...decimal(a, b), unsigned: true }
    return { kind: 'raw', sql: text.trim().toUpperCase() }
  }
  const lob = LOBS[base]
  if (lob !== undefined) return lob.text ? { kind: 'text', ...lob.size } : { kind: 'binary', ...lob.size }
  // CHAR(0) and its kin hold only '' (or NULL): MySQL's own, which the models' lengths (at least 1) do not say.
  if (a === 0 && ['char', 'varchar', 'binary', 'varbinary'].includes(base)) return { kind: 'raw', sql: text.trim().toUpperCase() }
  switch (base) {
    case 'varchar':
      return a === undefined ? { kind: 'string' } : { kind: 'string', length: a }
    case 'char':
      return a === 36 ? { kind: 'uuid' } : { kind: 'string', length: a ?? 1, fixed: true }
    case 'decimal':
    case 'numeric':
      return decimal(a, b)
    case 'float':
      return a === undefined ? { kind: 'real' } : { kind: 'raw', sql: text.trim().toUpperCase() }
    case 'double':
      return a === undefined ? { kind: 'double' } : { kind: 'raw', sql: text.trim().toUpperCase() }
    case 'date':
      return { kind: 'date' }
    case 'time':
      return a === undefined || a === 0 ? { kind: 'time' } : { kind: 'time', precision: a }
    case 'datetime':
      return a === 6 ? { kind: 'timestamp' } : { kind: 'timestamp', precision: a ?? 0 }
    case 'timestamp':
      return { kind: 'timestamp', ...(a === 6 ? {} : { precision: a ?? 0 }), mysql: { timestamp: true } }
    case 'varbinary':
      return a === undefined ? { kind: 'binary' } : { kind: 'binary', length: a }
    case 'binary':
      return { kind: 'binary', length: a ?? 1, fixed: true }
    default:
      return { kind: 'raw', sql: text.trim().toUpperCase() }
  }
}

const INTEGERS: Readonly<Record<string, 'tinyint' | 'smallint' | 'mediumint' | 'integer' | 'bigint'>> = {
  tinyint: 'tinyint',
  smallint: 'smallint',
  mediumint: 'mediumint',
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
}

const sized = (size?: LobSize) => (size === undefined ? {} : { size })

const LOBS: Readonly<Record<string, { readonly text: boolean; readonly size: { readonly size?: LobSize } }>> = {
  tinytext: { text: true, size: sized('tiny') },
  text: { text: true, size: sized() },
  mediumtext: { text: true, size: sized('medium') },
  longtext: { text: true, size: sized('long') },
  tinyblob: { text: false, size: sized('tiny') },
  blob: { text: false, size: sized() },
  mediumblob: { text: false, size: sized('medium') },
  longblob: { text: false, size: sized('long') },
}

function decimal(precision: number | undefined, scale: number | undefined): Extract<ColumnType, { kind: 'numeric' }> {
  return { kind: 'numeric', ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) }
}

/** Upper-cases a type's keywords but not its quoted values (`geometry` → `GEOMETRY`, a SET's 'Mixed' kept). */
function upperOutsideQuotes(text: string): string {
  return text.replace(/('(?:[^'\\]|''|\\.)*')|[^']+/g, (part, quoted: string | undefined) => quoted ?? part.toUpperCase())
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i

/**
 * The characters MySQL's backslash escapes stand for; any other escaped
 * character is itself (https://mariadb.com/kb/en/string-literals/).
 */
const ESCAPED: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_' }

/** A quoted string's text as the value it stands for: `''` and the backslash escapes read. */
function unescapedMysqlString(body: string): string {
  return body.replace(/''|\\(.)/gs, (_match, escaped: string | undefined) => (escaped === undefined ? "'" : (ESCAPED[escaped] ?? escaped)))
}

/**
 * A `COLUMN_DEFAULT` read back; `keepText` for a column that holds text,
 * where a number's written digits are the value (1.50 is not 1.5). MariaDB (10.2.7+) quotes string literals,
 * writes `NULL` for no default and `current_timestamp()` for expressions;
 * MySQL 8 leaves literals unquoted and marks expressions DEFAULT_GENERATED
 * in EXTRA (https://mariadb.com/kb/en/information-schema-columns-table/).
 *
 * @example
 * mysqlDefaultFromCatalog("'draft'", '', true) // { kind: 'literal', value: 'draft' }
 * mysqlDefaultFromCatalog('9007199254740993', '', true) // { kind: 'expression', sql: '9007199254740993' }
 */
export function mysqlDefaultFromCatalog(text: string | null, extra: string, mariadb: boolean, keepText = false): DefaultValue | undefined {
  if (text === null) return undefined
  const number = NUMBER
  if (mariadb) {
    if (text === 'NULL') return undefined
    if (/^'(?:[^'\\]|''|\\.)*'$/s.test(text)) return { kind: 'literal', value: unescapedMysqlString(text.slice(1, -1)) }
    if (number.test(text)) {
      // A number a double would change: MariaDB shows it unquoted, as it was written, and a quoted one quoted.
      const value = exactNumber(text, keepText)
      return value === undefined ? { kind: 'expression', sql: text } : { kind: 'literal', value }
    }
    return { kind: 'expression', sql: text }
  }
  if (/DEFAULT_GENERATED/i.test(extra) || /^current_timestamp/i.test(text)) return { kind: 'expression', sql: text }
  // A number a double would round (a BIGINT past 2^53, a long DECIMAL) stays its text, which MySQL reads exactly.
  return { kind: 'literal', value: number.test(text) ? (exactNumber(text, keepText) ?? text) : text }
}
