import { AthanorError } from '../../core/errors.js'
import type { CompileContext, Handlers } from '../default/context.js'
import type { Statement } from '../types.js'
import type { CreatePolicyOp, SetRowLevelSecurityOp } from '../../ops/pg-security-ops.js'
import type { SetReplicaIdentityOp } from '../../ops/pg-replica-identity-ops.js'
import type { CreateExclusionOp } from '../../ops/pg-exclusion-ops.js'
import { POLICY_COMMANDS, POLICY_ROLE_WORDS } from '../../schema/policy.js'

type SecurityKind =
  | 'set_row_level_security'
  | 'create_policy'
  | 'drop_policy'
  | 'rename_policy'
  | 'create_exclusion'
  | 'drop_exclusion'
  | 'set_replica_identity'

const tableOf = (op: { readonly table: string; readonly schema?: string }, ctx: CompileContext) =>
  ctx.quoteTable(op.schema === undefined ? { table: op.table } : { table: op.table, schema: op.schema })

/**
 * `CREATE POLICY`, refusing what PostgreSQL would refuse when it runs: a
 * command it does not know, `withCheck` on a policy for SELECT or DELETE
 * (which write no rows), `using` on one for INSERT (which reads none); and
 * `current_user`, `current_role` or `session_user` among its roles, which
 * PostgreSQL resolves to a role name when the policy is made.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const own = { name: 'own', for: 'select', to: ['app'], using: 'owner = current_user' } as const
 * createPolicySql({ kind: 'create_policy', table: 'docs', policy: own }, ctx)
 * // 'CREATE POLICY "own" ON "docs" AS PERMISSIVE FOR SELECT TO "app" USING (owner = current_user)'
 */
export function createPolicySql(op: CreatePolicyOp, ctx: CompileContext): string {
  const { policy } = op
  const command = policy.for ?? 'all'
  const where = `policy ${policy.name} on table "${op.table}"`
  if (!POLICY_COMMANDS.includes(command)) {
    throw new AthanorError('INVALID_MODEL', `${where}: for '${String(command)}' is none of ${POLICY_COMMANDS.join(', ')}`)
  }
  if (policy.withCheck !== undefined && (command === 'select' || command === 'delete')) {
    throw new AthanorError('INVALID_MODEL', `${where}: a policy for ${command.toUpperCase()} writes no rows, so it takes no withCheck`)
  }
  if (policy.using !== undefined && command === 'insert') {
    throw new AthanorError('INVALID_MODEL', `${where}: a policy for INSERT reads no rows, so it takes withCheck, not using`)
  }
  // PostgreSQL keeps the role these name when the policy is made, not the word: the models could never match it.
  const resolved = (policy.to ?? []).find((role) => POLICY_ROLE_WORDS.has(role.toLowerCase()) && role.toLowerCase() !== 'public')
  if (resolved !== undefined) {
    throw new AthanorError(
      'INVALID_MODEL',
      `${where}: to '${resolved}' is kept as the role that makes the policy, so the models would never match the database; name that role`,
    )
  }
  const roles = (policy.to ?? ['public']).map((role) =>
    POLICY_ROLE_WORDS.has(role.toLowerCase()) ? role.toUpperCase() : ctx.quoteIdentifier(role),
  )
  return [
    `CREATE POLICY ${ctx.quoteIdentifier(policy.name)} ON ${tableOf(op, ctx)}`,
    `AS ${policy.restrictive === true ? 'RESTRICTIVE' : 'PERMISSIVE'} FOR ${command.toUpperCase()} TO ${roles.join(', ')}`,
    ...(policy.using === undefined ? [] : [`USING (${policy.using})`]),
    ...(policy.withCheck === undefined ? [] : [`WITH CHECK (${policy.withCheck})`]),
  ].join(' ')
}

/**
 * One `ALTER TABLE` per flag given, each a change of the catalog alone (no
 * rewrite, no scan). Also what follows a CREATE TABLE whose models ask for
 * row level security.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * rowLevelSecurityStatements({ kind: 'set_row_level_security', table: 'documents', enabled: true, forced: true }, ctx)
 * // [{ sql: 'ALTER TABLE "documents" ENABLE ROW LEVEL SECURITY' }, { sql: 'ALTER TABLE "documents" FORCE ROW LEVEL SECURITY' }]
 */
export function rowLevelSecurityStatements(op: SetRowLevelSecurityOp, ctx: CompileContext): Statement[] {
  const table = tableOf(op, ctx)
  return [
    ...(op.enabled === undefined ? [] : [{ sql: `ALTER TABLE ${table} ${op.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY` }]),
    ...(op.forced === undefined ? [] : [{ sql: `ALTER TABLE ${table} ${op.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY` }]),
  ]
}

/**
 * `ALTER TABLE … ADD CONSTRAINT name EXCLUDE …`, refusing a definition that
 * is not an EXCLUDE clause: it is the constraint's alone, and anything else
 * would add something other than an exclusion constraint to the table.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * const exclusion = { name: 'x', definition: 'EXCLUDE USING gist (d WITH &&)' }
 * createExclusionSql({ kind: 'create_exclusion', table: 'slots', exclusion }, ctx)
 * // 'ALTER TABLE "slots" ADD CONSTRAINT "x" EXCLUDE USING gist (d WITH &&)'
 */
export function createExclusionSql(op: CreateExclusionOp, ctx: CompileContext): string {
  if (!/^\s*EXCLUDE\b/i.test(op.exclusion.definition)) {
    throw new AthanorError(
      'INVALID_MODEL',
      `exclusion constraint ${op.exclusion.name} on table "${op.table}": its definition must start with EXCLUDE, ` +
        `as pg_get_constraintdef writes it (EXCLUDE USING gist (during WITH &&))`,
    )
  }
  return `ALTER TABLE ${tableOf(op, ctx)} ADD CONSTRAINT ${ctx.quoteIdentifier(op.exclusion.name)} ${op.exclusion.definition.trim()}`
}

/**
 * `ALTER TABLE … REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX name`.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * replicaIdentitySql({ kind: 'set_replica_identity', table: 'orders', identity: { index: 'orders_code_key' } }, ctx)
 * // 'ALTER TABLE "orders" REPLICA IDENTITY USING INDEX "orders_code_key"'
 */
export function replicaIdentitySql(op: SetReplicaIdentityOp, ctx: CompileContext): string {
  const { identity } = op
  const clause = typeof identity === 'string' ? identity.toUpperCase() : `USING INDEX ${ctx.quoteIdentifier(identity.index)}`
  if (typeof identity === 'string' && !['default', 'full', 'nothing'].includes(identity)) {
    throw new AthanorError('INVALID_MODEL', `table "${op.table}": replica identity '${identity}' is none of full, nothing, { index }`)
  }
  return `ALTER TABLE ${tableOf(op, ctx)} REPLICA IDENTITY ${clause}`
}

/**
 * PostgreSQL's statements for row security, exclusion constraints and replica identity.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresSecurityHandlers.set_row_level_security({ kind: 'set_row_level_security', table: 'documents', enabled: false }, ctx)
 * // [{ sql: 'ALTER TABLE "documents" DISABLE ROW LEVEL SECURITY' }]
 */
export const postgresSecurityHandlers: { readonly [K in SecurityKind]: Handlers[K] } = {
  set_row_level_security: rowLevelSecurityStatements,
  create_policy: (op, ctx) => [{ sql: createPolicySql(op, ctx) }],
  drop_policy: (op, ctx) => [{ sql: `DROP POLICY ${ctx.quoteIdentifier(op.name)} ON ${tableOf(op, ctx)}` }],
  rename_policy: (op, ctx) => [
    { sql: `ALTER POLICY ${ctx.quoteIdentifier(op.name)} ON ${tableOf(op, ctx)} RENAME TO ${ctx.quoteIdentifier(op.newName)}` },
  ],
  create_exclusion: (op, ctx) => [{ sql: createExclusionSql(op, ctx) }],
  set_replica_identity: (op, ctx) => [{ sql: replicaIdentitySql(op, ctx) }],
  drop_exclusion: (op, ctx) => [{ sql: `ALTER TABLE ${tableOf(op, ctx)} DROP CONSTRAINT ${ctx.quoteIdentifier(op.name)}` }],
}
