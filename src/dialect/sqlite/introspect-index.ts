import type { Row } from '../../ops/operation-sink.js'
import type { Index } from '../../schema/types.js'
import { maskedLiterals, withoutComments } from './introspect-ddl.js'

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

/**
 * The key parts written in a CREATE INDEX statement, one per top-level
 * comma, without ASC/DESC and without parentheses around the whole part.
 * Brackets and commas are looked for outside strings and quoted names:
 * `coalesce(a, ')')` and `'a,b' || a` are one part each.
 */
function keyParts(sql: string): string[] {
  const text = withoutComments(sql)
  const masked = maskedLiterals(text)
  const on = /\bON\s+(?:"_*"|`_*`|\[_*\]|[^\s(]+)\s*\(/i.exec(masked)
  if (!on) return []
  let depth = 1
  const start = on.index + on[0].length
  const spans: Array<readonly [number, number]> = []
  let from = start
  for (let i = start; i < masked.length; i++) {
    const ch = masked[i]!
    if (ch === '(') depth++
    else if (ch === ')' && --depth === 0) {
      spans.push([from, i])
      break
    } else if (ch === ',' && depth === 1) {
      spans.push([from, i])
      from = i + 1
    }
  }
  return spans.map(([from, to]) => {
    const part = masked.slice(from, to).replace(/\s+(?:ASC|DESC)\s*$/i, '')
    const lead = part.length - part.trimStart().length
    const kept = part.trim()
    const inner = wrapped(kept) ? [lead + 1, lead + kept.length - 1] : [lead, lead + kept.length]
    return text.slice(from + inner[0]!, from + inner[1]!).trim()
  })
}

/** The part is one parenthesised expression: its first parenthesis closes at its end. */
function wrapped(part: string): boolean {
  if (!part.startsWith('(') || !part.endsWith(')')) return false
  let depth = 0
  for (let i = 0; i < part.length; i++) {
    if (part[i] === '(') depth++
    else if (part[i] === ')' && --depth === 0) return i === part.length - 1
  }
  return false
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
