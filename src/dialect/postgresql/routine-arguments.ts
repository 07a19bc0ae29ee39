import { routineArgumentList, routineKindOf, skipQuotedOrComment } from '../../ops/stored-code-text.js'
import { pgIdentifierIsBare } from '../../schema/pg-identifier.js'
import { POSTGRES_TYPE_ALIASES } from './type-aliases.js'

// Types of more than one word, which no parameter name comes before in their first word's place.
const MULTIWORD = new RegExp(
  '^(?:double\\s+precision|(?:national\\s+)?(?:character|char)\\b(?:\\s+varying)?|bit\\s+varying|interval\\b' +
    '|nchar\\s+varying|(?:timestamp|time)\\b(?:\\s*\\(\\s*\\d+\\s*\\))?\\s+with(?:out)?\\s+time\\s+zone)',
  'i',
)
const MODE = /^(IN|OUT|INOUT|VARIADIC)\s+/i
const WORD = /^("(?:[^"]|"")*"|[A-Za-z_][\w$]*)\s+/

/** A quoted name as format_type prints it: without its quotes where quote_ident would leave it bare (`"action"` is `action`). */
function unquoted(quoted: string): string {
  const name = quoted.slice(1, -1).replaceAll('""', '"')
  return pgIdentifierIsBare(name) ? name : quoted
}

/** `text` with each comment a space (quoted names and strings kept as they are). */
function withoutComments(text: string): string {
  let out = ''
  for (let at = 0; at < text.length; at++) {
    const end = skipQuotedOrComment(text, at)
    out += end > at && text[at] !== "'" && text[at] !== '"' ? ' ' : text.slice(at, end + 1)
    at = end
  }
  return out
}

/** `text` split at its top-level commas (not those inside parentheses or quotes). */
function topLevelParts(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let at = 0; at < text.length; at++) {
    const char = text[at]
    if (char === "'" || char === '"') at = skipQuotedOrComment(text, at)
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, at))
      start = at + 1
    }
  }
  return [...parts, text.slice(start)].map((part) => part.trim()).filter((part) => part !== '')
}

/**
 * One argument's type as `format_type` prints it (after VARIADIC where `variadic`), or
 * `undefined` when it is an OUT argument (no part of the identity), `null` when the text cannot say.
 */
function identityType(argument: string, variadic: boolean): string | null | undefined {
  let rest = argument.replace(/\s+DEFAULT\s[\s\S]*$|\s*=[\s\S]*$/i, '').trim()
  let mode = MODE.exec(rest)?.[1]
  rest = rest.replace(MODE, '')
  const name = WORD.exec(rest)
  if (name !== null && !MULTIWORD.test(rest)) {
    rest = rest.slice(name[0].length)
    mode ??= MODE.exec(rest)?.[1]
    rest = rest.replace(MODE, '')
  }
  if (mode?.toUpperCase() === 'OUT') return undefined
  if (rest === '') return null
  // %TYPE names a column's type, which only the database knows (asked when it holds the routine's name); DROP FUNCTION takes it as written.
  if (rest.includes('%')) return rest.replace(/"(?:[^"]|"")*"|[^"]+/g, (part) => (part.startsWith('"') ? part : part.toLowerCase()))
  const arrays = /\[|\bARRAY\b/i.test(rest)
  const type = rest
    // float(p) is real up to 24 binary digits of precision, double precision above.
    .replace(/^float\s*\(\s*(\d+)\s*\)/i, (_, digits: string) => (Number(digits) <= 24 ? 'real' : 'double precision'))
    .replace(/\s*\bARRAY\b\s*(?:\[\s*\d*\s*\])?|\s*\[\s*\d*\s*\]/gi, '')
    .replace(/\s*\(\s*\d+(?:\s*,\s*-?\d+)?\s*\)/g, '')
    .replace(/"(?:[^"]|"")*"|[^"]+/g, (part) => (part.startsWith('"') ? unquoted(part) : part.toLowerCase().replace(/\s+/g, ' ')))
    .trim()
    .replace(/^pg_catalog\./, '')
  return `${variadic && mode?.toUpperCase() === 'VARIADIC' ? 'VARIADIC ' : ''}${POSTGRES_TYPE_ALIASES[type] ?? type}${arrays ? '[]' : ''}`
}

/** The types of a comma-separated argument list; `undefined` when one of them the text cannot say. */
function identityTypes(list: string, variadic: boolean): string[] | undefined {
  const parts = topLevelParts(list)
  if (parts.some((part) => /^\w+\s*=/.test(part))) return undefined
  const types = parts.map((part) => identityType(part, variadic)).filter((type) => type !== undefined)
  return types.some((type) => type === null) ? undefined : (types as string[])
}

/**
 * The argument types of a PostgreSQL `CREATE FUNCTION|PROCEDURE|AGGREGATE`
 * statement as the catalog prints them: parameter names, modes, defaults,
 * type modifiers and OUT parameters dropped, aliases spelled out (`int4`,
 * `int` → `integer`); for a function or procedure as `format_type` prints
 * `pg_proc.proargtypes`, for an aggregate as `DROP AGGREGATE` takes them
 * (`pg_get_function_identity_arguments` less any names: VARIADIC kept, an
 * ordered-set aggregate's `ORDER BY`, `*` for none). With the name, what
 * tells overloads apart; a `%TYPE` kept as written (the database is asked what
 * it names where it holds a routine of that name). `undefined` when the text alone cannot say
 * (the old `CREATE AGGREGATE name (BASETYPE = …)`): then the database is asked.
 *
 * @example
 * postgresArgumentTypes('CREATE FUNCTION add(a int4, b INT DEFAULT 1) RETURNS int RETURN a + b') // 'integer, integer'
 * postgresArgumentTypes('CREATE AGGREGATE pct(float8 ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal)')
 * // 'double precision ORDER BY anyelement'
 */
export function postgresArgumentTypes(definition: string): string | undefined {
  const written = routineArgumentList(definition)
  if (written === undefined) return undefined
  const list = withoutComments(written).trim()
  if (routineKindOf(definition) !== 'aggregate') return identityTypes(list, false)?.join(', ')
  if (list === '*' || list === '') return '*'
  const [direct = '', ordered] = list.split(/(?:^|\s+)ORDER\s+BY\s+/i)
  const [directTypes, orderedTypes] = [identityTypes(direct, true), identityTypes(ordered ?? '', true)]
  if (directTypes === undefined || orderedTypes === undefined) return undefined
  return ordered === undefined ? directTypes.join(', ') : `${directTypes.join(', ')} ORDER BY ${orderedTypes.join(', ')}`.trim()
}
