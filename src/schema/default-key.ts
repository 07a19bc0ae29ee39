import type { DefaultValue } from './types.js'
import { decimalValueText } from './exact-number.js'

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const QUOTED = /^'((?:[^']|'')*)'$/
/** The current-time spellings: `now()`, `CURRENT_TIMESTAMP`, MariaDB's `current_timestamp(6)`, SQLite's `datetime('now')`. */
const PRECISION = /^\(*(?:current_timestamp|localtimestamp)\((\d+)\)\)*$/
const NOW = /^(?:(?:now|current_timestamp|localtimestamp)(?:\(\d*\))?|datetime\('now'\))$/

/** Strips `(…)` wrapping the whole text, as SQLite and MySQL add around expressions. */
function unwrap(text: string): string {
  let s = text.trim()
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim()
  return s
}

function balanced(s: string): boolean {
  let depth = 0
  let quoted = false
  for (const ch of s) {
    if (ch === "'") quoted = !quoted
    else if (!quoted && ch === '(') depth++
    else if (!quoted && ch === ')' && --depth < 0) return false
  }
  return depth === 0
}

/** Lower-cases and drops blanks outside string literals; strips PostgreSQL casts (`'x'::character varying`). */
function canonicalSql(text: string): string {
  let out = ''
  let quoted = false
  for (const ch of text) {
    if (ch === "'") quoted = !quoted
    out += quoted || ch === "'" ? ch : /\s/.test(ch) ? ' ' : ch.toLowerCase()
  }
  // Blanks and casts go outside string literals only: `', '` is not `','`.
  const unspaced = out
    .split(/('(?:[^']|'')*')/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/::[a-z_ ]+(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?/g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([(),])\s*/g, '$1'),
    )
    .join('')
  return withoutGroupedNames(unspaced.trim())
}

/**
 * A column name or a number in parentheses of its own, not a call's: what is
 * left of PostgreSQL's `(a)::text` and `(2)::double precision` once the cast is gone.
 */
const GROUPED_NAME = /(^|[^a-z0-9_$"])\(([a-z_][a-z0-9_$]*|"(?:[^"]|"")+"|\d+(?:\.\d+)?)\)/g

/**
 * Without the parentheses round a lone name, and without the blanks round
 * an operator, which those parentheses kept apart (`(a) || (b)` is `a||b`);
 * string literals as they are.
 */
function withoutGroupedNames(sql: string): string {
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, index) => {
      if (index % 2 === 1) return part
      let before = part
      for (;;) {
        const after = before.replace(GROUPED_NAME, '$1$2')
        if (after === before) return after.replace(/\s*([-+*/<>=!~^&|%@#]+)\s*/g, '$1')
        before = after
      }
    })
    .join('')
}

function literalKey(value: string | number | boolean | null, textual: boolean): string | undefined {
  if (value === null) return undefined
  if (typeof value === 'boolean') return value ? 'n:1' : 'n:0'
  // A text column keeps the characters: '0123' is not '123', and 5 is stored as '5'.
  if (textual) return `s:${String(value)}`
  // By value, exactly: 0 is 0.00, and 9007199254740993 is not the …992 a double would make of it.
  if (typeof value === 'number') return `n:${decimalValueText(String(value))}`
  return NUMBER.test(value.trim()) ? `n:${decimalValueText(value)}` : `s:${withoutTrailingFractionZeros(value)}`
}

/** A time of day with a fraction, as its seconds and any fraction without trailing zeros. */
const TIME_WITH_FRACTION = /^((?:\d{4}-\d{2}-\d{2}[ T])?\d{2}:\d{2}:\d{2})\.(\d*?)0+$/

/**
 * A date and time or a time as its value: MariaDB stores a DATETIME(2)
 * default written `'2020-01-01 00:00:00'` as `'2020-01-01 00:00:00.00'`.
 */
function withoutTrailingFractionZeros(value: string): string {
  const found = TIME_WITH_FRACTION.exec(value)
  if (found === null) return value
  return found[2] === '' ? found[1]! : `${found[1]}.${found[2]}`
}

/**
 * What a server default means, as a string two defaults can be compared by.
 * Databases hand back defaults rewritten (PostgreSQL adds casts, SQLite and
 * MariaDB parentheses, MariaDB writes `current_timestamp()` for `now()`), so
 * both sides are reduced to one form: literals by value (`TRUE` is `1`, `'5'`
 * is `5`), expressions lower-cased without blanks, casts or outer
 * parentheses, and the current-time spellings as one. A NULL default is no
 * default. `textual` (a column of text) compares literals by their
 * characters, where `'0123'` and `'123'` differ. This is what keeps `check`
 * quiet on a schema athanor created.
 *
 * @example
 * defaultKey({ kind: 'expression', sql: "'x'::character varying" }) === defaultKey({ kind: 'literal', value: 'x' }) // true
 * defaultKey({ kind: 'literal', value: '0123' }, true) === defaultKey({ kind: 'literal', value: '123' }, true) // false
 */
export function defaultKey(value: DefaultValue | undefined, textual = false, timePrecision = false): string | undefined {
  if (value === undefined) return undefined
  if (value.kind === 'literal') return literalKey(value.value, textual)
  if (timePrecision && /timestamp\s*\(\s*\d/i.test(value.sql)) {
    // PostgreSQL's CURRENT_TIMESTAMP(0) drops the fraction now() keeps (6 is all there is).
    const precision = PRECISION.exec(canonicalSql(unwrap(value.sql)))?.[1]
    if (precision !== undefined && precision !== '6') return `e:current_timestamp(${precision})`
  }
  // A schema repeats a few expressions over thousands of columns (`0`, `now()`, a cast of `'{}'`): each is reduced once.
  const cache = textual ? textualKeys : expressionKeys
  const known = cache.get(value.sql)
  if (known !== undefined || cache.has(value.sql)) return known
  if (cache.size >= MAX_EXPRESSION_KEYS) cache.clear()
  const key = expressionKey(value.sql, textual)
  cache.set(value.sql, key)
  return key
}

/** The keys of the expressions seen, by their text; cleared when full, so a long-lived process keeps it small. */
const expressionKeys = new Map<string, string | undefined>()
const textualKeys = new Map<string, string | undefined>()
const MAX_EXPRESSION_KEYS = 10_000

function expressionKey(text: string, textual: boolean): string | undefined {
  const sql = canonicalSql(unwrap(text))
  const inner = unwrap(sql)
  if (inner === 'null') return undefined
  if (inner === 'true' || inner === 'false') return literalKey(inner === 'true', textual)
  if (NUMBER.test(inner)) return literalKey(inner, textual)
  const quoted = QUOTED.exec(inner)
  if (quoted) return literalKey(quoted[1]!.replaceAll("''", "'"), textual)
  if (NOW.test(inner)) return 'e:current_timestamp'
  return `e:${inner}`
}
