import type { Row } from '../../ops/operation-sink.js'
import type { Index } from '../../schema/types.js'
import { maskedLiterals, parenthesised, splitSpans, withoutComments } from './introspect-ddl.js'

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
  const list = on === null ? undefined : parenthesised(masked, on.index + on[0].length - 1)
  if (list === undefined) return []
  return splitSpans(list.inner, ',').map(([from, to]) => {
    const part = list.inner.slice(from, to).replace(/\s+(?:ASC|DESC)$/i, '')
    const whole = part.startsWith('(') ? parenthesised(part, 0) : undefined
    const [start, end] = whole?.end === part.length ? [whole.start, whole.end - 1] : [0, part.length]
    return text.slice(list.start + from + start, list.start + from + end).trim()
  })
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
