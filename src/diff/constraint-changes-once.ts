import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Table } from '../schema/types.js'
import { type ConstraintOps, diffConstraints } from './constraints.js'

/** The constraint changes of a pair of tables, no column regenerated or renamed: see {@link constraintChangesOnce}. */
export type PlainConstraintChanges = (current: Table, target: Table) => ConstraintOps

/**
 * {@link diffConstraints} of a pair of tables with no column regenerated or
 * renamed, worked out once per pair for one comparison: the foreign-key
 * releases ask it of every pair, then the table changes ask it again, which
 * was a tenth of `check` on 500 MySQL tables. Each answer is a copy of the
 * lists, so a caller may extend its own. A pair whose tables were replaced
 * (a key released, a table renamed) is new objects, worked out anew.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const changes = constraintChangesOnce(diffHooksFor('mysql'))
 * const table: Table = { name: 't', columns: [{ name: 'a', type: { kind: 'integer' } }] }
 * changes(table, table).drop // [], and the second call for this pair reuses the first
 */
export function constraintChangesOnce(hooks: DiffHooks): PlainConstraintChanges {
  const known = new WeakMap<Table, WeakMap<Table, ConstraintOps>>()
  return (current, target) => {
    let byTarget = known.get(current)
    if (byTarget === undefined) {
      byTarget = new WeakMap()
      known.set(current, byTarget)
    }
    let ops = byTarget.get(target)
    if (ops === undefined) {
      ops = diffConstraints(current, target, hooks)
      byTarget.set(target, ops)
    }
    return { drop: [...ops.drop], create: [...ops.create], createForeignKeys: [...ops.createForeignKeys] }
  }
}
