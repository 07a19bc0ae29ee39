import { quote } from '../ops/render-value.js'
import type { Routine, StoredCode, Trigger } from '../schema/stored-code.js'
import { templateOf } from './render-views.js'

const schemaOption = (schema: string | undefined) => (schema === undefined ? '' : `, { schema: ${quote(schema)} }`)

/**
 * The `export const … = routine(...)` and `trigger(...)` declarations of
 * pulled routines and triggers, each named by `variable` (which keeps
 * names unique across the module); the routines first, as a trigger calls them.
 *
 * @example
 * const addOne: Routine = { name: 'add_one', routineKind: 'function', definition: 'CREATE FUNCTION …' }
 * renderStoredCodeBlocks({ triggers: [], routines: [addOne] }, () => 'addOne')
 * // ["export const addOne = routine('add_one', sql`CREATE FUNCTION …`)"]
 */
export function renderStoredCodeBlocks(code: StoredCode, variable: (object: Routine | Trigger) => string): string[] {
  return [
    ...code.routines.map(
      (r) => `export const ${variable(r)} = routine(${quote(r.name)}, ${templateOf(r.definition)}${schemaOption(r.schema)})`,
    ),
    ...code.triggers.map(
      (t) => `export const ${variable(t)} = trigger(${quote(t.name)}, ${templateOf(t.definition)}${schemaOption(t.schema)})`,
    ),
  ]
}
