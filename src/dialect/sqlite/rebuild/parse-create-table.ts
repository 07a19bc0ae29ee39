import { AthanorError } from '../../../core/errors.js'
import type { ReferentialAction } from '../../../schema/types.js'
import type { ClauseKind, ColumnClause, ColumnDefinition, TableConstraint, TableDefinition } from './definition.js'
import { isWord, matchingParen, splitTopLevel, tokenize, unquote, type Token } from './tokenize.js'

/**
 * Parses the `sql` SQLite keeps for a table in sqlite_schema (the statement
 * as it was written, with renames applied: https://sqlite.org/schematab.html)
 * into its columns and table constraints, following the grammar at
 * https://sqlite.org/lang_createtable.html.
 *
 * @example
 * parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY, CHECK (id > 0))').constraints[0]?.kind // 'check'
 */
export function parseCreateTable(sql: string): TableDefinition {
  const tokens = tokenize(sql)
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(')
  const nameToken = tokens[open - 1]
  if (open < 0 || nameToken === undefined || isWord(tokens[open - 1], 'AS')) {
    throw new AthanorError('SQLITE_UNPARSEABLE_TABLE', `cannot read the table definition: ${sql.slice(0, 80)}`)
  }
  const close = matchingParen(tokens, open)
  const body = splitTopLevel(tokens.slice(open + 1, close))
  const columns: ColumnDefinition[] = []
  const constraints: TableConstraint[] = []
  for (const element of body) {
    const first = isWord(element[0], 'CONSTRAINT') ? element[2] : element[0]
    if (isWord(first, 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')) constraints.push(tableConstraint(sql, element))
    else columns.push(columnDefinition(sql, element))
  }
  const last = tokens[close]
  return {
    name: unquote(nameToken),
    columns,
    constraints,
    options: last === undefined ? '' : sql.slice(last.end).trim().replace(/;$/, '').trim(),
  }
}

/**
 * The expression of a CHECK written on a column, as a table-level one's
 * `expression`: the text between its parentheses.
 *
 * @example
 * checkExpression('CONSTRAINT ck_a CHECK (a > 0)') // 'a > 0'
 */
export function checkExpression(clause: string): string {
  const tokens = tokenize(clause)
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(')
  if (open < 0) return ''
  return clause.slice(tokens[open]!.end, tokens[matchingParen(tokens, open)]!.start).trim()
}

function textOf(sql: string, tokens: readonly Token[]): string {
  const first = tokens[0]
  const last = tokens[tokens.length - 1]
  return first === undefined || last === undefined ? '' : sql.slice(first.start, last.end)
}

const CLAUSE_START: Readonly<Record<string, ClauseKind>> = {
  PRIMARY: 'primary',
  UNIQUE: 'unique',
  CHECK: 'check',
  DEFAULT: 'default',
  COLLATE: 'collate',
  REFERENCES: 'references',
  GENERATED: 'generated',
  AS: 'generated',
}

/** Where a column clause starts, telling `NOT NULL` from `NOT DEFERRABLE` and `SET NULL`. */
function clauseAt(tokens: readonly Token[], i: number): ClauseKind | 'constraint' | undefined {
  const t = tokens[i]
  const prev = tokens[i - 1]
  if (t === undefined || t.kind !== 'word') return undefined
  const word = t.text.toUpperCase()
  if (word === 'CONSTRAINT') return 'constraint'
  if (word === 'NOT' && isWord(tokens[i + 1], 'NULL')) return 'notnull'
  if (word === 'NULL' && !isWord(prev, 'NOT', 'SET', 'DEFAULT')) return 'null'
  if (word === 'DEFAULT' && isWord(prev, 'SET')) return undefined
  if (word === 'AS' && isWord(prev, 'ALWAYS')) return undefined
  return CLAUSE_START[word]
}

function columnDefinition(sql: string, tokens: readonly Token[]): ColumnDefinition {
  const name = unquote(tokens[0]!)
  const starts: number[] = []
  let depth = 0
  let pendingConstraint = -1
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')') depth--
    if (depth !== 0) continue
    const kind = clauseAt(tokens, i)
    if (kind === undefined) continue
    if (kind === 'constraint') {
      starts.push(i)
      pendingConstraint = i
      i++
      continue
    }
    // A clause right after `CONSTRAINT name` belongs to it.
    if (pendingConstraint >= 0 && i === pendingConstraint + 2) continue
    starts.push(i)
  }
  const typeEnd = starts[0] ?? tokens.length
  const clauses: ColumnClause[] = starts.map((start, k) => {
    const part = tokens.slice(start, starts[k + 1] ?? tokens.length)
    const named = isWord(part[0], 'CONSTRAINT')
    const kind = clauseAt(part, named ? 2 : 0)
    return {
      kind: kind === undefined || kind === 'constraint' ? 'check' : kind,
      ...(named && part[1] !== undefined ? { name: unquote(part[1]) } : {}),
      text: textOf(sql, part),
    }
  })
  return { name, type: textOf(sql, tokens.slice(1, typeEnd)), clauses }
}

/** Column names of a parenthesised key list; each element's first token (`a COLLATE x DESC` → `a`). */
function keyColumns(tokens: readonly Token[], open: number): { columns: string[]; end: number } {
  const end = matchingParen(tokens, open)
  const columns = splitTopLevel(tokens.slice(open + 1, end)).map((part) => unquote(part[0]!))
  return { columns, end }
}

function tableConstraint(sql: string, tokens: readonly Token[]): TableConstraint {
  const named = isWord(tokens[0], 'CONSTRAINT')
  const name = named && tokens[1] !== undefined ? unquote(tokens[1]) : undefined
  const at = named ? 2 : 0
  const text = textOf(sql, tokens)
  const base = { ...(name === undefined ? {} : { name }), text }
  const word = tokens[at]!.text.toUpperCase()
  const open = tokens.findIndex((t, i) => i > at && t.kind === 'punct' && t.text === '(')
  if (word === 'CHECK') {
    const end = matchingParen(tokens, open)
    return { kind: 'check', ...base, columns: [], expression: sql.slice(tokens[open]!.end, tokens[end]!.start).trim() }
  }
  const { columns, end } = keyColumns(tokens, open)
  if (word === 'PRIMARY') return { kind: 'primary', ...base, columns }
  if (word === 'UNIQUE') return { kind: 'unique', ...base, columns }
  return { kind: 'foreign', ...base, columns, ...references(tokens, end + 1) }
}

/**
 * The `REFERENCES t (cols) ON DELETE …` part of a foreign key. Without a
 * column list the key refers to the parent's primary key; the empty list
 * says so (https://sqlite.org/foreignkeys.html#fk_indexes).
 *
 * @example
 * import { tokenize } from './tokenize.js'
 * references(tokenize('REFERENCES p (id) ON DELETE CASCADE'), 0) // { referredTable: 'p', referredColumns: ['id'], onDelete: 'CASCADE' }
 */
export function references(
  tokens: readonly Token[],
  from: number,
): { referredTable: string; referredColumns: string[]; onDelete?: ReferentialAction; onUpdate?: ReferentialAction } {
  let i = tokens.findIndex((t, k) => k >= from && isWord(t, 'REFERENCES'))
  const referredTable = unquote(tokens[i + 1]!)
  i += 2
  let referredColumns: string[] = []
  if (tokens[i]?.text === '(') {
    const keys = keyColumns(tokens, i)
    referredColumns = keys.columns
    i = keys.end + 1
  }
  const actions: { onDelete?: ReferentialAction; onUpdate?: ReferentialAction } = {}
  for (; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'ON') || !isWord(tokens[i + 1], 'DELETE', 'UPDATE')) continue
    const which = tokens[i + 1]!.text.toUpperCase() === 'DELETE' ? 'onDelete' : 'onUpdate'
    const a = tokens[i + 2]?.text.toUpperCase()
    const b = tokens[i + 3]?.text.toUpperCase()
    const action = a === 'SET' || a === 'NO' ? `${a} ${b}` : a
    actions[which] = action as ReferentialAction
  }
  return { referredTable, referredColumns, ...actions }
}
