import type { Policy } from '../schema/policy.js'

/**
 * A row security policy of a table, for its `postgresql: { policies }`:
 * which rows the roles `to` (absent, every role) may see (`using`) and
 * write (`withCheck`), `for` one command (absent, all). It binds once the
 * table's `rowLevelSecurity` is on.
 *
 * @example
 * import { col, table } from './index.js'
 * table('documents', { id: col.integer().primaryKey(), owner: col.text().notNull() }, {
 *   postgresql: {
 *     rowLevelSecurity: true,
 *     policies: [policy('own_documents', { to: ['app_user'], using: 'owner = current_user', withCheck: 'owner = current_user' })],
 *   },
 * })
 */
export function policy(name: string, options: Omit<Policy, 'name'> = {}): Policy {
  return { name, ...options }
}
