import { isMeaningfulWord, type OperatorGrammar, withoutNeedlessGroups } from './expression-grouping.js'
import { type SqlLexicon, sqlTokens } from './default/sql-tokens.js'

/** How a dialect rewrites a CHECK expression it stores, which its key undoes. */
export interface CheckRewrites {
  /** Quoted names fold case like bare ones (MySQL, SQLite); PostgreSQL keeps a quoted name's case. */
  readonly foldQuotedNames: boolean
  /** PostgreSQL: `::type` casts added to literals and columns, `= ANY (ARRAY[…])` for IN, `~~` for LIKE. */
  readonly postgresCasts: boolean
  /** How tightly the dialect's operators bind, which tells the parentheses that matter from those that do not. */
  readonly grammar: OperatorGrammar
  /** A backslash escapes in strings (MySQL's default): `'it\'s'`, as MariaDB stores `'it''s'`, is the same string. */
  readonly backslashEscapes?: boolean
  /** A double-quoted text is a string (MySQL without ANSI_QUOTES), stored in single quotes: `"G"` is `'G'`. */
  readonly doubleQuotedStrings?: boolean
  /** `TRUE` and `FALSE` are stored as `1` and `0` (MySQL), except after `IS` and `IS NOT`; a quoted name stays a name. */
  readonly booleansAsNumbers?: boolean
}

// Words that continue a multi-word type name after `::` (`character varying`, `timestamp with time zone`).
const TYPE_WORDS = new Set(['VARYING', 'PRECISION', 'WITH', 'WITHOUT', 'TIME', 'ZONE'])
const OPERATOR_CHARACTERS = '+-*/<>=~!@#%^&|`?'

/**
 * A CHECK expression in a form that is the same for the text a model
 * declares and the text the database gives back for it: PostgreSQL's
 * `pg_get_constraintdef` wraps every operation in parentheses, casts
 * literals and turns `IN (…)` into `= ANY (ARRAY[…])` (and deparses its own
 * output with the casts placed differently again); MariaDB prints only the
 * parentheses it needs, backquotes names and marks strings with their
 * character set; SQLite keeps the text as written. The key is the
 * expression's tokens with names and keywords in lower case, strings as
 * written, casts left out, and only the parentheses that change what the
 * expression means: `(a + b) * 2 > 10` and `a + b * 2 > 10` differ.
 *
 * @example
 * import { postgresqlLexicon } from './postgresql/transaction-control.js'
 * import { POSTGRESQL_OPERATORS } from './postgresql/operator-grammar.js'
 * const pg = { foldQuotedNames: false, postgresCasts: true, grammar: POSTGRESQL_OPERATORS }
 * checkExpressionKey("(status)::text = ANY ((ARRAY['a'::varchar, 'b'])::text[])", postgresqlLexicon, pg) // "status in ( 'a' , 'b' )"
 * checkExpressionKey("status IN ('a', 'b')", postgresqlLexicon, pg) // "status in ( 'a' , 'b' )"
 * checkExpressionKey('(((a + b) * 2) > 10)', postgresqlLexicon, pg) // "( a + b ) * 2 > 10"
 */
export function checkExpressionKey(expression: string, lexicon: SqlLexicon, rewrites: CheckRewrites): string {
  // A schema repeats its expressions (one predicate on many indexes, one check on many tables): each is keyed once.
  const keys = KEYS.get(rewrites.grammar) ?? new Map<string, string>()
  if (!KEYS.has(rewrites.grammar)) KEYS.set(rewrites.grammar, keys)
  const known = keys.get(expression)
  if (known !== undefined) return known
  if (keys.size >= MAX_KEYS) keys.clear()
  const key = keyOf(expression, lexicon, rewrites)
  keys.set(expression, key)
  return key
}

/** The keys made, by dialect (its grammar) and expression; cleared when full, so a long-lived process keeps it small. */
const KEYS = new WeakMap<OperatorGrammar, Map<string, string>>()
const MAX_KEYS = 10_000

function keyOf(expression: string, lexicon: SqlLexicon, rewrites: CheckRewrites): string {
  const tokens = sqlTokens(expression, lexicon)
  const words: string[] = []
  const spellings = rewrites.grammar.spellings ?? {}
  let operatorEnd = -1
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!
    const text = expression.slice(token.start, token.end)
    if (token.kind === 'symbol') {
      if (rewrites.postgresCasts && text === ':' && tokens[at + 1]?.text === ':') at = castEnd(tokens, expression, at + 2) - 1
      else if (OPERATOR_CHARACTERS.includes(text)) {
        // Symbols written together are one operator (`>=`, `<>`, `@>`).
        if (operatorEnd === token.start) words[words.length - 1] += text
        else words.push(text)
        operatorEnd = token.end
        continue
      } else words.push(text)
    } else if (token.kind === 'word') {
      // MySQL's character set introducer before a string (`_utf8mb4'a'`) says nothing the model needs to.
      if (text.startsWith('_') && tokens[at + 1]?.kind === 'literal' && tokens[at + 1]!.start === token.end) continue
      const next = tokens[at + 1]
      // `date '2021-01-01'` is stored as the cast `'2021-01-01'::date`.
      if (rewrites.postgresCasts && TYPED_LITERAL.test(text) && next?.kind === 'literal' && expression[next.start] === "'") {
        words.push(temporalLiteralKey(expression.slice(next.start, next.end), text.toLowerCase()))
        at++
      } else if (rewrites.booleansAsNumbers === true && BOOLEAN_NUMBERS[text] !== undefined && !afterIs(words)) {
        words.push(BOOLEAN_NUMBERS[text])
      } else words.push(text.toLowerCase())
    } else {
      // PostgreSQL folds a negative number into a string it casts (`-5` is stored as `'-5'::integer`).
      const signed = rewrites.postgresCasts && tokens[at + 1]?.text === ':' ? /^'([-+])(\d+(?:\.\d+)?)'$/.exec(text) : null
      const castType = rewrites.postgresCasts ? castTypeAt(tokens, expression, at + 1) : ''
      if (signed) words.push(signed[1]!, signed[2]!)
      else if (TIMESTAMP_OR_DATE.test(castType)) words.push(temporalLiteralKey(text, castType))
      else if (TIMESTAMP_WITH_ZONE.test(castType)) words.push(instantKey(text))
      else words.push(literalKey(text, rewrites))
    }
    operatorEnd = -1
  }
  const spelled = withoutCastCalls(words).flatMap((word) => spellings[word] ?? splitOperator(word))
  const listed = singleInAsEquals(rewrites.postgresCasts ? arraysAsInLists(spelled) : spelled)
  return withoutNeedlessGroups(betweenExpanded(listed), rewrites.grammar).join(' ')
}

/** What MySQL stores for `TRUE` and `FALSE` (word tokens are upper case). */
const BOOLEAN_NUMBERS: Readonly<Record<string, string>> = { TRUE: '1', FALSE: '0' }

/** Whether the words so far end in `IS` or `IS NOT`, after which MySQL keeps `TRUE` and `FALSE` as words. */
function afterIs(words: readonly string[]): boolean {
  return words.at(-1) === 'is' || (words.at(-1) === 'not' && words.at(-2) === 'is')
}

/**
 * An operator as the server reads it: `!=` is `<>`, and a run of symbols
 * ends before a trailing `+` or `-` unless it holds one of `~!@#%^&|\`?`
 * (PostgreSQL's rule, which makes `a>=-1` compare `a` with `-1`).
 */
function splitOperator(word: string): readonly string[] {
  if (word === '!=') return ['<>']
  if (word.length < 2 || !OPERATOR_CHARACTERS.includes(word[0]!)) return [word]
  let end = word.length
  if (!/[~!@#%^&|`?]/.test(word)) while (end > 1 && (word[end - 1] === '+' || word[end - 1] === '-')) end--
  return end === word.length ? [word] : [word.slice(0, end), ...word.slice(end)]
}

/** The index of the bracket that closes the one at `open`. */
function closing(words: readonly string[], open: number): number {
  let depth = 0
  for (let at = open; at < words.length; at++) {
    if (words[at] === '(' || words[at] === '[') depth++
    else if ((words[at] === ')' || words[at] === ']') && --depth === 0) return at
  }
  return words.length
}

/**
 * PostgreSQL's `x = ANY (ARRAY[a, b])` as the `x IN (a, b)` it was written
 * as, and `x <> ALL (ARRAY[…])` as `x NOT IN (…)`, with the parentheses
 * its casts left around the array dropped.
 */
function arraysAsInLists(words: readonly string[]): string[] {
  const out: string[] = []
  for (let at = 0; at < words.length; at++) {
    const quantifier = words[at + 1]
    const op = words[at] === '=' && quantifier === 'any' ? ['in'] : words[at] === '<>' && quantifier === 'all' ? ['not', 'in'] : undefined
    if (op === undefined || words[at + 2] !== '(') {
      out.push(words[at]!)
      continue
    }
    let arrayAt = at + 3
    while (words[arrayAt] === '(') arrayAt++
    const wrapping = arrayAt - (at + 2)
    const bracketEnd = words[arrayAt] === 'array' && words[arrayAt + 1] === '[' ? closing(words, arrayAt + 1) : -1
    const end = bracketEnd + wrapping
    if (bracketEnd < 0 || words.slice(bracketEnd + 1, end + 1).some((w) => w !== ')')) {
      out.push(words[at]!)
      continue
    }
    out.push(...op, '(', ...words.slice(arrayAt + 2, bracketEnd), ')')
    at = end
  }
  return out
}

/** `x IN (a)` as `x = a`, and `x NOT IN (a)` as `x <> a`: PostgreSQL stores a list of one so. */
function singleInAsEquals(words: readonly string[]): string[] {
  const out: string[] = []
  for (let at = 0; at < words.length; at++) {
    const end = words[at] === 'in' && words[at + 1] === '(' ? closing(words, at + 1) : -1
    const inside = words.slice(at + 2, end)
    if (end < 0 || inside[0] === 'select' || inside.length === 0 || hasTopLevelComma(inside)) {
      out.push(words[at]!)
      continue
    }
    const negated = out.at(-1) === 'not'
    if (negated) out.pop()
    out.push(negated ? '<>' : '=', '(', ...inside, ')')
    at = end
  }
  return out
}

function hasTopLevelComma(words: readonly string[]): boolean {
  let depth = 0
  for (const word of words) {
    if (word === '(' || word === '[') depth++
    else if (word === ')' || word === ']') depth--
    else if (word === ',' && depth === 0) return true
  }
  return false
}

// Words after which a single-token operand of BETWEEN stands alone (`a + b BETWEEN …` does not).
const OPERAND_STARTS = new Set([undefined, 'and', 'or', 'not', 'check', ',', '('])

/**
 * PostgreSQL stores `x BETWEEN 1 AND 5` as `x >= 1 AND x <= 5` (and NOT
 * BETWEEN as `x < 1 OR x > 5`); MySQL and SQLite keep the words. Both sides'
 * keys take the expanded form in parentheses, where the operand and the
 * bounds are single tokens (a bound may carry its sign); anything longer is
 * left as written.
 */
function betweenExpanded(words: readonly string[]): string[] {
  const out: string[] = []
  for (let at = 0; at < words.length; at++) {
    if (words[at] !== 'between') {
      out.push(words[at]!)
      continue
    }
    const negated = out.at(-1) === 'not'
    const operandAt = out.length - (negated ? 2 : 1)
    const low = boundAt(words, at + 1)
    const high = low !== undefined && words[low.end] === 'and' ? boundAt(words, low.end + 1) : undefined
    if (operandAt < 0 || !OPERAND_STARTS.has(out[operandAt - 1]) || low === undefined || high === undefined) {
      out.push(words[at]!)
      continue
    }
    const operand = out[operandAt]!
    out.length = operandAt
    if (negated) out.push('(', operand, '<', ...low.words, 'or', operand, '>', ...high.words, ')')
    else out.push('(', operand, '>=', ...low.words, 'and', operand, '<=', ...high.words, ')')
    at = high.end - 1
  }
  return out
}

/** A bound of BETWEEN: one name or literal, or a sign and one; a bracket or an operator starts something longer. */
function boundAt(words: readonly string[], from: number): { words: string[]; end: number } | undefined {
  const signed = words[from] === '-' || words[from] === '+'
  const end = from + (signed ? 2 : 1)
  const token = words[end - 1]
  if (end > words.length || token === undefined || '()[],'.includes(token) || OPERATOR_CHARACTERS.includes(token[0]!)) return undefined
  return { words: words.slice(from, end), end }
}

/**
 * Words the key reads that PostgreSQL does not reserve, and so prints bare
 * as names: a quoted one keys as the bare word, as the catalog spells it.
 */
const PRINTED_BARE = new Set(['by', 'at', 'zone', 'match', 'glob', 'regexp', 'rlike', 'xor', 'div', 'mod'])

/**
 * A string stays as written; a quoted name loses its quotes, and its case
 * where the dialect folds it, unless it is spelled like a word the key
 * reads (see isMeaningfulWord).
 */
function literalKey(text: string, rewrites: CheckRewrites): string {
  const quote = text[0]
  const string = quote === "'" || (quote === '"' && rewrites.doubleQuotedStrings === true)
  if (string && rewrites.backslashEscapes === true) return `'${unescapedString(text).replaceAll("'", "''")}'`
  if (quote === '"' && rewrites.doubleQuotedStrings === true) return `'${text.slice(1, -1).replaceAll('""', '"').replaceAll("'", "''")}'`
  if (quote !== '"' && quote !== '`' && quote !== '[') return text
  const name = text.slice(1, -1)
  const folded = rewrites.foldQuotedNames ? name.toLowerCase() : name
  if (isMeaningfulWord(folded, rewrites.grammar) && !PRINTED_BARE.has(folded)) return `"${folded}"`
  if (rewrites.foldQuotedNames) return folded
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : text
}

/** The characters of a MySQL string literal: its doubled quote and a backslash's escapes read as the server reads them. */
function unescapedString(text: string): string {
  const quote = text[0]
  const body = text.slice(1, -1)
  let out = ''
  for (let at = 0; at < body.length; at++) {
    const char = body[at]!
    if (char === quote && body[at + 1] === quote) at++
    else if (char === '\\' && at + 1 < body.length) {
      const next = body[++at]!
      out += BACKSLASH_ESCAPES[next] ?? next
      continue
    }
    out += char
  }
  return out
}

/** MySQL's backslash escapes that stand for another character (`\%` and `\_` keep their backslash, for LIKE). */
const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  Z: '\x1a',
  '%': '\\%',
  _: '\\_',
}

/** The type a `::` cast at `at` names, in lower case; empty when no cast is there. */
function castTypeAt(tokens: ReturnType<typeof sqlTokens>, expression: string, at: number): string {
  if (tokens[at]?.text !== ':' || tokens[at + 1]?.text !== ':' || tokens[at + 2] === undefined) return ''
  const end = castEnd(tokens, expression, at + 2)
  return expression.slice(tokens[at + 2]!.start, tokens[end - 1]!.end).toLowerCase()
}

/** A cast to a date, or a timestamp or time of day without a time zone (whose text carries no session setting). */
const TIMESTAMP_OR_DATE = /^(?:pg_catalog\.)?(?:date|(?:timestamp|time)(?:\s*\(\s*\d+\s*\))?(?:\s+without\s+time\s+zone)?)$/

const DATE_TIME = /^'(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?'$|^'(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?'$/

/**
 * A date or time literal as PostgreSQL prints the constant it cast to
 * `type`: `'2020-01-01'::timestamp` is stored as `'2020-01-01 00:00:00'::
 * timestamp without time zone`, `'10:30'::time` as `'10:30:00'`, and a date
 * keeps only its day. Seconds are written out, a fraction loses its
 * trailing zeros, and a timestamp at midnight keys as its date, which it
 * equals. Any other text is kept.
 *
 * @example
 * temporalLiteralKey("'2024-01-01 00:00:00'", 'timestamp') // "'2024-01-01'"
 * temporalLiteralKey("'10:30'", 'time') // "'10:30:00'"
 */
export function temporalLiteralKey(text: string, type: string): string {
  const found = DATE_TIME.exec(text)
  if (found === null) return text
  const [, day, hour = found[6], minute = found[7], second = found[8], fraction = found[9]] = found
  const time = hour === undefined ? undefined : `${hour}:${minute}:${second ?? '00'}${(fraction ?? '').replace(/\.?0+$/, '')}`
  if (/^(?:pg_catalog\.)?date$/.test(type)) return day === undefined ? text : `'${day}'`
  if (/^(?:pg_catalog\.)?time\b/.test(type)) return `'${time ?? '00:00:00'}'`
  if (day === undefined) return text
  return time === undefined || time === '00:00:00' ? `'${day}'` : `'${day} ${time}'`
}

/** A cast to a timestamp with time zone. */
const TIMESTAMP_WITH_ZONE = /^(?:pg_catalog\.)?(?:timestamptz|timestamp(?:\s*\(\s*\d+\s*\))?\s+with\s+time\s+zone)$/

/** A date and time with its offset from UTC: `'2020-01-01 00:00:00+00'`, `'2020-01-01T01:00+01:00'`. */
const INSTANT = /^'(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([+-])(\d{2})(?::?(\d{2}))?'$/

/**
 * An instant as UTC: PostgreSQL prints a `timestamp with time zone` in the
 * session's time zone (a partition bound, a predicate), so the same instant
 * reads `'2022-01-01 00:00:00+00'` on one server and `'2022-01-01
 * 01:00:00+01'` on another. Any other text is kept.
 *
 * @example
 * instantKey("'2022-01-01 01:00:00+01'") // "'2022-01-01 00:00:00+00'"
 */
export function instantKey(text: string): string {
  const found = INSTANT.exec(text)
  if (found === null) return text
  const [, year, month, day, hour, minute, second = '00', fraction = '', sign, offsetHours, offsetMinutes = '00'] = found
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes))
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute) - offset, Number(second))
  return `'${new Date(utc).toISOString().slice(0, 19).replace('T', ' ')}${fraction.replace(/\.?0+$/, '')}+00'`
}

/** A type name written before a string to make a constant of it. */
const TYPED_LITERAL = /^(?:date|time|timestamp)$/i

/**
 * `CAST(x AS type)` as the `x` it keys as: PostgreSQL stores it as
 * `(x)::type`, and casts are left out of the key (see castEnd).
 */
function withoutCastCalls(words: readonly string[]): string[] {
  const out: string[] = []
  for (let at = 0; at < words.length; at++) {
    if (words[at] !== 'cast' || words[at + 1] !== '(') {
      out.push(words[at]!)
      continue
    }
    const end = closing(words, at + 1)
    let depth = 0
    let as = -1
    for (let inner = at + 2; inner < end; inner++) {
      if (words[inner] === '(' || words[inner] === '[') depth++
      else if (words[inner] === ')' || words[inner] === ']') depth--
      else if (depth === 0 && words[inner] === 'as') as = inner
    }
    if (as < 0 || end >= words.length) {
      out.push(words[at]!)
      continue
    }
    out.push('(', ...withoutCastCalls(words.slice(at + 2, as)), ')')
    at = end
  }
  return out
}

/** The index just past a cast's type name: words, a `.`-qualified name, a quoted name, `(n, m)` and `[]`. */
function castEnd(tokens: ReturnType<typeof sqlTokens>, expression: string, from: number): number {
  let at = from
  const textAt = (index: number) => (tokens[index] === undefined ? '' : expression.slice(tokens[index]!.start, tokens[index]!.end))
  if (tokens[at] !== undefined && tokens[at]!.kind !== 'symbol') at++
  while (textAt(at) === '.' && tokens[at + 1] !== undefined) at += 2
  while (tokens[at]?.kind === 'word' && TYPE_WORDS.has(tokens[at]!.text)) at++
  if (textAt(at) === '(') {
    while (at < tokens.length && textAt(at) !== ')') at++
    at++
    // `timestamp(3) without time zone`: the precision comes before the zone.
    while (tokens[at]?.kind === 'word' && TYPE_WORDS.has(tokens[at]!.text)) at++
  }
  while (textAt(at) === '[' && textAt(at + 1) === ']') at += 2
  return at
}
