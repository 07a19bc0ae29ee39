import { existsSync } from 'node:fs'
import { AthanorError } from '../core/errors.js'
import type { Table } from '../schema/types.js'
import { importModule } from '../script/import-module.js'

function isTable(value: unknown): value is Table {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { name?: unknown; columns?: unknown }
  return typeof v.name === 'string' && Array.isArray(v.columns)
}

function isModels(value: unknown): value is { tables: readonly Table[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { tables?: unknown }).tables)
}

/**
 * Reads the target schema from a models module: its default export
 * (`defineModels(...)` or an array of tables), else a `models` export, else
 * every exported table.
 *
 * @example
 * const tables = await loadModels('/app/src/models.ts')
 */
export async function loadModels(file: string): Promise<readonly Table[]> {
  if (!existsSync(file)) throw new AthanorError('MODELS_NOT_FOUND', `models module ${file} does not exist`)
  const module = await importModule(file)
  for (const candidate of [module['default'], module['models']]) {
    if (isModels(candidate)) return candidate.tables
    if (Array.isArray(candidate) && candidate.every(isTable)) return candidate
  }
  const tables = Object.values(module).filter(isTable)
  if (tables.length === 0) {
    throw new AthanorError('INVALID_MODELS', `${file}: exports no tables; export default defineModels(...tables)`)
  }
  return tables
}
