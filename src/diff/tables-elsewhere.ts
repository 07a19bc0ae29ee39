import type { Operation } from '../ops/operation.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { Table } from '../schema/types.js'
import { commentOperation } from '../ops/comment-op.js'
import { tableKey } from './keys.js'
import { flagName } from './rename-flag-names.js'
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

/**
 * A note for each table elsewhere that the resolver did not take as moved:
 * the models add a table of its name, which the migration creates anew
 * while the old one, with its rows, stays where it is; the note names the
 * flag that moves it instead.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * elsewhereNotes([{ name: 'log', schema: 'audit', columns: [] }], [{ name: 'log', columns: [] }], diffHooksFor('postgresql'))
 * // [-- table log is created, while audit.log … run again with --rename-table audit.log:log]
 */
export function elsewhereNotes(elsewhere: readonly Table[], added: readonly Table[], hooks: DiffHooks): Operation[] {
  return elsewhere.flatMap((was) => {
    const wanted = added.find((t) => hooks.nameKey(t.name) === hooks.nameKey(was.name))
    if (wanted === undefined || was.schema === undefined) return []
    const shown = wanted.schema === undefined ? wanted.name : `${wanted.schema}.${wanted.name}`
    const now = wanted.schema === undefined ? flagName(wanted.name) : flagName(wanted.schema, wanted.name)
    const flag = `${flagName(was.schema, was.name)}:${now}`
    return [
      commentOperation(
        `table ${shown} is created, while ${was.schema}.${was.name} stays, with its rows, in a schema the models no longer name; ` +
          `if the table moved back, run again with --rename-table ${flag}`,
      ),
    ]
  })
}
