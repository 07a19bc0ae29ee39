import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Index, Table } from '../schema/types.js'
import { indexOptionsKey } from './index-options-key.js'
import { columnsKey } from './keys.js'

/**
 * What makes two indexes the same index, their names aside: columns (or
 * expressions, by normalised text), uniqueness, predicate, and what the
 * dialect keeps beyond them (prefix lengths, access method, key options).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const table: Table = { name: 't', columns: [{ name: 'a', type: { kind: 'integer' } }] }
 * const hooks = diffHooksFor('postgresql')
 * indexKey({ name: 'ix_a', columns: ['a'] }, table, hooks) === indexKey({ name: 'ix_t_a', columns: ['a'] }, table, hooks) // true
 */
export function indexKey(index: Index, table: Table, hooks: DiffHooks): string {
  // Expressions and predicates come back rewritten by the database (casts, parentheses, case): they are
  // compared as CHECK expressions are, by the dialect's normalised text.
  const columns =
    index.expressions === true ? `expr:${index.columns.map((c) => hooks.checkKey(c)).join('\u0000')}` : columnsKey(index.columns, hooks)
  const method = hooks.indexTraits.indexMethods ? (index.using ?? 'btree').toLowerCase() : ''
  const options = `${prefixKey(index, table, hooks)}|${method}|${indexOptionsKey(index, hooks)}`
  const where = index.where === undefined ? '' : hooks.checkKey(index.where)
  return `${columns}|${index.unique === true}|${where}|${options}`
}

/**
 * The length each column is indexed by, in column order, where the dialect
 * keeps prefix lengths. Empty means the whole column. A prefix as long as
 * the column is the whole column (MySQL stores it so: STATISTICS.SUB_PART is
 * NULL), and a non-unique key longer than InnoDB's largest is cut to that
 * largest with only a note, so both sides are compared as the server keeps them.
 */
function prefixKey(index: Index, table: Table, hooks: DiffHooks): string {
  if (!hooks.indexTraits.indexPrefixLengths) return ''
  return index.columns.map((column) => indexedLength(index, table, column, hooks) ?? '').join(',')
}

/** InnoDB's largest index key with DYNAMIC rows, in bytes. */
const MYSQL_MAX_KEY_BYTES = 3072

/** The longest a character takes in the charsets a collation name starts with. */
const BYTES_PER_CHARACTER: Readonly<Record<string, number>> = { utf8mb4: 4, utf8mb3: 3, utf8: 3, ucs2: 2, utf16: 4, utf32: 4 }

function indexedLength(index: Index, table: Table, column: string, hooks: DiffHooks): number | undefined {
  const found = table.columns.find((c) => hooks.nameKey(c.name) === hooks.nameKey(column))
  const type = found?.type
  if (type === undefined || (type.kind !== 'string' && type.kind !== 'text' && type.kind !== 'binary')) return undefined
  const whole = type.kind === 'text' ? undefined : type.length
  let length = index.prefixLengths?.[column] ?? whole ?? Number.POSITIVE_INFINITY
  if (index.unique !== true) {
    const charset = type.kind === 'binary' ? 'binary' : (found?.collation ?? table.mysql?.charset ?? 'utf8mb4').split('_')[0]!
    length = Math.min(length, Math.floor(MYSQL_MAX_KEY_BYTES / (BYTES_PER_CHARACTER[charset.toLowerCase()] ?? 1)))
  }
  if (length === Number.POSITIVE_INFINITY || (whole !== undefined && length >= whole)) return undefined
  return length
}
