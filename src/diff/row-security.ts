import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
import { refOf } from './keys.js'

/**
 * A table whose row level security (on, forced) differs from the models'
 * (PostgreSQL), as the one operation that sets the flags that differ: a
 * change of the catalog alone, so an operation, not a note.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const [open, guarded] = [{ name: 'docs', columns: [] }, { name: 'docs', columns: [], postgresql: { rowLevelSecurity: true } }]
 * rowLevelSecurityChange(open, guarded, diffHooksFor('postgresql'))
 * // [{ kind: 'set_row_level_security', table: 'docs', enabled: true }]
 */
export function rowLevelSecurityChange(was: Table, wanted: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.postgresTableOptions) return []
  const enabled = (table: Table) => table.postgresql?.rowLevelSecurity === true
  const forced = (table: Table) => table.postgresql?.forceRowLevelSecurity === true
  if (enabled(was) === enabled(wanted) && forced(was) === forced(wanted)) return []
  return [
    {
      kind: 'set_row_level_security',
      ...refOf(wanted),
      ...(enabled(was) === enabled(wanted) ? {} : { enabled: enabled(wanted) }),
      ...(forced(was) === forced(wanted) ? {} : { forced: forced(wanted) }),
    },
  ]
}
