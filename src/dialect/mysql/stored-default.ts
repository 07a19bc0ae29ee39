import type { DefaultValue } from '../../schema/types.js'

// The clock's spellings and what MariaDB stores for each (checked on 10.11 against information_schema.COLUMNS).
const CURRENT_DATE = /^(?:current_date(?:\(\s*\))?|curdate\(\s*\))$/i
const CURRENT_TIME = /^(?:current_time(?:\(\s*(\d*)\s*\))?|curtime\(\s*(\d*)\s*\))$/i
const LOCALTIME = /^localtime(?:stamp)?(?:\(\s*(\d*)\s*\))?$/i
/** A name, bare or backquoted. */
const NAME = '(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)'
/** MariaDB's draws from a sequence, `NEXT VALUE FOR s` and `NEXTVAL(s)`, which it stores as ``nextval(`s`)``. */
const NEXT_VALUE = new RegExp(`^(?:NEXT\\s+VALUE\\s+FOR\\s+${NAME}|NEXTVAL\\s*\\(\\s*${NAME}\\s*\\))$`, 'i')
/** A string in double quotes, which MySQL reads as a string without ANSI_QUOTES. */
const DOUBLE_QUOTED = /^"((?:[^"\\]|""|\\.)*)"$/s

/** MySQL's backslash escapes that stand for another character (`\%` and `\_` keep their backslash, for LIKE). */
const ESCAPED: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a', '%': '\\%', _: '\\_' }

/**
 * A default as MySQL and MariaDB store it, where the model may write it
 * otherwise: `CURRENT_DATE`, `CURRENT_DATE()` and `CURDATE()` are stored
 * `curdate()`; `CURRENT_TIME` and `CURTIME()` `curtime()` (with any
 * precision); `LOCALTIME` and `LOCALTIMESTAMP` `current_timestamp()`; and a
 * double-quoted string (`"y"`, a string in MySQL's default sql_mode) is the
 * quoted literal it is stored as; MariaDB's `NEXT VALUE FOR s` and
 * `NEXTVAL(s)` are stored ``nextval(`s`)``. Outer parentheses do not matter. Any other
 * default is returned as it is, and a stored spelling maps to itself, so
 * both sides of a comparison can pass through it.
 *
 * @example
 * mysqlStoredDefault({ kind: 'expression', sql: 'CURRENT_DATE' }) // { kind: 'expression', sql: 'curdate()' }
 * mysqlStoredDefault({ kind: 'expression', sql: '("it""s")' }) // { kind: 'literal', value: 'it"s' }
 * mysqlStoredDefault({ kind: 'expression', sql: 'NEXT VALUE FOR order_no' }) // { kind: 'expression', sql: 'nextval(`order_no`)' }
 */
export function mysqlStoredDefault(value: DefaultValue): DefaultValue {
  if (value.kind !== 'expression') return value
  const text = unwrapped(value.sql)
  if (CURRENT_DATE.test(text)) return { kind: 'expression', sql: 'curdate()' }
  const time = CURRENT_TIME.exec(text)
  if (time) return { kind: 'expression', sql: `curtime(${time[1] ?? time[2] ?? ''})` }
  const local = LOCALTIME.exec(text)
  if (local) return { kind: 'expression', sql: `current_timestamp(${local[1] ?? ''})` }
  // unwrapped keeps parentheses around text with backquotes; the sequence's name may have them.
  const drawn = NEXT_VALUE.exec(text.replace(/^\(\s*(.*?)\s*\)$/s, '$1'))
  if (drawn) return { kind: 'expression', sql: `nextval(${backquotedName(drawn[1] ?? drawn[2]!)})` }
  const quoted = DOUBLE_QUOTED.exec(text)
  return quoted ? { kind: 'literal', value: unescaped(quoted[1]!) } : value
}

/** A double-quoted string's text as the value it stands for: `""` and the backslash escapes read. */
function unescaped(body: string): string {
  return body.replace(/""|\\(.)/gs, (_match, escaped: string | undefined) => (escaped === undefined ? '"' : (ESCAPED[escaped] ?? escaped)))
}

/** The text without blanks around it and without parentheses around all of it (a string's are kept). */
function unwrapped(sql: string): string {
  let text = sql.trim()
  while (text.startsWith('(') && text.endsWith(')') && !/["'`]/.test(text)) text = text.slice(1, -1).trim()
  // `("y")`: the one quoted string inside a pair of parentheses.
  const inner = /^\(\s*("(?:[^"\\]|""|\\.)*")\s*\)$/s.exec(text)
  return inner ? inner[1]! : text
}

/** A name as MariaDB writes it in a stored default: backquoted. */
function backquotedName(name: string): string {
  return name.startsWith('`') ? name : `\`${name}\``
}
