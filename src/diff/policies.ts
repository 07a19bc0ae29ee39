import { retypedColumns } from './columns.js'
import { namesMentioned } from '../dialect/view-support.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Operation } from '../ops/operation.js'
import { POLICY_ROLE_WORDS, type Policy } from '../schema/policy.js'
import type { Table } from '../schema/types.js'
import { namedChanges, renamedAmong } from './named-changes.js'
import { refOf } from './keys.js'

/**
 * A policy as PostgreSQL keeps it, for comparison: the command and the
 * roles with their defaults filled in (`all`, `public`), the roles sorted,
 * and each condition by its normalised text (the models' `owner =
 * current_user` equals the catalog's `(owner = CURRENT_USER)`).
 */
function policyKey(policy: Policy, hooks: DiffHooks): string {
  const condition = (text: string | undefined) => (text === undefined ? null : hooks.checkKey(text))
  return JSON.stringify([
    (policy.for ?? 'all').toLowerCase(),
    // A role's name keeps its case (CREATE POLICY quotes it); PUBLIC and the like are words.
    [...(policy.to ?? ['public'])].map((role) => (POLICY_ROLE_WORDS.has(role.toLowerCase()) ? role.toLowerCase() : role)).sort(),
    policy.restrictive === true,
    condition(policy.using),
    condition(policy.withCheck),
  ])
}

/**
 * The policies of a table that is made: each created once every table and
 * routine of the migration is there, as a policy's conditions may read
 * other tables and call routines. None where the dialect has no policies:
 * there a model's `postgresql` options are left aside.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * policiesCreated({ name: 'docs', columns: [], postgresql: { policies: [{ name: 'own', using: 'true' }] } }, diffHooksFor('postgresql'))
 * // [{ kind: 'create_policy', table: 'docs', policy: { name: 'own', using: 'true' } }]
 */
export function policiesCreated(table: Table, hooks: DiffHooks): Operation[] {
  if (!hooks.postgresTableOptions) return []
  return (table.postgresql?.policies ?? []).map((policy) => ({ kind: 'create_policy', ...refOf(table), policy }))
}

/**
 * The policies of a table on both sides that differ (PostgreSQL): those
 * gone or changed are dropped before the table changes (a policy holds the
 * columns it reads, which cannot be dropped under it), those new or changed
 * are created after every table change. A change is a drop and a create in
 * the migration's transaction, so no row is ever let through between them.
 * One the models only name anew is renamed, first (ALTER POLICY … RENAME TO).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const was = { name: 'docs', columns: [], postgresql: { policies: [{ name: 'own', using: '(owner = CURRENT_USER)' }] } }
 * policyChanges(was, { ...was, postgresql: { policies: [{ name: 'own', using: 'owner = current_user' }] } }, diffHooksFor('postgresql'))
 * // { drop: [], create: [] }
 */
export function policyChanges(was: Table, wanted: Table, hooks: DiffHooks): { drop: Operation[]; create: Operation[] } {
  if (!hooks.postgresTableOptions) return { drop: [], create: [] }
  const current = was.postgresql?.policies ?? []
  const key = (policy: Policy) => policyKey(policy, hooks)
  const { gone, made, renamed } = renamedAmong(namedChanges(current, wanted.postgresql?.policies ?? [], key), current, key)
  const ref = refOf(wanted)
  return {
    drop: [
      ...renamed.map(([from, to]): Operation => ({ kind: 'rename_policy', ...ref, name: from.name, newName: to.name })),
      ...gone.map((policy): Operation => ({ kind: 'drop_policy', ...ref, name: policy.name, existing: policy })),
    ],
    create: made.map((policy) => ({ kind: 'create_policy', ...ref, policy })),
  }
}

/**
 * `changes` with the policies kept as they are that read a column whose
 * type `alters` change dropped before and made again after: PostgreSQL
 * refuses the change under them ("cannot alter type of a column used in a
 * policy definition").
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * declare const was: Table
 * declare const wanted: Table
 * declare const alters: Operation[]
 * policiesOverRetyped(was, wanted, alters, policyChanges(was, wanted, diffHooksFor('postgresql')), diffHooksFor('postgresql'))
 */
export function policiesOverRetyped(
  was: Table,
  wanted: Table,
  alters: readonly Operation[],
  changes: { drop: Operation[]; create: Operation[] },
  hooks: DiffHooks,
): { drop: Operation[]; create: Operation[] } {
  const retyped = retypedColumns(alters)
  if (retyped.length === 0 || !hooks.readersHoldColumnTypes) return changes
  const touched = new Set(
    [...changes.drop, ...changes.create].flatMap((op) =>
      op.kind === 'drop_policy' || op.kind === 'rename_policy' ? [op.name] : op.kind === 'create_policy' ? [op.policy.name] : [],
    ),
  )
  const reads = (text: string | undefined) => text !== undefined && namesMentioned(text, retyped).length > 0
  const ref = refOf(wanted)
  const drop = [...changes.drop]
  const create = [...changes.create]
  for (const policy of was.postgresql?.policies ?? []) {
    if (touched.has(policy.name) || !(reads(policy.using) || reads(policy.withCheck))) continue
    const again = (wanted.postgresql?.policies ?? []).find((p) => p.name === policy.name)
    if (again === undefined) continue
    drop.push({ kind: 'drop_policy', ...ref, name: policy.name, existing: policy })
    create.push({ kind: 'create_policy', ...ref, policy: again })
  }
  return { drop, create }
}
