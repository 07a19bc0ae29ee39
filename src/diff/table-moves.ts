import type { Operation } from '../ops/operation.js'
import type { DiffHooks } from '../dialect/diff-hooks.js'
import type { TableName } from './options.js'

/**
 * The operations that turn a table (or a partition) the resolver confirmed
 * as renamed into the wanted one: `ALTER TABLE … SET SCHEMA` when its schema changes (its
 * rows, indexes, constraints and owned sequences move along), then a
 * rename in the new schema when its name changes too. RENAME TO takes no
 * schema, so a rename alone could never move a table. `home` is the schema
 * a table without one lives in, written out so the downgrade knows where to
 * move it back to.
 *
 * @example
 * import { diffHooksFor } from '../dialect/registry.js'
 * const was = table('log', { id: col.integer() })
 * const wanted = table('entries', { id: col.integer() }, { schema: 'audit' })
 * tableMoveOperations(was, wanted, 'public', diffHooksFor('postgresql'))
 * // [{ kind: 'set_table_schema', table: 'log', schema: 'public', newSchema: 'audit' },
 * //  { kind: 'rename_table', table: 'log', schema: 'audit', newName: 'entries' }]
 */
export function tableMoveOperations(was: TableName, wanted: TableName, home: string, hooks: DiffHooks): Operation[] {
  const ops: Operation[] = []
  if (movesSchema(was, wanted, home, hooks)) {
    ops.push({ kind: 'set_table_schema', table: was.name, schema: was.schema ?? home, newSchema: wanted.schema ?? home })
  }
  if (was.name !== wanted.name) {
    ops.push({
      kind: 'rename_table',
      table: was.name,
      ...(wanted.schema === undefined ? {} : { schema: wanted.schema }),
      newName: wanted.name,
    })
  }
  return ops
}

function movesSchema(was: TableName, wanted: TableName, home: string, hooks: DiffHooks): boolean {
  return hooks.nameKey(was.schema ?? home) !== hooks.nameKey(wanted.schema ?? home)
}
