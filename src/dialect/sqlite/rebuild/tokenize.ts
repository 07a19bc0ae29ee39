/**
 * One token of SQLite SQL, with its exact text and where it starts, so a
 * definition can be cut into pieces and put back together byte for byte.
 */
export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'blob'
  readonly text: string
  readonly start: number
  readonly end: number
}

/**
 * Splits SQL into tokens, skipping whitespace and comments. Identifiers may
 * be quoted four ways in SQLite ("x", `x`, [x], and 'x' where an identifier
 * is expected: https://sqlite.org/lang_keywords.html); strings double their
 * quote to escape it.
 *
 * @example
 * tokenize('CREATE TABLE "a b" (x)').map((t) => t.text) // ['CREATE', 'TABLE', '"a b"', '(', 'x', ')']
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < sql.length) {
    const c = sql[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      i = nl < 0 ? sql.length : nl + 1
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2)
      i = close < 0 ? sql.length : close + 2
    } else if (c === '"' || c === '`' || c === "'") {
      const end = closing(sql, i, c)
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, end), start: i, end })
      i = end
    } else if (c === '[') {
      const close = sql.indexOf(']', i)
      const end = close < 0 ? sql.length : close + 1
      tokens.push({ kind: 'quoted', text: sql.slice(i, end), start: i, end })
      i = end
    } else if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      const end = closing(sql, i + 1, "'")
      tokens.push({ kind: 'blob', text: sql.slice(i, end), start: i, end })
      i = end
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let end = i + 1
      while (end < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[end]!)) end++
      tokens.push({ kind: 'word', text: sql.slice(i, end), start: i, end })
      i = end
    } else if (/[0-9.]/.test(c) && (c !== '.' || /[0-9]/.test(sql[i + 1] ?? ''))) {
      const match = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(sql.slice(i))
      const end = i + (match?.[0].length ?? 1)
      tokens.push({ kind: 'number', text: sql.slice(i, end), start: i, end })
      i = end
    } else {
      const two = sql.slice(i, i + 2)
      const len = ['||', '<=', '>=', '==', '!=', '<>', '<<', '>>', '->'].includes(two) ? (sql.slice(i, i + 3) === '->>' ? 3 : 2) : 1
      tokens.push({ kind: 'punct', text: sql.slice(i, i + len), start: i, end: i + len })
      i += len
    }
  }
  return tokens
}

function closing(sql: string, open: number, quote: string): number {
  let i = open + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return sql.length
}

/**
 * The name a token spells: quotes removed and doubled quotes undone.
 *
 * @example
 * unquote({ kind: 'quoted', text: '"a""b"', start: 0, end: 6 }) // 'a"b'
 */
export function unquote(token: Token): string {
  const t = token.text
  if (token.kind === 'quoted' || token.kind === 'string') {
    if (t.startsWith('[')) return t.slice(1, -1)
    const q = t[0]!
    return t.slice(1, -1).replaceAll(q + q, q)
  }
  return t
}

/** True when the token is the keyword `word` (case-insensitive). */
export function isWord(token: Token | undefined, ...words: readonly string[]): boolean {
  return token !== undefined && token.kind === 'word' && words.includes(token.text.toUpperCase())
}

/**
 * Splits tokens at top-level commas (outside parentheses), as the elements
 * of a column list or a table body.
 *
 * @example
 * splitTopLevel(tokenize('a, f(b, c), d')).length // 3
 */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]]
  let depth = 0
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === '(') depth++
    if (token.kind === 'punct' && token.text === ')') depth--
    if (depth === 0 && token.kind === 'punct' && token.text === ',') parts.push([])
    else parts[parts.length - 1]!.push(token)
  }
  return parts.filter((p) => p.length > 0)
}

/** The index of the `)` that closes the `(` at `open`. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')' && --depth === 0) return i
  }
  return tokens.length - 1
}
