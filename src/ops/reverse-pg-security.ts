import { AthanorError } from '../core/errors.js'
import type { Operation, OperationOf } from './operation.js'
import type { PgSecurityOperation } from './pg-security-ops.js'
import type { PgExclusionOperation } from './pg-exclusion-ops.js'
import type { SetReplicaIdentityOp } from './pg-replica-identity-ops.js'

type Kind = PgSecurityOperation['kind'] | PgExclusionOperation['kind'] | SetReplicaIdentityOp['kind']

const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })

/**
 * The reverses of the operations on PostgreSQL's row security, exclusion
 * constraints and replica identity: each row security flag given is set back, as a
 * flag is either on or off.
 *
 * @example
 * pgSecurityReversers.set_row_level_security({ kind: 'set_row_level_security', table: 'documents', enabled: true })
 * // { kind: 'set_row_level_security', table: 'documents', enabled: false }
 */
export const pgSecurityReversers: { readonly [K in Kind]: (op: OperationOf<K>) => Operation } = {
  set_row_level_security: (op) => ({
    kind: 'set_row_level_security',
    table: op.table,
    ...schemaOf(op.schema),
    ...(op.enabled === undefined ? {} : { enabled: !op.enabled }),
    ...(op.forced === undefined ? {} : { forced: !op.forced }),
  }),
  rename_policy: (op) => ({ ...op, name: op.newName, newName: op.name }),
  create_policy: (op) => ({ kind: 'drop_policy', table: op.table, ...schemaOf(op.schema), name: op.policy.name, existing: op.policy }),
  create_exclusion: (op) => ({
    kind: 'drop_exclusion',
    table: op.table,
    ...schemaOf(op.schema),
    name: op.exclusion.name,
    existing: op.exclusion,
  }),
  drop_exclusion: (op) => {
    if (op.existing === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse drop_exclusion on "${op.name}" of "${op.table}": its definition (\`existing\`) is not known`,
      )
    }
    return { kind: 'create_exclusion', table: op.table, ...schemaOf(op.schema), exclusion: { ...op.existing, name: op.name } }
  },
  set_replica_identity: (op) => {
    if (op.previous === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse set_replica_identity on "${op.table}": the identity it had (\`previous\`) is not known`,
      )
    }
    return { kind: 'set_replica_identity', table: op.table, ...schemaOf(op.schema), identity: op.previous, previous: op.identity }
  },
  drop_policy: (op) => {
    if (op.existing === undefined) {
      throw new AthanorError(
        'IRREVERSIBLE_OPERATION',
        `Cannot reverse drop_policy on "${op.name}" of "${op.table}": the policy as it was (\`existing\`) is not known`,
      )
    }
    return { kind: 'create_policy', table: op.table, ...schemaOf(op.schema), policy: { ...op.existing, name: op.name } }
  },
}
