import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { ExclusionConstraint } from '../schema/exclusion.js'
import type { Table } from '../schema/types.js'
import { namedChanges, renamedAmong } from './named-changes.js'
import { refOf } from './keys.js'

/**
 * The exclusion constraints of a table that is made: each added once every
 * table of the migration is there, as its operators may come from an
 * extension the migration creates. None where the dialect has none.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const exclusions = [{ name: 'x', definition: 'EXCLUDE (a WITH =)' }]
 * exclusionsCreated({ name: 'bookings', columns: [], postgresql: { exclusions } }, diffHooksFor('postgresql'))
 * // [{ kind: 'create_exclusion', table: 'bookings', exclusion: { name: 'x', definition: 'EXCLUDE (a WITH =)' } }]
 */
export function exclusionsCreated(table: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.postgresTableOptions) return []
  return (table.postgresql?.exclusions ?? []).map((exclusion) => ({ kind: 'create_exclusion', ...refOf(table), exclusion }))
}

/**
 * The exclusion constraints of a table on both sides that differ
 * (PostgreSQL), compared by their definitions' normalised text: those gone
 * or changed are dropped before the table changes (one holds its columns),
 * those new or changed added after every table change.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const was = { name: 'b', columns: [], postgresql: { exclusions: [{ name: 'x', definition: 'EXCLUDE USING gist (during WITH &&)' }] } }
 * exclusionChanges(was, { ...was, postgresql: {} }, diffHooksFor('postgresql')).drop // [{ kind: 'drop_exclusion', … }]
 */
export function exclusionChanges(was: Table, wanted: Table, hooks: DiffHooks): { drop: Operation[]; create: Operation[] } {
  if (!hooks.postgresTableOptions) return { drop: [], create: [] }
  const current = was.postgresql?.exclusions ?? []
  const key = (exclusion: ExclusionConstraint) => hooks.checkKey(exclusion.definition)
  // One named anew is renamed in place: made again, its index would be built again and every row checked.
  const { gone, made, renamed } = renamedAmong(namedChanges(current, wanted.postgresql?.exclusions ?? [], key), current, key)
  return {
    drop: gone.map((exclusion) => ({ kind: 'drop_exclusion', ...refOf(wanted), name: exclusion.name, existing: exclusion })),
    create: [
      ...renamed.map(
        ([from, to]): Operation => ({ kind: 'rename_constraint', ...refOf(wanted), name: from.name, newName: to.name, type: 'exclusion' }),
      ),
      ...made.map((exclusion): Operation => ({ kind: 'create_exclusion', ...refOf(wanted), exclusion })),
    ],
  }
}
