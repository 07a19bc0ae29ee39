import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { Table } from '../schema/types.js'
import { exclusionsCreated } from './exclusions.js'
import { policiesCreated } from './policies.js'

/**
 * What a table that is made gets once every table and routine of the
 * migration is there: its exclusion constraints (whose operators may come
 * from an extension the migration creates), then its policies (whose
 * conditions may read other tables and call routines). None where the
 * dialect has neither.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * madeLastOf({ name: 'docs', columns: [], postgresql: { policies: [{ name: 'own', using: 'true' }] } }, diffHooksFor('postgresql'))
 * // [{ kind: 'create_policy', table: 'docs', policy: { name: 'own', using: 'true' } }]
 */
export function madeLastOf(table: Table, hooks: DiffHooks): Operation[] {
  return [...exclusionsCreated(table, hooks), ...policiesCreated(table, hooks)]
}
