import type { ReplicaIdentity } from '../schema/partitioning.js'

/**
 * `op.setReplicaIdentity(...)` as data: `ALTER TABLE … REPLICA IDENTITY`,
 * `default` being the primary key; `previous` is what the reverse sets back.
 *
 * @example
 * const full: SetReplicaIdentityOp = { kind: 'set_replica_identity', table: 'orders', identity: 'full', previous: 'default' }
 */
export interface SetReplicaIdentityOp {
  readonly kind: 'set_replica_identity'
  readonly table: string
  readonly schema?: string
  readonly identity: 'default' | ReplicaIdentity
  readonly previous?: 'default' | ReplicaIdentity
}
