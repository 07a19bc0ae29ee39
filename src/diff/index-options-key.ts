import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Index } from '../schema/types.js'
import { columnsKey } from './keys.js'

/** PostgreSQL's spellings of a boolean storage parameter (`fastupdate = off` is `fastupdate = false`). */
const BOOLEAN_WORDS: Readonly<Record<string, string>> = { on: 'true', yes: 'true', off: 'false', no: 'false' }

/** Storage parameters by name, in one order, with names and values as PostgreSQL folds them. */
function storageKey(index: Index): string {
  return Object.entries(index.storage ?? {})
    .map(([name, value]) => {
      const text = String(value).toLowerCase()
      return `${name.toLowerCase()}=${BOOLEAN_WORDS[text] ?? text}`
    })
    .sort()
    .join(',')
}

/**
 * An index's options beyond its keys, as text that is equal on both sides
 * when the dialect keeps the same index: each key's direction, with its
 * NULLs order (the default spelled out, so an explicit NULLS LAST on an
 * ascending key equals none) and operator class (a default one equals
 * none, as the server keeps it); the INCLUDE columns; FULLTEXT or
 * SPATIAL; NULLS NOT DISTINCT; and storage parameters. Options the dialect
 * does not keep are left out (DESC too, on a server that builds every key
 * ascending), so a model written for PostgreSQL shows no change on SQLite.
 * Keys are taken by position, as expressions come back from the database rewritten.
 *
 * @example
 * indexOptionsKey({ name: 'ix', columns: ['a'], order: { a: 'desc' } }, diffHooksFor('postgresql')) // 'desc first |()|||'
 */
export function indexOptionsKey(index: Index, hooks: DiffHooks): string {
  const method = (index.using ?? 'btree').toLowerCase()
  const keys = index.columns.map((key) => {
    const descending = hooks.descendingIndexKeys && index.order?.[key] === 'desc'
    const nulls = hooks.indexTraits.indexNullsOrder ? (index.nulls?.[key] ?? (descending ? 'first' : 'last')) : ''
    const opclass = hooks.indexTraits.indexOperatorClasses ? hooks.operatorClassKey(method, index.opclass?.[key]) : ''
    return `${descending ? 'desc' : 'asc'} ${nulls} ${opclass}`
  })
  const include = hooks.indexTraits.indexInclude ? `(${columnsKey(index.include ?? [], hooks)})` : ''
  const kind = !hooks.indexTraits.indexKinds ? '' : index.fulltext === true ? 'fulltext' : index.spatial === true ? 'spatial' : ''
  const nullsNotDistinct = hooks.indexTraits.indexNullsNotDistinct && index.nullsNotDistinct === true ? 'nulls not distinct' : ''
  const storage = hooks.indexTraits.indexStorage ? storageKey(index) : ''
  return `${keys.join(',')}|${include}|${kind}|${nullsNotDistinct}|${storage}`
}
