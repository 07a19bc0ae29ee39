/**
 * How one database family writes the parts of SQL that are not code:
 * strings, quoted names and comments. A scan that looks for keywords must
 * skip them exactly as the server does, or `INSERT INTO t VALUES ('COMMIT')`
 * reads as a COMMIT, and a real COMMIT after a comment the scan misreads
 * goes unseen.
 *
 * @example
 * const sqlite: SqlLexicon = { dollarQuotes: false, nestedComments: false, escapeStrings: false, backslashEscapes: false,
 *   hashComments: false, dashCommentNeedsSpace: false, executableComments: false, bracketIdentifiers: true }
 */
export interface SqlLexicon {
  /** `$tag$ … $tag$` strings (PostgreSQL). */
  readonly dollarQuotes: boolean
  /** `/* /* … *\/ *\/` nests (PostgreSQL). */
  readonly nestedComments: boolean
  /** `E'…'` strings take backslash escapes (PostgreSQL; its plain strings do not, by default). */
  readonly escapeStrings: boolean
  /** Every `'…'` and `"…"` takes backslash escapes (MySQL, unless sql_mode has NO_BACKSLASH_ESCAPES). */
  readonly backslashEscapes: boolean
  /** `#` starts a comment (MySQL). */
  readonly hashComments: boolean
  /** `--` starts a comment only when whitespace follows (MySQL: `1--1` is 2). */
  readonly dashCommentNeedsSpace: boolean
  /** `/*! … *\/` and `/*M! … *\/` hold code the server runs (MySQL, MariaDB). */
  readonly executableComments: boolean
  /** `[name]` quotes a name (SQLite). */
  readonly bracketIdentifiers: boolean
}

/**
 * A piece of SQL code: a `word` (keyword or bare name, upper-cased; a MySQL
 * user variable keeps its `@`), a `literal` (string, quoted name or number,
 * its content dropped) or a `symbol` (one punctuation character). Comments
 * and whitespace make no token.
 */
export interface SqlToken {
  readonly kind: 'word' | 'literal' | 'symbol'
  readonly text: string
  /** Offsets into the scanned text: `sql.slice(start, end)` is the token as written. */
  readonly start: number
  readonly end: number
}

// Character classes by code, not by regular expression: the scan runs on
// every raw statement a migration sends.
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13)
const isDigit = (code: number) => code >= 48 && code <= 57
const isWordStart = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128
const isWordPart = (code: number) => isWordStart(code) || isDigit(code) || code === 36
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y
const EXECUTABLE_COMMENT = /\/\*M?!\d*/y

/**
 * Splits SQL into tokens the way `lexicon`'s server reads it. Text the
 * server would reject (an unterminated string) is read to its end as that
 * string, as a server that rejects it runs none of it.
 *
 * @example
 * const sqlite: SqlLexicon = { dollarQuotes: false, nestedComments: false, escapeStrings: false, backslashEscapes: false,
 *   hashComments: false, dashCommentNeedsSpace: false, executableComments: false, bracketIdentifiers: true }
 * sqlTokens("SELECT 'COMMIT' -- COMMIT\n;", sqlite).map((token) => token.kind) // ['word', 'literal', 'symbol']
 */
export function sqlTokens(sql: string, lexicon: SqlLexicon): SqlToken[] {
  const tokens: SqlToken[] = []
  let at = 0
  // Inside MySQL's `/*! … */`: its closing `*/` is skipped like whitespace.
  let executable = false
  while (at < sql.length) {
    const code = sql.charCodeAt(at)
    const char = sql[at]!
    const next = sql[at + 1]
    const nextCode = sql.charCodeAt(at + 1)
    if (isSpace(code)) {
      at++
    } else if (
      char === '-' &&
      next === '-' &&
      (!lexicon.dashCommentNeedsSpace || at + 2 >= sql.length || isSpace(sql.charCodeAt(at + 2)))
    ) {
      at = lineEnd(sql, at)
    } else if (char === '#' && lexicon.hashComments) {
      at = lineEnd(sql, at)
    } else if (char === '*' && next === '/' && executable) {
      executable = false
      at += 2
    } else if (char === '/' && next === '*') {
      const code = lexicon.executableComments ? matchAt(EXECUTABLE_COMMENT, sql, at) : null
      if (code) {
        executable = true
        at += code[0].length
      } else {
        at = commentEnd(sql, at, lexicon.nestedComments)
      }
    } else if (char === "'" || (char === '"' && lexicon.backslashEscapes)) {
      at = push(tokens, 'literal', '', at, quotedEnd(sql, at, char, lexicon.backslashEscapes))
    } else if (char === '"' || char === '`') {
      at = push(tokens, 'literal', '', at, quotedEnd(sql, at, char, false))
    } else if (char === '[' && lexicon.bracketIdentifiers) {
      const close = sql.indexOf(']', at + 1)
      at = push(tokens, 'literal', '', at, close < 0 ? sql.length : close + 1)
    } else if (char === '$' && lexicon.dollarQuotes && !isDigit(nextCode)) {
      at = dollarQuoted(sql, at, tokens)
    } else if (isDigit(code) || (char === '$' && isDigit(nextCode))) {
      at = push(tokens, 'literal', '', at, wordEnd(sql, at + 1))
    } else if (isWordStart(code) || (char === '@' && isWordStart(nextCode))) {
      const end = wordEnd(sql, at + 1)
      const word = sql.slice(at, end).toUpperCase()
      // E'…' (PostgreSQL): one string whose backslashes escape.
      if (word === 'E' && lexicon.escapeStrings && sql[end] === "'") {
        at = push(tokens, 'literal', '', at, quotedEnd(sql, end, "'", true))
      } else {
        at = push(tokens, 'word', word, at, end)
      }
    } else {
      at = push(tokens, 'symbol', char, at, at + 1)
    }
  }
  return tokens
}

function push(tokens: SqlToken[], kind: SqlToken['kind'], text: string, start: number, end: number): number {
  tokens.push({ kind, text, start, end })
  return end
}

function wordEnd(sql: string, at: number): number {
  let end = at
  while (end < sql.length && isWordPart(sql.charCodeAt(end))) end++
  return end
}

function matchAt(sticky: RegExp, sql: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = at
  return sticky.exec(sql)
}

function lineEnd(sql: string, at: number): number {
  const end = sql.indexOf('\n', at)
  return end < 0 ? sql.length : end + 1
}

function commentEnd(sql: string, at: number, nested: boolean): number {
  let depth = 0
  let index = at
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth = nested || depth === 0 ? depth + 1 : depth
      index += 2
    } else if (sql.startsWith('*/', index)) {
      depth--
      index += 2
      if (depth === 0) return index
    } else {
      index++
    }
  }
  return sql.length
}

/** The end of a string or quoted name opened at `at`: the quote doubled is the quote itself. */
function quotedEnd(sql: string, at: number, quote: string, backslashes: boolean): number {
  let index = at + 1
  // The next backslash, searched again only once passed: each search is linear.
  let backslash = -1
  while (index < sql.length) {
    const close = sql.indexOf(quote, index)
    if (close < 0) return sql.length
    if (backslashes && backslash < index) {
      const found = sql.indexOf('\\', index)
      backslash = found < 0 ? sql.length : found
    }
    if (backslash >= index && backslash < close) {
      index = backslash + 2
    } else if (sql[close + 1] === quote) {
      index = close + 2
    } else {
      return close + 1
    }
  }
  return sql.length
}

/**
 * A dollar-quoted string (PostgreSQL). `$` inside a name (`a$b`) never gets
 * here: the word scan takes it. A lone `$` is a symbol.
 */
function dollarQuoted(sql: string, at: number, tokens: SqlToken[]): number {
  const tag = matchAt(DOLLAR_TAG, sql, at)
  if (!tag) return push(tokens, 'symbol', '$', at, at + 1)
  const close = sql.indexOf(tag[0], at + tag[0].length)
  return push(tokens, 'literal', '', at, close < 0 ? sql.length : close + tag[0].length)
}
