import type { Operation } from '../ops/operation.js'
import { dropTriggerOf } from '../ops/reverse-stored-code.js'
import type { StoredCodeChanges } from './stored-code.js'
import type { ViewChanges } from './views.js'

const keyOf = (name: string, schema: string | undefined) => `${schema ?? ''}.${name}`.toLowerCase()

/**
 * `code` with the triggers kept on a view that `views` drops and creates
 * again (around a table change, or changed itself) dropped before the view
 * and created after it: DROP VIEW takes the view's triggers with it, without
 * a word, on SQLite (https://sqlite.org/lang_dropview.html) and PostgreSQL
 * (an INSTEAD OF trigger depends on its view). The drop goes first
 * explicitly, so the downgrade, the same reversed, puts the trigger back too.
 *
 * @example
 * import { noStoredCodeChanges } from './stored-code.js'
 * import type { ViewChanges } from './views.js'
 * const trigger = { name: 'v_ins', table: 'v', definition: 'CREATE TRIGGER v_ins INSTEAD OF INSERT ON v …' }
 * const code = { ...noStoredCodeChanges, keptTriggers: [trigger] }
 * const view = { name: 'v', definition: 'SELECT 1' }
 * const views: ViewChanges = { before: [{ kind: 'drop_view', name: 'v', existing: view }], after: [{ kind: 'create_view', view }] }
 * withTriggersOnRecreatedViews(code, views).createTriggers // [{ kind: 'create_trigger', trigger }]
 */
export function withTriggersOnRecreatedViews(code: StoredCodeChanges, views: ViewChanges): StoredCodeChanges {
  const created = new Set(views.after.flatMap((op) => (op.kind === 'create_view' ? [keyOf(op.view.name, op.view.schema)] : [])))
  const recreated = new Set(views.before.flatMap((op) => (op.kind === 'drop_view' ? [keyOf(op.name, op.schema)] : [])))
  const riding = code.keptTriggers.filter((t) => recreated.has(keyOf(t.table, t.schema)) && created.has(keyOf(t.table, t.schema)))
  if (riding.length === 0) return code
  return {
    ...code,
    dropTriggers: [...code.dropTriggers, ...riding.map((trigger) => dropTriggerOf(trigger))],
    createTriggers: [...code.createTriggers, ...riding.map((trigger): Operation => ({ kind: 'create_trigger', trigger }))],
    keptTriggers: code.keptTriggers.filter((t) => !riding.includes(t)),
  }
}
