/**
 * A PostgreSQL row security policy of a table (`CREATE POLICY`): which rows
 * the roles it names may see (`using`) and write (`withCheck`), for one
 * command or all. It binds only while the table's row level security is on
 * (`postgresql: { rowLevelSecurity: true }`).
 *
 * @example
 * const own: Policy = { name: 'own_documents', for: 'select', to: ['app_user'], using: 'owner = current_user' }
 */
export interface Policy {
  readonly name: string
  /** The command it applies to; absent, all of them (`FOR ALL`). */
  readonly for?: PolicyCommand
  /** The roles it applies to, by name; absent, every role (`TO PUBLIC`). */
  readonly to?: readonly string[]
  /** `AS RESTRICTIVE`: rows must pass it as well as a permissive policy; absent, it is permissive. */
  readonly restrictive?: boolean
  /** The rows the roles see, update and delete: an SQL condition. */
  readonly using?: string
  /** The rows the roles may insert or update to: an SQL condition. */
  readonly withCheck?: string
}

/**
 * What a policy applies to.
 *
 * @example
 * const command: PolicyCommand = 'update'
 */
export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete'

/** The role specifications CREATE POLICY takes as words, in any case, not as the names of roles. */
export const POLICY_ROLE_WORDS: ReadonlySet<string> = new Set(['public', 'current_user', 'current_role', 'session_user'])

/** The commands a policy may name, as CREATE POLICY spells them in lower case. */
export const POLICY_COMMANDS: readonly PolicyCommand[] = ['all', 'select', 'insert', 'update', 'delete']
