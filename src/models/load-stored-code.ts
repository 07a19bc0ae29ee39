import { noStoredCode, type Routine, type StoredCode, type Trigger } from '../schema/stored-code.js'
import { importModule } from '../script/import-module.js'
import { isStoredCodeModel } from './stored-code.js'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const list = <T>(value: unknown): readonly T[] => (Array.isArray(value) ? (value as T[]) : [])

/**
 * The triggers and routines of a models module: those of its
 * `defineModels(...)` (default or `models` export), else every one it
 * exports. The module is the one `loadModels` imported, so this reads it
 * from the module cache.
 *
 * @example
 * const { triggers, routines } = await loadModelStoredCode('/app/src/models.ts')
 */
export async function loadModelStoredCode(file: string): Promise<StoredCode> {
  const module = await importModule(file)
  for (const candidate of [module['default'], module['models']]) {
    if (isObject(candidate) && Array.isArray(candidate['tables'])) {
      return { triggers: list<Trigger>(candidate['triggers']), routines: list<Routine>(candidate['routines']) }
    }
  }
  const exported = Object.values(module).filter(isStoredCodeModel)
  if (exported.length === 0) return noStoredCode
  const plain = <T>(kind: string) => exported.filter((o) => o.objectKind === kind).map(({ objectKind: _, ...o }) => o as T)
  return { triggers: plain<Trigger>('trigger'), routines: plain<Routine>('routine') }
}
