import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import type { ReplicaIdentity } from '../schema/partitioning.js'
import type { Table } from '../schema/types.js'
import { refOf } from './keys.js'

const identityKey = (identity: 'default' | ReplicaIdentity) => (typeof identity === 'string' ? identity : `index ${identity.index}`)

/**
 * A table whose replica identity differs from the models' (PostgreSQL), as
 * operations that set it, each with the identity it replaces for the
 * downgrade; a change of the catalog alone. One leaving an index goes back
 * to the default `first`, before the table's indexes are dropped; the new
 * identity is set `last`, after its new indexes are made (USING INDEX
 * names one). So each direction finds the index it names.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const plain = { name: 'orders', columns: [] }
 * const full = { name: 'orders', columns: [], postgresql: { replicaIdentity: 'full' } } as const
 * replicaIdentityChange(plain, full, diffHooksFor('postgresql'))
 * // { first: [], last: [{ kind: 'set_replica_identity', table: 'orders', identity: 'full', previous: 'default' }] }
 */
export function replicaIdentityChange(was: Table, wanted: Table, hooks: DiffHooks): { first: Operation[]; last: Operation[] } {
  const none = { first: [], last: [] }
  if (!hooks.postgresTableOptions) return none
  const before = was.postgresql?.replicaIdentity ?? 'default'
  const after = wanted.postgresql?.replicaIdentity ?? 'default'
  if (identityKey(before) === identityKey(after)) return none
  const set = (identity: 'default' | ReplicaIdentity, previous: 'default' | ReplicaIdentity): Operation => ({
    kind: 'set_replica_identity',
    ...refOf(wanted),
    identity,
    previous,
  })
  const leavesIndex = typeof before !== 'string'
  return {
    first: leavesIndex ? [set('default', before)] : [],
    last: after === 'default' && leavesIndex ? [] : [set(after, leavesIndex ? 'default' : before)],
  }
}
