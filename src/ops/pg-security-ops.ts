import type { Policy } from '../schema/policy.js'

/**
 * `op.setRowLevelSecurity(...)` as data: PostgreSQL's row level security of
 * a table turned on or off (`ENABLE` / `DISABLE ROW LEVEL SECURITY`), and
 * whether it binds the table's owner too (`FORCE` / `NO FORCE`). Each flag
 * given is set; one left out stays as it is.
 *
 * @example
 * const on: SetRowLevelSecurityOp = { kind: 'set_row_level_security', table: 'documents', enabled: true }
 */
export interface SetRowLevelSecurityOp {
  readonly kind: 'set_row_level_security'
  readonly table: string
  readonly schema?: string
  readonly enabled?: boolean
  readonly forced?: boolean
}

/**
 * `op.createPolicy(...)` as data: `CREATE POLICY … ON table`.
 *
 * @example
 * const create: CreatePolicyOp = { kind: 'create_policy', table: 'documents', policy: { name: 'own', using: 'owner = current_user' } }
 */
export interface CreatePolicyOp {
  readonly kind: 'create_policy'
  readonly table: string
  readonly schema?: string
  readonly policy: Policy
}

/**
 * `op.dropPolicy(...)` as data: `DROP POLICY name ON table`; `existing` is what the reverse makes again.
 *
 * @example
 * const drop: DropPolicyOp = { kind: 'drop_policy', table: 'documents', name: 'own', existing: { name: 'own', using: 'true' } }
 */
export interface DropPolicyOp {
  readonly kind: 'drop_policy'
  readonly table: string
  readonly schema?: string
  readonly name: string
  readonly existing?: Policy
}

/**
 * `op.renamePolicy(...)` as data: `ALTER POLICY name ON table RENAME TO
 * new_name`, the policy holding rows back under either name, never neither.
 *
 * @example
 * const rename: RenamePolicyOp = { kind: 'rename_policy', table: 'documents', name: 'own', newName: 'own_documents' }
 */
export interface RenamePolicyOp {
  readonly kind: 'rename_policy'
  readonly table: string
  readonly schema?: string
  readonly name: string
  readonly newName: string
}

/**
 * Every operation on PostgreSQL's row security.
 *
 * @example
 * const ops: PgSecurityOperation[] = [{ kind: 'set_row_level_security', table: 'documents', forced: true }]
 */
export type PgSecurityOperation = SetRowLevelSecurityOp | CreatePolicyOp | DropPolicyOp | RenamePolicyOp
