/**
 * An index a CREATE INDEX statement names: the index, its table, and the
 * table's schema when the statement qualifies it (the index always lives
 * in its table's schema).
 *
 * @example
 * const named: NamedIndex = { name: 'ix_items_name', table: 'items', schema: 'shop' }
 */
export interface NamedIndex {
  readonly name: string
  readonly table: string
  readonly schema?: string
}

interface Token {
  /** An unquoted word (folded to lower case, as PostgreSQL folds it), a quoted identifier, or any other symbol. */
  readonly kind: 'word' | 'quoted' | 'symbol'
  readonly text: string
}

/**
 * The indexes a piece of PostgreSQL SQL creates by name, in order:
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] [schema.]table`,
 * at the start of any of its `;`-separated statements. Comments, string
 * literals and dollar-quoted bodies are skipped, so text that only
 * mentions CREATE INDEX creates nothing. An index left for the server to
 * name (`CREATE INDEX ON t (a)`) is not reported: nothing can tell which
 * name the server gave it.
 *
 * @example
 * indexesCreatedBy('CREATE UNIQUE INDEX CONCURRENTLY "Ix" ON shop.items (name)')
 * // [{ name: 'Ix', table: 'items', schema: 'shop' }]
 */
export function indexesCreatedBy(sql: string): NamedIndex[] {
  const found: NamedIndex[] = []
  for (const statement of splitStatements(tokenize(sql))) {
    const index = createdIndex(statement)
    if (index) found.push(index)
  }
  return found
}

// https://www.postgresql.org/docs/current/sql-createindex.html
function createdIndex(tokens: readonly Token[]): NamedIndex | undefined {
  let at = 0
  const word = (text: string) => tokens[at]?.kind === 'word' && tokens[at]?.text === text
  const take = (text: string) => {
    if (!word(text)) return false
    at++
    return true
  }
  if (!take('create')) return undefined
  take('unique')
  if (!take('index')) return undefined
  take('concurrently')
  if (word('if')) {
    if (!(take('if') && take('not') && take('exists'))) return undefined
  }
  if (word('on')) return undefined
  const name = identifier(tokens[at++])
  if (name === undefined || !take('on')) return undefined
  take('only')
  const parts: string[] = []
  for (;;) {
    const part = identifier(tokens[at++])
    if (part === undefined) return undefined
    parts.push(part)
    if (tokens[at]?.kind !== 'symbol' || tokens[at]?.text !== '.') break
    at++
  }
  // database.schema.table names the current database; only the last two matter.
  const [table, schema] = [...parts].reverse()
  if (table === undefined) return undefined
  return { name, table, ...(schema === undefined ? {} : { schema }) }
}

function identifier(token: Token | undefined): string | undefined {
  return token?.kind === 'word' || token?.kind === 'quoted' ? token.text : undefined
}

function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [[]]
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';') statements.push([])
    else statements[statements.length - 1]!.push(token)
  }
  return statements
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/

// https://www.postgresql.org/docs/current/sql-syntax-lexical.html
function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < sql.length) {
    const char = sql[at]!
    const next = sql[at + 1]
    if (/\s/.test(char)) at++
    else if (char === '-' && next === '-') at = lineEnd(sql, at)
    else if (char === '/' && next === '*') at = blockCommentEnd(sql, at)
    else if (char === "'") at = stringEnd(sql, at + 1, false)
    else if ((char === 'E' || char === 'e') && next === "'") at = stringEnd(sql, at + 2, true)
    else if (char === '"') {
      const [text, end] = quotedIdentifier(sql, at + 1)
      tokens.push({ kind: 'quoted', text })
      at = end
    } else if (char === '$' && DOLLAR_TAG.test(sql.slice(at))) {
      const tag = DOLLAR_TAG.exec(sql.slice(at))![0]
      const close = sql.indexOf(tag, at + tag.length)
      at = close < 0 ? sql.length : close + tag.length
    } else if (WORD_START.test(char)) {
      let end = at + 1
      while (end < sql.length && WORD_PART.test(sql[end]!)) end++
      tokens.push({ kind: 'word', text: sql.slice(at, end).toLowerCase() })
      at = end
    } else {
      tokens.push({ kind: 'symbol', text: char })
      at++
    }
  }
  return tokens
}

function lineEnd(sql: string, at: number): number {
  const end = sql.indexOf('\n', at)
  return end < 0 ? sql.length : end + 1
}

// PostgreSQL's block comments nest.
function blockCommentEnd(sql: string, at: number): number {
  let depth = 0
  let i = at
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++
      i += 2
    } else if (sql.startsWith('*/', i)) {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return sql.length
}

/** Past the closing quote of a string literal; `''` is a quote inside it, and so is `\'` in an E'' string. */
function stringEnd(sql: string, at: number, backslashEscapes: boolean): number {
  let i = at
  while (i < sql.length) {
    const char = sql[i]
    if (backslashEscapes && char === '\\') i += 2
    else if (char === "'" && sql[i + 1] === "'") i += 2
    else if (char === "'") return i + 1
    else i++
  }
  return sql.length
}

function quotedIdentifier(sql: string, at: number): [string, number] {
  let text = ''
  let i = at
  while (i < sql.length) {
    const char = sql[i]!
    if (char === '"' && sql[i + 1] === '"') {
      text += '"'
      i += 2
    } else if (char === '"') return [text, i + 1]
    else {
      text += char
      i++
    }
  }
  return [text, sql.length]
}
