import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
import { constraintChangesOnce, type PlainConstraintChanges } from './constraint-changes-once.js'
import { type ReleasedKeys, releaseKeys } from './foreign-key-moves.js'
import { primaryKeyColumns, referredKey, tableKey } from './keys.js'

/**
 * The foreign keys whose last index goes, at either end, released (see
 * {@link releaseKeys}): so an index that backs a key can change its columns
 * or go. A key is held when an index or unique constraint the comparison
 * drops starts with its columns, and none the table keeps does (its primary
 * key, the indexes and unique constraints that stay). Where the models keep
 * no index for it, the key made again brings the server's own.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const pairs: Array<readonly [Table, Table]>
 * const { drops, pairs: released } = releaseKeysOnDroppedIndexes(pairs, diffHooksFor('mysql'))
 */
export function releaseKeysOnDroppedIndexes(
  pairs: ReadonlyArray<readonly [Table, Table]>,
  hooks: DiffHooks,
  constraintChanges: PlainConstraintChanges = constraintChangesOnce(hooks),
): ReleasedKeys {
  const losing = new Map<string, IndexedColumns>()
  for (const [was, wanted] of pairs) {
    const dropped = droppedIndexes(constraintChanges(was, wanted).drop, hooks)
    if (dropped.size > 0) losing.set(tableKey(was, hooks), indexedColumns(was, dropped, hooks))
  }
  if (losing.size === 0) return { drops: [], pairs: [...pairs] }
  const loses = (table: string, columns: readonly string[]) => {
    const indexed = losing.get(table)
    if (indexed === undefined) return false
    const leads = (list: readonly string[]) =>
      list.length >= columns.length && columns.every((c, i) => hooks.nameKey(c) === hooks.nameKey(list[i]!))
    return indexed.dropped.some(leads) && !indexed.kept.some(leads)
  }
  return releaseKeys(pairs, hooks, (fk, own) => loses(own, fk.columns) || loses(referredKey(fk, hooks), fk.referredColumns))
}

/** The column lists of a table's indexes that go, and of those that stay. */
interface IndexedColumns {
  readonly dropped: ReadonlyArray<readonly string[]>
  readonly kept: ReadonlyArray<readonly string[]>
}

/** The names of the indexes and unique constraints among `drops`. */
function droppedIndexes(drops: readonly Operation[], hooks: DiffHooks): Set<string> {
  const names = new Set<string>()
  for (const op of drops) {
    if (op.kind === 'drop_index' || (op.kind === 'drop_constraint' && op.type === 'unique')) names.add(hooks.nameKey(op.name))
  }
  return names
}

function indexedColumns(table: Table, dropped: ReadonlySet<string>, hooks: DiffHooks): IndexedColumns {
  const goes = (name: string | undefined) => name !== undefined && dropped.has(hooks.nameKey(name))
  // An expression index starts with no column; a prefix one is no key's index, but may well have been.
  const indexes = (table.indexes ?? []).filter((index) => index.expressions !== true)
  const uniques = [
    ...(table.uniqueConstraints ?? []),
    ...table.columns.filter((c) => c.unique === true).map((c) => ({ name: undefined, columns: [c.name] })),
  ]
  return {
    dropped: [...indexes, ...uniques].filter((i) => goes(i.name)).map((i) => i.columns),
    kept: [
      primaryKeyColumns(table),
      ...indexes.filter((i) => !goes(i.name) && i.prefixLengths === undefined).map((i) => i.columns),
      ...uniques.filter((u) => !goes(u.name)).map((u) => u.columns),
    ],
  }
}
