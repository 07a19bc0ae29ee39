import type { UnmanagedObject } from '../introspector.js'
import { parseCreateTable } from './rebuild/parse-create-table.js'
import { isWord, matchingParen, type Token, tokenize } from './rebuild/tokenize.js'

/** `ON CONFLICT <algorithm>` in a clause's tokens, as written upper-cased; undefined without one. */
function conflictClause(tokens: readonly Token[]): string | undefined {
  const at = tokens.findIndex((token, index) => isWord(token, 'ON') && isWord(tokens[index + 1], 'CONFLICT'))
  return at < 0 ? undefined : `ON CONFLICT ${(tokens[at + 2]?.text ?? '').toUpperCase()}`
}

/** Whether a key's column list, the first parenthesised one, holds the word (DESC, COLLATE). */
function keyHolds(tokens: readonly Token[], word: string): boolean {
  const open = tokens.findIndex((token) => token.kind === 'punct' && token.text === '(')
  if (open < 0) return tokens.some((token) => isWord(token, word))
  return tokens.slice(open, matchingParen(tokens, open)).some((token) => isWord(token, word))
}

/**
 * What a CREATE TABLE holds that the models have no word for: ON CONFLICT
 * clauses and a descending primary key (STRICT and WITHOUT ROWID are the
 * table's `sqlite` options). A rebuild
 * keeps them, as it rewrites the table's own text, but a database made from
 * the models would not have them.
 *
 * @example
 * sqliteTableTraits('t', 'CREATE TABLE t (id INTEGER PRIMARY KEY DESC, a TEXT UNIQUE ON CONFLICT REPLACE) STRICT')
 * // [{ kind: 'conflict clause', name: 't.a (ON CONFLICT REPLACE)' }, { kind: 'descending primary key', name: 't' }]
 */
export function sqliteTableTraits(table: string, sql: string): UnmanagedObject[] {
  if (!/\b(?:CONFLICT|DESC|COLLATE)\b/i.test(sql)) return []
  let definition: ReturnType<typeof parseCreateTable>
  try {
    definition = parseCreateTable(sql)
  } catch {
    return []
  }
  const found: UnmanagedObject[] = []
  for (const column of definition.columns) {
    for (const clause of column.clauses) {
      const tokens = tokenize(clause.text)
      const conflict = conflictClause(tokens)
      if (conflict !== undefined) found.push({ kind: 'conflict clause', name: `${table}.${column.name} (${conflict})` })
      if (clause.kind === 'primary' && tokens.some((token) => isWord(token, 'DESC'))) {
        found.push({ kind: 'descending primary key', name: table })
      }
    }
  }
  for (const constraint of definition.constraints) {
    const tokens = tokenize(constraint.text)
    const conflict = conflictClause(tokens)
    const what = constraint.kind === 'primary' ? 'primary key' : constraint.kind
    if (conflict !== undefined) found.push({ kind: 'conflict clause', name: `${table} ${what} (${conflict})` })
    if (constraint.kind === 'primary' && keyHolds(tokens, 'DESC')) found.push({ kind: 'descending primary key', name: table })
    // PRIMARY KEY (code COLLATE NOCASE), UNIQUE (name COLLATE NOCASE): the key compares by it, the models' key by the column's.
    if ((constraint.kind === 'primary' || constraint.kind === 'unique') && keyHolds(tokens, 'COLLATE')) {
      found.push({ kind: 'key collation', name: `${table} ${what}` })
    }
    if (constraint.kind === 'unique' && keyHolds(tokens, 'DESC')) found.push({ kind: 'descending unique key', name: table })
  }
  return found
}

/**
 * A CREATE INDEX whose key names a collation of its own (`nick COLLATE
 * NOCASE`): the models' index has no place for it.
 *
 * @example
 * sqliteIndexTraits('ux_nick', 'users', 'CREATE UNIQUE INDEX ux_nick ON users (nick COLLATE NOCASE)')
 * // [{ kind: 'index key collation', name: 'ux_nick on users' }]
 */
export function sqliteIndexTraits(index: string, table: string, sql: string): UnmanagedObject[] {
  if (!/\bCOLLATE\b/i.test(sql)) return []
  const tokens = tokenize(sql)
  const open = tokens.findIndex((token) => token.kind === 'punct' && token.text === '(')
  if (open < 0) return []
  const key = tokens.slice(open, matchingParen(tokens, open))
  return key.some((token) => isWord(token, 'COLLATE')) ? [{ kind: 'index key collation', name: `${index} on ${table}` }] : []
}
