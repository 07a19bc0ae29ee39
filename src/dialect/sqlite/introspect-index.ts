import type { Row } from '../../ops/operation-sink.js'
import type { Index } from '../../schema/types.js'

/** The text after the last top-level WHERE of a CREATE INDEX statement. */
function predicate(sql: string): string | undefined {
  let depth = 0
  let quote: string | undefined
  let found: number | undefined
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && /^WHERE\b/i.test(sql.slice(i, i + 6)) && /\s/.test(sql[i - 1] ?? '')) found = i + 5
  }
  return found === undefined ? undefined : sql.slice(found).trim()
}

/** The key parts written in a CREATE INDEX statement, one per top-level comma. */
function keyParts(sql: string): string[] {
  const on = /\bON\s+(?:"(?:[^"]|"")*"|`[^`]*`|\S+?)\s*\(/i.exec(sql)
  if (!on) return []
  let depth = 1
  const start = on.index + on[0].length
  const parts: string[] = []
  let from = start
  for (let i = start; i < sql.length; i++) {
    const ch = sql[i]!
    if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) {
      parts.push(sql.slice(from, i).trim())
      break
    } else if (ch === ',' && depth === 1) {
      parts.push(sql.slice(from, i).trim())
      from = i + 1
    }
  }
  return parts.map((p) => p.replace(/\s+(?:ASC|DESC)$/i, '')).map((p) => (p.startsWith('(') && p.endsWith(')') ? p.slice(1, -1).trim() : p))
}

/**
 * An index from its pragma rows and its CREATE INDEX text (none for the
 * index of a UNIQUE or PRIMARY KEY constraint): columns by name, or the
 * expressions as written when any key part is one (SQLite reports those
 * with cid -2 and no name), a partial index's predicate, and the keys
 * sorted descending.
 *
 * @example
 * sqliteIndexShape('ix_a', [{ cid: 1, col: 'a', uq: 0, partial: 0 }], 'CREATE INDEX ix_a ON t (a)')
 * // { name: 'ix_a', columns: ['a'] }
 */
export function sqliteIndexShape(name: string, rows: readonly Row[], sql = ''): Index {
  const first = rows[0]!
  const expressions = rows.some((r) => Number(r['cid']) === -2)
  const where = Number(first['partial']) === 1 ? predicate(sql) : undefined
  const columns = expressions ? keyParts(sql) : rows.map((r) => String(r['col']))
  // index_xinfo's desc: the key is sorted descending (https://sqlite.org/pragma.html#pragma_index_xinfo).
  const descending = columns.filter((_, i) => Number(rows[i]?.['descending']) === 1)
  return {
    name,
    columns,
    ...(Number(first['uq']) === 1 ? { unique: true } : {}),
    ...(expressions ? { expressions: true } : {}),
    ...(where === undefined ? {} : { where }),
    ...(descending.length === 0 ? {} : { order: Object.fromEntries(descending.map((c) => [c, 'desc' as const])) }),
  }
}
