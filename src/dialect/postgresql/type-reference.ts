import { SERIAL_TYPES } from './raw-serial.js'

/**
 * A type name as PostgreSQL looks it up in pg_type: its schema when the
 * text names one, and its name as stored (unquoted parts folded to lower case).
 */
export interface TypeReference {
  readonly schema?: string
  readonly name: string
}

// The type names the grammar itself turns into pg_catalog's (gram.y's SimpleTypename: `int` is int4, `boolean` bool,
// `char` bpchar): never looked up by the name written, and always there. The multi-word ones (`double precision`,
// `character varying`, `timestamp with time zone`, `interval day to second`) are the grammar's too, told by their space.
// The serial types are no types at all: CREATE TABLE turns them into an integer and a sequence (parse_utilcmd.c).
const GRAMMAR_TYPES = new Set([
  ...Object.keys(SERIAL_TYPES),
  'int',
  'integer',
  'smallint',
  'bigint',
  'real',
  'float',
  'decimal',
  'dec',
  'numeric',
  'boolean',
  'char',
  'character',
  'varchar',
  'nchar',
  'bit',
  'time',
  'timestamp',
  'interval',
])

const WORD = /^(?:"(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)/u

/**
 * The type a column type written as SQL (`col.raw(…)`, a domain's base type)
 * names, for a catalog lookup: its modifiers (`(10,2)`, `(Point,4326)`) and
 * array brackets left off; `undefined` for the types the grammar names
 * itself and for text that is no plain type name, which is never looked up
 * (the check this serves must not refuse what it cannot read).
 *
 * @example
 * typeReference('floatrange') // { name: 'floatrange' }
 * typeReference('public."Span"[]') // { schema: 'public', name: 'Span' }
 * typeReference('geometry(Point, 4326)') // { name: 'geometry' }
 * typeReference('character varying(20)') // undefined: the grammar's
 */
export function typeReference(sql: string): TypeReference | undefined {
  const bare = withoutModifiers(sql)
    ?.replace(/(?:\s*\[\s*\d*\s*\])+$/, '')
    .replace(/\s+array$/i, '')
    .trim()
  if (bare === undefined) return undefined
  const parts: string[] = []
  let rest = bare
  for (;;) {
    const word = WORD.exec(rest)?.[0]
    if (word === undefined) return undefined
    parts.push(word)
    rest = rest.slice(word.length)
    if (rest === '') break
    if (!rest.startsWith('.')) return undefined
    rest = rest.slice(1)
  }
  // A three-part name's first part is the database's own name, as PostgreSQL allows.
  const [name, schema] = parts.reverse().map(storedName)
  if (name === undefined || parts.length > 3) return undefined
  if (schema === undefined && !parts[0]!.startsWith('"') && GRAMMAR_TYPES.has(name)) return undefined
  return schema === undefined ? { name } : { schema, name }
}

/** A name part as the catalog stores it: a quoted one as written, a bare one with its ASCII letters folded (as scan.l folds). */
function storedName(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replaceAll('""', '"') : part.replace(/[A-Z]+/g, (upper) => upper.toLowerCase())
}

/** `sql` without its parenthesised parts (outside quotes), or `undefined` where the parentheses do not pair. */
function withoutModifiers(sql: string): string | undefined {
  let kept = ''
  let depth = 0
  let quoted = false
  for (const ch of sql) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '(') depth++
    else if (!quoted && ch === ')') {
      if (--depth < 0) return undefined
      continue
    }
    if (depth === 0) kept += ch
  }
  return depth === 0 && !quoted ? kept : undefined
}
