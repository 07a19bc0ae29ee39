import type { SchemaObjects } from '../schema/pg-objects.js'
import type { Domain } from '../schema/pg-domain.js'
import type { Partition } from '../schema/partitioning.js'
import type { CompositeType } from '../schema/pg-composite.js'
import type { RangeType } from '../schema/pg-range.js'
import { noSchemaObjects } from '../schema/pg-objects.js'
import { importModule } from '../script/import-module.js'
import { isModelObject } from './pg-objects.js'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const list = <T>(value: unknown): readonly T[] => (Array.isArray(value) ? (value as T[]) : [])

/**
 * The PostgreSQL enum types, extensions and sequences of a models module:
 * those `defineModels` collected (its default or `models` export), else
 * every one the module exports. The module is already loaded by
 * `loadModels`, so this reads Node's cached copy.
 *
 * @example
 * const { enums } = await loadModelObjects('/app/src/models.ts')
 */
export async function loadModelObjects(file: string): Promise<SchemaObjects> {
  const module = await importModule(file)
  for (const candidate of [module['default'], module['models']]) {
    if (isObject(candidate) && Array.isArray(candidate['tables'])) {
      const domains = list<Domain>(candidate['domains'])
      const partitions = list<Partition>(candidate['partitions'])
      const composites = list<CompositeType>(candidate['composites'])
      const ranges = list<RangeType>(candidate['ranges'])
      return {
        enums: list(candidate['enums']),
        extensions: list(candidate['extensions']),
        sequences: list(candidate['sequences']),
        ...(domains.length === 0 ? {} : { domains }),
        ...(partitions.length === 0 ? {} : { partitions }),
        ...(composites.length === 0 ? {} : { composites }),
        ...(ranges.length === 0 ? {} : { ranges }),
      }
    }
  }
  const exported = Object.values(module).filter(isModelObject)
  if (exported.length === 0) return noSchemaObjects
  const of = (kind: string) => exported.filter((o) => o.objectKind === kind).map(({ objectKind: _, ...o }) => o)
  const domains = exported.filter((o) => o.objectKind === 'domain').map(({ objectKind: _, column: _column, ...o }) => o)
  const partitions = of('partition') as Partition[]
  const composites = exported.filter((o) => o.objectKind === 'composite').map(({ objectKind: _, column: _column, ...o }) => o)
  const ranges = exported
    .filter((o) => o.objectKind === 'range')
    .map(({ objectKind: _, column: _column, multirangeColumn: _multirange, ...o }) => o)
  return {
    enums: of('enum') as never,
    extensions: of('extension') as never,
    sequences: of('sequence') as never,
    ...(domains.length === 0 ? {} : { domains }),
    ...(partitions.length === 0 ? {} : { partitions }),
    ...(composites.length === 0 ? {} : { composites }),
    ...(ranges.length === 0 ? {} : { ranges }),
  }
}
