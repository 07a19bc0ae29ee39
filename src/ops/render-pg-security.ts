import type { OperationOf } from './operation.js'
import type { PgSecurityOperation } from './pg-security-ops.js'
import type { PgExclusionOperation } from './pg-exclusion-ops.js'
import type { SetReplicaIdentityOp } from './pg-replica-identity-ops.js'
import { optionsArgument } from './render-options.js'
import { quote, renderData, type RenderImports } from './render-value.js'

type Kind = PgSecurityOperation['kind'] | PgExclusionOperation['kind'] | SetReplicaIdentityOp['kind']

/**
 * The `op` calls of the operations on PostgreSQL's row security, exclusion constraints and replica identity.
 *
 * @example
 * pgSecurityRenderers.set_row_level_security({ kind: 'set_row_level_security', table: 'documents', enabled: true }, { names: new Set() })
 * // "await op.setRowLevelSecurity('documents', { enabled: true })"
 */
export const pgSecurityRenderers: { readonly [K in Kind]: (op: OperationOf<K>, imports: RenderImports) => string } = {
  set_row_level_security: (op, imports) => {
    const { kind: _kind, table, ...flags } = op
    return `await op.setRowLevelSecurity(${quote(table)}${optionsArgument(flags, imports)})`
  },
  create_policy: (op, imports) => {
    const { name, ...rest } = op.policy
    return `await op.createPolicy(${quote(name)}, ${quote(op.table)}${optionsArgument({ ...rest, schema: op.schema }, imports)})`
  },
  create_exclusion: (op, imports) =>
    `await op.createExclusion(${quote(op.exclusion.name)}, ${quote(op.table)}, ${quote(op.exclusion.definition)}` +
    `${optionsArgument({ schema: op.schema }, imports)})`,
  drop_exclusion: (op, imports) =>
    `await op.dropExclusion(${quote(op.name)}, ${quote(op.table)}` +
    `${optionsArgument({ schema: op.schema, existing: op.existing }, imports)})`,
  set_replica_identity: (op, imports) =>
    `await op.setReplicaIdentity(${quote(op.table)}, ${renderData(op.identity, imports)}` +
    `${optionsArgument({ schema: op.schema, previous: op.previous }, imports)})`,
  rename_policy: (op, imports) =>
    `await op.renamePolicy(${quote(op.table)}, ${quote(op.name)}, ${quote(op.newName)}${optionsArgument({ schema: op.schema }, imports)})`,
  drop_policy: (op, imports) =>
    `await op.dropPolicy(${quote(op.name)}, ${quote(op.table)}${optionsArgument({ schema: op.schema, existing: op.existing }, imports)})`,
}
