import { AthanorError } from '../core/errors.js'
import { quotedRoutineName, routineArgumentList } from '../ops/stored-code-text.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
import { isStoredCodeModel, type ModelRoutine, type ModelTrigger } from './stored-code.js'

export type { ModelRoutine, ModelTrigger }

/**
 * `defineModels`' items split into its triggers and routines, as plain data
 * and each declared once (a routine's name with its argument list: PostgreSQL
 * overloads are several routines), and the rest.
 *
 * @example
 * const t = table('t', { id: col.integer().primaryKey() })
 * const { code, items } = storedCodeOf([t, trigger('x', 'CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END')])
 * code // { triggers: [{ name: 'x', table: 't', definition: '…' }] }
 */
export function storedCodeOf<T>(all: readonly (T | ModelTrigger | ModelRoutine)[]): {
  code: { triggers?: Trigger[]; routines?: Routine[] }
  items: T[]
} {
  const triggers: Trigger[] = []
  const routines: Routine[] = []
  const items: T[] = []
  const seen = new Set<string>()
  for (const item of all) {
    if (!isStoredCodeModel(item)) {
      items.push(item as T)
      continue
    }
    const { objectKind, ...data } = item
    const where = objectKind === 'trigger' ? ` on "${(data as Trigger).table}"` : ''
    // Routines of one name with other argument lists are PostgreSQL's overloads, each its own routine.
    const args = objectKind === 'routine' ? `(${(routineArgumentList(data.definition) ?? '').replace(/\s+/g, ' ')})` : ''
    // PostgreSQL keeps a double-quoted routine name as written: "Add" is not add.
    const name = (objectKind === 'routine' ? quotedRoutineName(data.definition) : undefined) ?? data.name.toLowerCase()
    const key = `${`${objectKind}.${data.schema ?? ''}.${where}.`.toLowerCase()}${name}${args.toLowerCase()}`
    if (seen.has(key)) throw new AthanorError('INVALID_MODEL', `${objectKind} "${data.name}${args}"${where} is declared twice`)
    seen.add(key)
    if (objectKind === 'trigger') triggers.push(data as Trigger)
    else routines.push(data as Routine)
  }
  return { code: { ...(triggers.length === 0 ? {} : { triggers }), ...(routines.length === 0 ? {} : { routines }) }, items }
}
