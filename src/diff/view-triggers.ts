import type { Operation } from '../ops/operation.js'
import { dropTriggerOf } from '../ops/reverse-stored-code.js'
import { namesMentioned } from '../dialect/view-support.js'
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
  return madeAgain(code, riding)
}

/**
 * `code` with the kept triggers that read a view `views` drops and creates
 * again dropped before it and created after it: SQLite checks every
 * trigger when a table is renamed, and the rebuild of a table renames one,
 * so a trigger naming a view that is gone at that moment fails the change
 * ("error in trigger t: no such table: main.v").
 *
 * @example
 * import { noStoredCodeChanges } from './stored-code.js'
 * import type { ViewChanges } from './views.js'
 * const trigger = { name: 'trg_log', table: 'log', definition: 'CREATE TRIGGER trg_log AFTER INSERT ON log BEGIN … FROM va …; END' }
 * const view = { name: 'va', definition: 'SELECT count(*) AS n FROM tracks' }
 * const views: ViewChanges = { before: [{ kind: 'drop_view', name: 'va', existing: view }], after: [{ kind: 'create_view', view }] }
 * withTriggersReadingRecreatedViews({ ...noStoredCodeChanges, keptTriggers: [trigger] }, views).dropTriggers // [drop_trigger trg_log]
 */
export function withTriggersReadingRecreatedViews(code: StoredCodeChanges, views: ViewChanges): StoredCodeChanges {
  const created = new Set(views.after.flatMap((op) => (op.kind === 'create_view' ? [keyOf(op.view.name, op.view.schema)] : [])))
  const names = views.before.flatMap((op) => (op.kind === 'drop_view' && created.has(keyOf(op.name, op.schema)) ? [op.name] : []))
  if (names.length === 0) return code
  const riding = code.keptTriggers.filter((t) => namesMentioned(t.definition, names).length > 0)
  return riding.length === 0 ? code : madeAgain(code, riding)
}

/**
 * `code` with the triggers kept on a table that name a column whose type
 * `tableOps` change dropped before the change and created after it, where
 * a trigger holds its columns' types (DiffHooks.readersHoldColumnTypes:
 * PostgreSQL refuses the change under `UPDATE OF qty` or `WHEN (NEW.qty > 0)`).
 *
 * @example
 * import { noStoredCodeChanges } from './stored-code.js'
 * const trigger = { name: 'tq', table: 't', definition: 'CREATE TRIGGER tq BEFORE UPDATE OF qty ON t …' }
 * const retype: Operation = { kind: 'alter_column', table: 't', column: 'qty', changes: { type: { kind: 'bigint' } } }
 * withTriggersOnRetypedColumns({ ...noStoredCodeChanges, keptTriggers: [trigger] }, [retype]).dropTriggers // [drop_trigger tq]
 */
export function withTriggersOnRetypedColumns(code: StoredCodeChanges, tableOps: readonly Operation[]): StoredCodeChanges {
  const retyped = new Map<string, string[]>()
  for (const op of tableOps) {
    if (op.kind !== 'alter_column' || op.changes.type === undefined) continue
    const table = keyOf(op.table, op.schema)
    retyped.set(table, [...(retyped.get(table) ?? []), op.column])
  }
  if (retyped.size === 0) return code
  const riding = code.keptTriggers.filter((t) => namesMentioned(t.definition, retyped.get(keyOf(t.table, t.schema)) ?? []).length > 0)
  if (riding.length === 0) return code
  return madeAgain(code, riding)
}

/** `code` with the kept triggers `riding` dropped first and created last instead. */
function madeAgain(code: StoredCodeChanges, riding: readonly StoredCodeChanges['keptTriggers'][number][]): StoredCodeChanges {
  return {
    ...code,
    dropTriggers: [...code.dropTriggers, ...riding.map((trigger) => dropTriggerOf(trigger))],
    createTriggers: [...code.createTriggers, ...riding.map((trigger): Operation => ({ kind: 'create_trigger', trigger }))],
    keptTriggers: code.keptTriggers.filter((t) => !riding.includes(t)),
  }
}
