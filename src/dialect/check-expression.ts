import { type SqlLexicon, sqlTokens } from './default/sql-tokens.js'

/** How a dialect rewrites a CHECK expression it stores, which its key undoes. */
export interface CheckRewrites {
  /** Quoted names fold case like bare ones (MySQL, SQLite); PostgreSQL keeps a quoted name's case. */
  readonly foldQuotedNames: boolean
  /** PostgreSQL: `::type` casts added to literals and columns, `= ANY (ARRAY[…])` for IN, `~~` for LIKE. */
  readonly postgresCasts: boolean
}

// Words that continue a multi-word type name after `::` (`character varying`, `timestamp with time zone`).
const TYPE_WORDS = new Set(['VARYING', 'PRECISION', 'WITH', 'WITHOUT', 'TIME', 'ZONE'])
// Operators PostgreSQL prints in place of the words they were written as.
const POSTGRES_SPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['= any array', 'in'],
  ['< > all array', 'not in'],
  ['! ~ ~ *', 'not ilike'],
  ['~ ~ *', 'ilike'],
  ['! ~ ~', 'not like'],
  ['~ ~', 'like'],
  ['! =', '< >'],
]

/**
 * A CHECK expression in a form that is the same for the text a model
 * declares and the text the database gives back for it: PostgreSQL's
 * `pg_get_constraintdef` wraps every operation in parentheses, casts
 * literals and turns `IN (…)` into `= ANY (ARRAY[…])` (and deparses its own
 * output with the casts placed differently again); MySQL's CHECK_CLAUSE
 * backquotes names and marks strings with their character set; SQLite keeps
 * the text as written. The key is the expression's tokens with names and
 * keywords in lower case, strings as written, and every parenthesis, bracket
 * and cast left out: two expressions that differ only in their grouping
 * share a key, which is the price of comparing the database's rewriting with
 * what a model says, and far rarer than a changed bound or list.
 *
 * @example
 * import { postgresqlLexicon } from './postgresql/transaction-control.js'
 * const pg = { foldQuotedNames: false, postgresCasts: true }
 * checkExpressionKey("(status)::text = ANY ((ARRAY['a'::character varying])::text[])", postgresqlLexicon, pg) // "status in 'a'"
 * checkExpressionKey("status IN ('a')", postgresqlLexicon, pg) // "status in 'a'"
 */
export function checkExpressionKey(expression: string, lexicon: SqlLexicon, rewrites: CheckRewrites): string {
  const tokens = sqlTokens(expression, lexicon)
  const words: string[] = []
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!
    const text = expression.slice(token.start, token.end)
    if (token.kind === 'symbol') {
      if (rewrites.postgresCasts && text === ':' && tokens[at + 1]?.text === ':') at = castEnd(tokens, expression, at + 2) - 1
      else if (!'()[]'.includes(text)) words.push(text)
    } else if (token.kind === 'word') {
      // MySQL's character set introducer before a string (`_utf8mb4'a'`) says nothing the model needs to.
      if (text.startsWith('_') && tokens[at + 1]?.kind === 'literal' && tokens[at + 1]!.start === token.end) continue
      words.push(text.toLowerCase())
    } else {
      // PostgreSQL folds a negative number into a string it casts (`-5` is stored as `'-5'::integer`).
      const signed = rewrites.postgresCasts && tokens[at + 1]?.text === ':' ? /^'([-+])(\d+(?:\.\d+)?)'$/.exec(text) : null
      if (signed) words.push(signed[1]!, signed[2]!)
      else words.push(literalKey(text, rewrites.foldQuotedNames))
    }
  }
  let key = betweenExpanded(words).join(' ')
  if (rewrites.postgresCasts) for (const [stored, written] of POSTGRES_SPELLINGS) key = key.replaceAll(stored, written)
  return key
}

// Words after which a single-token operand of BETWEEN stands alone (`a + b BETWEEN …` does not).
const OPERAND_STARTS = new Set([undefined, 'and', 'or', 'not', 'check', ','])

/**
 * PostgreSQL stores `x BETWEEN 1 AND 5` as `x >= 1 AND x <= 5` (and NOT
 * BETWEEN as `x < 1 OR x > 5`); MySQL and SQLite keep the words. Both sides'
 * keys take the expanded form, where the operand and the bounds are single
 * tokens (a bound may carry its sign); anything longer is left as written.
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
    if (negated) out.push(operand, '<', ...low.words, 'or', operand, '>', ...high.words)
    else out.push(operand, '>', '=', ...low.words, 'and', operand, '<', '=', ...high.words)
    at = high.end - 1
  }
  return out
}

/** A bound of BETWEEN: one token, or a sign and one token. */
function boundAt(words: readonly string[], from: number): { words: string[]; end: number } | undefined {
  const signed = words[from] === '-' || words[from] === '+'
  const end = from + (signed ? 2 : 1)
  if (end > words.length || (signed && words[from + 1] === undefined)) return undefined
  return { words: words.slice(from, end), end }
}

/** A string stays as written; a quoted name loses its quotes, and its case where the dialect folds it. */
function literalKey(text: string, foldQuotedNames: boolean): string {
  const quote = text[0]
  if (quote !== '"' && quote !== '`' && quote !== '[') return text
  const name = text.slice(1, -1)
  if (foldQuotedNames) return name.toLowerCase()
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : text
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
  }
  while (textAt(at) === '[' && textAt(at + 1) === ']') at += 2
  return at
}
