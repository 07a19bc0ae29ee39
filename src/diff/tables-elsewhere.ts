import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Table } from '../schema/types.js'
import { tableKey } from './keys.js'
import type { TableName } from './options.js'

/**
 * Of the tables found in schemas the models do not name, those that may
 * be a table the models add, moved: named as one, in no schema compared,
 * and not left out of the comparison (`include`).
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const inAudit: Table = { name: 'log', schema: 'audit', columns: [] }
 * movableFromElsewhere([inAudit], [{ name: 'log', columns: [] }], new Map(), () => true, diffHooksFor('postgresql')) // [inAudit]
 */
export function movableFromElsewhere(
  elsewhere: readonly Table[],
  added: readonly Table[],
  compared: ReadonlyMap<string, Table>,
  include: (table: TableName) => boolean,
  hooks: DiffHooks,
): Table[] {
  const names = new Set(added.map((t) => hooks.nameKey(t.name)))
  return elsewhere.filter((t) => names.has(hooks.nameKey(t.name)) && !compared.has(tableKey(t, hooks)) && include(t))
}
