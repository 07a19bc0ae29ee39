import { AthanorError } from '../core/errors.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
import { isStoredCodeModel, type ModelRoutine, type ModelTrigger } from './stored-code.js'

export type { ModelRoutine, ModelTrigger }

/**
 * `defineModels`' items split into its triggers and routines, as plain data
 * and each declared once, and the rest.
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
    const key = `${objectKind}.${data.schema ?? ''}.${where}.${data.name}`.toLowerCase()
    if (seen.has(key)) throw new AthanorError('INVALID_MODEL', `${objectKind} "${data.name}"${where} is declared twice`)
    seen.add(key)
    if (objectKind === 'trigger') triggers.push(data as Trigger)
    else routines.push(data as Routine)
  }
  return { code: { ...(triggers.length === 0 ? {} : { triggers }), ...(routines.length === 0 ? {} : { routines }) }, items }
}
