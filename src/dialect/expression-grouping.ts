/**
 * How tightly a dialect's operators bind, higher binding tighter: what
 * decides whether a pair of parentheses changes an expression. Keyword
 * operators are in lower case; a symbol operator the table does not name
 * binds as `otherOperator` (PostgreSQL's rule for `@>`, `&&` and the like).
 */
export interface OperatorGrammar {
  readonly binary: ReadonlyMap<string, number>
  readonly prefix: ReadonlyMap<string, number>
  readonly otherOperator: number
  /** Operators the server prints in place of the words they were written as (PostgreSQL's `~~` for LIKE). */
  readonly spellings?: Readonly<Record<string, readonly string[]>>
}

/**
 * A binding table from its levels, each a space-separated list of operators.
 *
 * @example
 * operatorLevels({ 1: 'or', 2: 'and' }).get('and') // 2
 */
export function operatorLevels(levels: Readonly<Record<number, string>>): ReadonlyMap<string, number> {
  return new Map(Object.entries(levels).flatMap(([level, words]) => words.split(' ').map((word) => [word, Number(level)] as const)))
}

// Words after which a parenthesis groups with nothing binding it from the left, and which end an operand on the right.
const CLAUSE_WORDS = new Set(['select', 'from', 'where', 'on', 'having', 'by', 'when', 'then', 'else', 'case', 'end', 'check'])
const CLAUSE_WORDS_WITH_SUBQUERIES = new Set([...CLAUSE_WORDS, 'with', 'values', 'union', 'except', 'intersect', 'limit'])
const SEPARATORS = new Set(['(', '[', ',', ')', ']'])
// A word after `not` that makes it part of an infix operator (`a NOT LIKE b`), with that operator's binding.
const NEGATED = new Set(['like', 'ilike', 'in', 'between', 'similar', 'glob', 'regexp', 'rlike', 'match'])
// Words that carry on the operator before them (`IS NOT DISTINCT FROM`, `AT TIME ZONE`, `SIMILAR TO`).
const OPERATOR_TAILS: Readonly<Record<string, ReadonlySet<string>>> = {
  is: new Set(['not', 'distinct', 'from']),
  at: new Set(['time', 'zone']),
  similar: new Set(['to']),
  between: new Set(['symmetric']),
}

const isSymbolOperator = (word: string) => /^[-+*/<>=~!@#%^&|`?]+$/.test(word)

/**
 * The words of an expression with every parenthesis that changes nothing
 * left out: around a name, literal or call, and around an operation that
 * binds tighter than the operators beside it (`(a * b) + c` is `a * b + c`,
 * `(a + b) * c` keeps its pair). One database wraps every operation in
 * parentheses, another prints only those it needs, a model says what its
 * author wrote: the grouping that is left is the grouping that matters.
 * Parentheses of a call, a list (`IN (…)`), a row or a subquery stay.
 *
 * @example
 * const grammar: OperatorGrammar = { binary: new Map([['+', 8], ['*', 9], ['>', 5]]), prefix: new Map(), otherOperator: 7 }
 * withoutNeedlessGroups(['(', '(', 'a', '+', 'b', ')', '*', '2', ')', '>', '1'], grammar).join(' ') // "( a + b ) * 2 > 1"
 * withoutNeedlessGroups(['(', 'a', '+', '(', 'b', '*', '2', ')', ')', '>', '1'], grammar).join(' ') // "a + b * 2 > 1"
 */
export function withoutNeedlessGroups(words: readonly string[], grammar: OperatorGrammar): string[] {
  const dropped = new Array<boolean>(words.length).fill(false)
  const opens: number[] = []
  // Closing order visits inner pairs before the pairs around them.
  for (let at = 0; at < words.length; at++) {
    if (words[at] === '(' || words[at] === '[') opens.push(at)
    else if (words[at] === ')' || words[at] === ']') {
      const open = opens.pop()
      if (open === undefined || words[open] !== '(' || words[at] !== ')') continue
      if (isGroup(words, dropped, open, grammar) && needless(words, dropped, open, at, grammar)) dropped[open] = dropped[at] = true
    }
  }
  return words.filter((_, at) => !dropped[at])
}

/** A parenthesis that groups, not one that holds a call's arguments, a list or an array. */
function isGroup(words: readonly string[], dropped: readonly boolean[], open: number, grammar: OperatorGrammar): boolean {
  const before = previous(dropped, open)
  if (before === undefined) return true
  const word = words[before]!
  if (word === '(' || word === '[' || word === ',') return true
  if (word === ')' || word === ']') return false
  return CLAUSE_WORDS.has(word) || isSymbolOperator(word) || grammar.binary.has(word) || grammar.prefix.has(word)
}

function needless(words: readonly string[], dropped: readonly boolean[], open: number, close: number, grammar: OperatorGrammar): boolean {
  const inside = loosestInside(words, dropped, open + 1, close, grammar)
  if (inside === undefined) return false
  const before = previous(dropped, open)
  const left = before === undefined ? undefined : operatorBinding(words, dropped, before, grammar)
  if (left !== undefined && !(inside.fromLeft > left)) return false
  const after = next(words, dropped, close)
  if (after === undefined) return true
  const word = words[after]!
  if (word === '[' || word === '.') return inside.fromRight === Number.POSITIVE_INFINITY && word === '['
  const right = operatorBinding(words, dropped, after, grammar)
  // Operators associate to the left: `(a - b) - c` is `a - b - c`.
  return right === undefined || inside.fromRight >= right
}

/**
 * How loosely what is inside a pair binds, as seen from each side: an
 * operator before the pair can only take apart an infix or postfix
 * operation inside (`p = (a IS NULL)` is not `p = a IS NULL`), one after
 * it an infix or prefix one (`(NOT q) = p` is not `NOT q = p`); `(a IS
 * NULL) = p` and `p = (NOT q)` lose nothing without theirs.
 */
interface Looseness {
  readonly fromLeft: number
  readonly fromRight: number
}

const NULL_TESTS = new Set(['null', 'true', 'false', 'unknown'])

/**
 * How loosely the loosest operators outside any inner parentheses bind
 * (see Looseness): infinity for a single operand, undefined where the
 * parentheses must stay whatever their neighbours (a row, a subquery, a clause).
 */
function loosestInside(
  words: readonly string[],
  dropped: readonly boolean[],
  from: number,
  to: number,
  grammar: OperatorGrammar,
): Looseness | undefined {
  let fromLeft = Number.POSITIVE_INFINITY
  let fromRight = Number.POSITIVE_INFINITY
  let depth = 0
  let cases = 0
  let betweens = 0
  let tail: ReadonlySet<string> | undefined
  let last: number | undefined
  for (let at = from; at < to; at++) {
    if (dropped[at]) continue
    const word = words[at]!
    const bracket = word === '(' || word === '[' ? 1 : word === ')' || word === ']' ? -1 : 0
    if (depth > 0 || bracket !== 0 || cases > 0) {
      depth += bracket
      if (depth === 0 && word === 'case') cases++
      else if (depth === 0 && cases > 0 && word === 'end') cases--
      last = at
      continue
    }
    if (word === 'case') {
      cases++
      last = at
      continue
    }
    if (tail?.has(word)) {
      last = at
      continue
    }
    if (word === ',' || CLAUSE_WORDS_WITH_SUBQUERIES.has(word)) return undefined
    tail = OPERATOR_TAILS[word]
    if (word === 'and' && betweens > 0) {
      betweens--
      last = at
      continue
    }
    if (word === 'between') betweens++
    const binding = operatorBinding(words, dropped, at, grammar, last)
    if (binding !== undefined) {
      // An operator with no operand ending before it is a prefix one.
      if (last !== undefined && endsOperand(words[last]!, grammar)) fromLeft = Math.min(fromLeft, binding)
      if (!isPostfix(words, dropped, at)) fromRight = Math.min(fromRight, binding)
    }
    last = at
  }
  return { fromLeft, fromRight }
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`, `x ISNULL`, `x NOTNULL`: nothing follows to bind. */
function isPostfix(words: readonly string[], dropped: readonly boolean[], at: number): boolean {
  const word = words[at]!
  if (word === 'isnull' || word === 'notnull') return true
  if (word !== 'is') return false
  let after = next(words, dropped, at)
  if (after !== undefined && words[after] === 'not') after = next(words, dropped, after)
  return after !== undefined && NULL_TESTS.has(words[after]!)
}

/** How tightly the operator at `at` binds, or undefined where the word is an operand. */
function operatorBinding(
  words: readonly string[],
  dropped: readonly boolean[],
  at: number,
  grammar: OperatorGrammar,
  before = previous(dropped, at),
): number | undefined {
  const word = words[at]!
  // `IS NOT` and `IS DISTINCT FROM` bind as IS does.
  if ((word === 'not' && words[before ?? -1] === 'is') || (word === 'from' && words[before ?? -1] === 'distinct')) {
    return grammar.binary.get('is')
  }
  const infix = before !== undefined && endsOperand(words[before]!, grammar)
  if (word === 'not' && infix) {
    const after = next(words, dropped, at)
    return after !== undefined && NEGATED.has(words[after]!) ? grammar.binary.get(words[after]!) : undefined
  }
  if (!infix) return grammar.prefix.get(word) ?? (isSymbolOperator(word) ? grammar.otherOperator : undefined)
  return grammar.binary.get(word) ?? (isSymbolOperator(word) ? grammar.otherOperator : undefined)
}

/** Words the key's rewriting reads as more than a name: literals, `end`, and the quantifiers and casts it undoes. */
const MEANINGFUL_WORDS = new Set(['null', 'true', 'false', 'end', 'any', 'all', 'array', 'cast'])

/**
 * Whether a word means something to the grouping or the key's rewriting (a
 * clause, an operator, a literal): a quoted name spelled like one (a column
 * `"values"`) must keep its quotes in the key, or it would be read as that
 * word and its parentheses kept or dropped by the wrong rule.
 *
 * @example
 * import { POSTGRESQL_OPERATORS } from './postgresql/operator-grammar.js'
 * isMeaningfulWord('values', POSTGRESQL_OPERATORS) // true
 * isMeaningfulWord('price', POSTGRESQL_OPERATORS) // false
 */
export function isMeaningfulWord(word: string, grammar: OperatorGrammar): boolean {
  return (
    CLAUSE_WORDS_WITH_SUBQUERIES.has(word) ||
    NEGATED.has(word) ||
    MEANINGFUL_WORDS.has(word) ||
    grammar.binary.has(word) ||
    grammar.prefix.has(word) ||
    Object.entries(OPERATOR_TAILS).some(([head, tails]) => head === word || tails.has(word))
  )
}

/** A word an operand can end with: a name, literal, call or closing bracket, not an operator or clause word. */
function endsOperand(word: string, grammar: OperatorGrammar): boolean {
  if (word === ')' || word === ']' || word === 'end' || word === 'null' || word === 'true' || word === 'false') return true
  if (SEPARATORS.has(word) || CLAUSE_WORDS.has(word) || isSymbolOperator(word)) return false
  return !grammar.binary.has(word) && !grammar.prefix.has(word)
}

function previous(dropped: readonly boolean[], at: number): number | undefined {
  for (let i = at - 1; i >= 0; i--) if (!dropped[i]) return i
  return undefined
}

function next(words: readonly string[], dropped: readonly boolean[], at: number): number | undefined {
  for (let i = at + 1; i < words.length; i++) if (!dropped[i]) return i
  return undefined
}
