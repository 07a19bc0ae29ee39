import type { SqlToken } from '../default/sql-tokens.js'

/** A quoted name's closing quote, by its opening one: doubled inside the name, it stands for itself. */
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' }

/**
 * A token as the rules read it: a word upper-cased (the tokenizer does
 * that), a quoted name without its quotes (a doubled quote inside it as
 * one), a string with its quotes, a number or a symbol as written.
 *
 * @example
 * // "users" → users; 'x' → 'x'; create → CREATE
 */
export function tokenWord(sql: string, token: SqlToken): string {
  if (token.kind !== 'literal') return token.text
  const raw = sql.slice(token.start, token.end)
  const close = CLOSING_QUOTE[raw[0] ?? '']
  return close === undefined ? raw : raw.slice(1, -1).replaceAll(close + close, close)
}

/**
 * The name that starts at `index` of `words`, without its schema
 * (`public . users` is `users`), lower-cased; `undefined` past the end.
 *
 * @example
 * nameAt(['ALTER', 'TABLE', 'public', '.', 'Users'], 2) // 'users'
 */
export function nameAt(words: readonly string[], index: number): string | undefined {
  let at = index
  while (words[at + 1] === '.' && words[at + 2] !== undefined) at += 2
  return words[at]?.toLowerCase()
}

const TABLE_LEADS: readonly (readonly string[])[] = [
  ['ALTER', 'TABLE'],
  ['DROP', 'TABLE'],
  ['CREATE', 'TABLE'],
  ['TRUNCATE', 'TABLE'],
  ['TRUNCATE'],
  ['UPDATE'],
  ['DELETE', 'FROM'],
  ['INSERT', 'INTO'],
  ['VACUUM', 'FULL'],
  ['CLUSTER'],
  ['OPTIMIZE', 'TABLE'],
  ['REINDEX', 'TABLE'],
  ['RENAME', 'TABLE'],
]
const SKIPPED = new Set(['ONLY', 'IF', 'EXISTS', 'NOT', 'CONCURRENTLY', 'TEMPORARY', 'TEMP', 'UNLOGGED', 'LOW_PRIORITY', 'IGNORE'])

/**
 * The table a statement works on, lower-cased: after `ALTER TABLE`,
 * `UPDATE`, `DELETE FROM` and their kin, or after the `ON` of an index
 * statement; `undefined` when it names none.
 *
 * @example
 * tableOf(['CREATE', 'INDEX', 'ix', 'ON', 'users', '(', 'email', ')']) // 'users'
 * tableOf(['ALTER', 'TABLE', 'ONLY', 'public', '.', 'orders', 'ADD', 'COLUMN']) // 'orders'
 */
export function tableOf(words: readonly string[]): string | undefined {
  if (tablesByWords.has(words)) return tablesByWords.get(words)
  const table = findTable(words)
  tablesByWords.set(words, table)
  return table
}

// Every rule asks for a statement's table and its ALTER clauses: worked out
// once per statement (its words array), not once per rule.
const tablesByWords = new WeakMap<readonly string[], string | undefined>()
const clausesByWords = new WeakMap<readonly string[], readonly (readonly string[])[]>()

function findTable(words: readonly string[]): string | undefined {
  const index = createIndexAt(words)
  if (index >= 0) {
    const on = words.indexOf('ON', index)
    return on < 0 ? undefined : nameAt(words, skip(words, on + 1))
  }
  for (const lead of TABLE_LEADS) {
    if (lead.every((word, i) => words[i] === word)) return nameAt(words, skip(words, lead.length))
  }
  return undefined
}

function skip(words: readonly string[], index: number): number {
  let at = index
  while (words[at] !== undefined && SKIPPED.has(words[at]!)) at++
  return at
}

/**
 * Whether `words` holds `sequence` in a row.
 *
 * @example
 * hasSequence(['ADD', 'CONSTRAINT', 'c', 'FOREIGN', 'KEY'], ['FOREIGN', 'KEY']) // true
 */
export function hasSequence(words: readonly string[], sequence: readonly string[]): boolean {
  return indexOfSequence(words, sequence) >= 0
}

/** Where `sequence` starts in `words`, or -1. */
export function indexOfSequence(words: readonly string[], sequence: readonly string[], from = 0): number {
  outer: for (let i = from; i + sequence.length <= words.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (words[i + j] !== sequence[j]) continue outer
    return i
  }
  return -1
}

/**
 * The clauses of an ALTER TABLE statement, split at the commas outside
 * parentheses, each without the `ALTER TABLE name` before it; none for
 * other statements.
 *
 * @example
 * alterClauses(['ALTER', 'TABLE', 't', 'ADD', 'a', 'INT', ',', 'DROP', 'b']) // [['ADD', 'a', 'INT'], ['DROP', 'b']]
 */
export function alterClauses(words: readonly string[]): readonly (readonly string[])[] {
  let clauses = clausesByWords.get(words)
  if (clauses === undefined) {
    clauses = splitClauses(words)
    clausesByWords.set(words, clauses)
  }
  return clauses
}

function splitClauses(words: readonly string[]): string[][] {
  if (words[0] !== 'ALTER' || words[1] !== 'TABLE') return []
  let at = skip(words, 2)
  while (words[at + 1] === '.') at += 2
  const clauses: string[][] = [[]]
  let depth = 0
  for (const word of words.slice(at + 1)) {
    if (word === '(') depth++
    else if (word === ')') depth--
    if (word === ',' && depth === 0) clauses.push([])
    else clauses.at(-1)!.push(word)
  }
  return clauses.filter((clause) => clause.length > 0)
}

/**
 * Whether the words start CREATE [OR REPLACE] [UNIQUE | FULLTEXT | SPATIAL] INDEX;
 * a CREATE TABLE whose body declares an index is not one.
 *
 * @example
 * isCreateIndex(['CREATE', 'UNIQUE', 'INDEX', 'ix']) // true
 * isCreateIndex(['CREATE', 'TABLE', 't', '(', 'id', 'INT', ',', 'INDEX', 'ix', '(', 'id', ')', ')']) // false
 */
export function isCreateIndex(words: readonly string[]): boolean {
  return createIndexAt(words) >= 0
}

const INDEX_KINDS = new Set(['UNIQUE', 'FULLTEXT', 'SPATIAL'])

/** Where the INDEX of a CREATE INDEX statement is, or -1. */
function createIndexAt(words: readonly string[]): number {
  if (words[0] !== 'CREATE') return -1
  let at = words[1] === 'OR' && words[2] === 'REPLACE' ? 3 : 1
  if (INDEX_KINDS.has(words[at] ?? '')) at++
  return words[at] === 'INDEX' ? at : -1
}

/**
 * An ADD [COLUMN] clause that adds a column (not a constraint or an index).
 *
 * @example
 * addsColumn(['ADD', 'COLUMN', 'age', 'INTEGER']) // true
 * addsColumn(['ADD', 'CONSTRAINT', 'fk', 'FOREIGN', 'KEY']) // false
 */
export function addsColumn(clause: readonly string[]): boolean {
  if (clause[0] !== 'ADD') return false
  if (clause[1] === 'COLUMN') return true
  return !ADDED_OTHERS.has(clause[1] ?? '')
}
const ADDED_OTHERS = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'UNIQUE',
  'FOREIGN',
  'CHECK',
  'INDEX',
  'KEY',
  'FULLTEXT',
  'SPATIAL',
  'PARTITION',
  'EXCLUDE',
])
