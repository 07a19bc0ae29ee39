import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Table } from '../schema/types.js'
import { constraintChangesOnce, type PlainConstraintChanges } from './constraint-changes-once.js'
import { type ReleasedKeys, releaseKeys } from './foreign-key-moves.js'
import { referredKey, tableKey } from './keys.js'

/**
 * The foreign keys that refer to a unique constraint the comparison drops
 * (or drops and makes again), released (see {@link releaseKeys}), so that
 * the drop is not refused under them. A key refers to the constraint whose
 * columns are its referred columns, in any order, as PostgreSQL matches them.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const pairs: Array<readonly [Table, Table]>
 * const { drops, pairs: released } = releaseKeysOnDroppedUniques(pairs, diffHooksFor('postgresql'))
 */
export function releaseKeysOnDroppedUniques(
  pairs: ReadonlyArray<readonly [Table, Table]>,
  hooks: DiffHooks,
  constraintChanges: PlainConstraintChanges = constraintChangesOnce(hooks),
): ReleasedKeys {
  const columnSet = (columns: readonly string[]) =>
    columns
      .map((c) => hooks.nameKey(c))
      .sort()
      .join(',')
  const losing = new Map<string, Set<string>>()
  for (const [was, wanted] of pairs) {
    const dropped = new Set<string>()
    for (const op of constraintChanges(was, wanted).drop) {
      if (op.kind === 'drop_constraint' && op.type === 'unique') dropped.add(hooks.nameKey(op.name))
    }
    if (dropped.size === 0) continue
    const columns = (was.uniqueConstraints ?? []).filter((uq) => uq.name !== undefined && dropped.has(hooks.nameKey(uq.name)))
    losing.set(tableKey(was, hooks), new Set(columns.map((uq) => columnSet(uq.columns))))
  }
  if (losing.size === 0) return { drops: [], pairs: [...pairs] }
  return releaseKeys(pairs, hooks, (fk) => losing.get(referredKey(fk, hooks))?.has(columnSet(fk.referredColumns)) === true)
}
