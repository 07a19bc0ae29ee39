import { exactNumber } from '../../schema/exact-number.js'
import type { ColumnType, DefaultValue } from '../../schema/types.js'
import { boundedMemo } from '../../core/bounded-memo.js'
import { sqliteType } from './column-type.js'
import { BARE_NAME } from '../../schema/bare-name.js'

/** `column IN ('a', 'b')`, the column bare or quoted. */
const COLUMN_IN_LIST = new RegExp(
  String.raw`^\s*(?:"((?:[^"]|"")*)"|\`([^\`]*)\`|(${BARE_NAME}))\s+IN\s*\(((?:\s*'(?:[^']|'')*'\s*,?)+)\)\s*$`,
  'i',
)

/**
 * A declared SQLite type read back as athanor's type. SQLite keeps the
 * declared text as written and a rebuilt database should declare the same, so
 * a type is named only when athanor would write it back as it stands (see
 * `sqliteType`; letter case aside, which SQLite ignores); other spellings
 * (`INT`, `NVARCHAR(120)`, `TIMESTAMP`, `NUMERIC(10,2)`) stay `raw`, as written.
 *
 * @example
 * sqliteTypeFromDeclared('VARCHAR(20)') // { kind: 'string', length: 20 }
 * sqliteTypeFromDeclared('NVARCHAR(120)') // { kind: 'raw', sql: 'NVARCHAR(120)' }
 */
export function sqliteTypeFromDeclared(declared: string): ColumnType {
  return declaredTypes(declared)
}

/** Each declared type read once (see boundedMemo). */
const declaredTypes = boundedMemo(1000, fromDeclared)

function fromDeclared(declared: string): ColumnType {
  const named = typeByName(declared)
  if (named.kind === 'raw') return named
  try {
    if (sqliteType(named) === declared.trim().toUpperCase()) return named
  } catch {
    // A length SQLite took but athanor refuses (0) stays as written.
  }
  return { kind: 'raw', sql: declared.trim() }
}

/**
 * What a declared type names by SQLite's affinity rules
 * (https://sqlite.org/datatype3.html#determination_of_column_affinity), where a name is clear.
 */
function typeByName(declared: string): ColumnType {
  const text = declared.trim().toUpperCase().replace(/\s+/g, ' ')
  const m = /^([A-Z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(text)
  const base = m?.[1] ?? text
  const a = m?.[2] === undefined ? undefined : Number(m[2])
  const b = m?.[3] === undefined ? undefined : Number(m[3])
  switch (base) {
    case 'INTEGER':
    case 'INT':
      return { kind: 'integer' }
    case 'SMALLINT':
      return { kind: 'smallint' }
    case 'BIGINT':
      return { kind: 'bigint' }
    case 'BOOLEAN':
    case 'BOOL':
      return { kind: 'boolean' }
    case 'VARCHAR':
    case 'CHARACTER VARYING':
    case 'NVARCHAR':
      return a === undefined ? { kind: 'string' } : { kind: 'string', length: a }
    case 'CHAR':
    case 'CHARACTER':
      return a === 36 ? { kind: 'uuid' } : { kind: 'raw', sql: declared.trim() }
    case 'TEXT':
    case 'CLOB':
      return { kind: 'text' }
    case 'NUMERIC':
    case 'DECIMAL':
      return { kind: 'numeric', ...(a === undefined ? {} : { precision: a }), ...(b === undefined ? {} : { scale: b }) }
    case 'REAL':
    case 'FLOAT':
      return { kind: 'real' }
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      return { kind: 'double' }
    case 'DATE':
      return { kind: 'date' }
    case 'TIME':
      return { kind: 'time' }
    case 'DATETIME':
    case 'TIMESTAMP':
      return { kind: 'timestamp' }
    case 'JSON':
      return { kind: 'json' }
    case 'UUID':
      return { kind: 'uuid' }
    case 'BLOB':
      return { kind: 'binary' }
    case 'VARBINARY':
      return a === undefined ? { kind: 'binary' } : { kind: 'binary', length: a }
    default:
      return { kind: 'raw', sql: declared.trim() }
  }
}

/**
 * A default as `PRAGMA table_info` reports it (the text written after
 * DEFAULT, without the parentheses SQLite requires around expressions):
 * quoted strings and numbers become literals, the rest expressions.
 *
 * @example
 * sqliteDefaultFromText("'it''s'") // { kind: 'literal', value: "it's" }
 */
export function sqliteDefaultFromText(text: string | null): DefaultValue | undefined {
  if (text === null) return undefined
  const s = text.trim()
  // Written DEFAULT NULL, kept so: it means no default, and compares so.
  if (/^NULL$/i.test(s)) return { kind: 'literal', value: null }
  const quoted = /^'((?:[^']|'')*)'$/.exec(s)
  if (quoted) return { kind: 'literal', value: quoted[1]!.replaceAll("''", "'") }
  // A DEFAULT cannot name a column, so SQLite reads a double-quoted word there as a string
  // (https://sqlite.org/quirks.html#dblquote); written back as it stands it is "not constant".
  const doubleQuoted = /^"((?:[^"]|"")*)"$/.exec(s)
  if (doubleQuoted) return { kind: 'literal', value: doubleQuoted[1]!.replaceAll('""', '"') }
  if (/^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(s)) {
    // As written where a double would not say it the same: SQLite stores 0.00 in a TEXT column as '0.0', 0 as '0'.
    const value = exactNumber(s, true)
    return value === undefined ? { kind: 'expression', sql: s } : { kind: 'literal', value }
  }
  return { kind: 'expression', sql: s }
}

/**
 * The values of an enum CHECK (`"status" IN ('a', 'b')`) on `column`, or
 * undefined when the check is something else.
 *
 * @example
 * enumValuesOf(`"status" IN ('a', 'b')`, 'status') // ['a', 'b']
 */
export function enumValuesOf(expression: string, column: string): string[] | undefined {
  const m = COLUMN_IN_LIST.exec(expression)
  if (!m) return undefined
  const name = m[1]?.replaceAll('""', '"') ?? m[2] ?? m[3]
  if (name?.toLowerCase() !== column.toLowerCase()) return undefined
  return [...m[4]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replaceAll("''", "'"))
}
