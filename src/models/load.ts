import { statSync } from 'node:fs'
import { AthanorError } from '../core/errors.js'
import { showValue } from '../core/show-value.js'
import { toColumnType } from '../schema/column-types.js'
import type { Table } from '../schema/types.js'
import { importModule } from '../script/import-module.js'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** Looks like a table: what decides which exports are tables at all. */
function isTableLike(value: unknown): value is Table {
  return isObject(value) && 'name' in value && Array.isArray(value['columns'])
}

function isModels(value: unknown): value is { tables: readonly unknown[] } {
  return isObject(value) && Array.isArray(value['tables'])
}

/**
 * Reads the target schema from a models module: its default export
 * (`defineModels(...)` or an array of tables), else a `models` export, else
 * every exported table. `origin` says where the path came from (`--models`,
 * or the config's `models`), for the message when there is no such file.
 *
 * @example
 * const tables = await loadModels('/app/src/models.ts', "'models' in /app/migrations/athanor.config.ts")
 */
export async function loadModels(file: string, origin = 'the models path'): Promise<readonly Table[]> {
  const found = statSync(file, { throwIfNoEntry: false })
  if (found === undefined) throw new AthanorError('MODELS_NOT_FOUND', `models module ${file} (${origin}) does not exist`)
  if (found.isDirectory()) {
    throw new AthanorError('MODELS_NOT_FOUND', `models module ${file} (${origin}) is a folder; name the module file, e.g. ${file}/index.ts`)
  }
  const module = await importModule(file)
  return checkTables(file, exportedTables(file, module))
}

function exportedTables(file: string, module: Record<string, unknown>): readonly unknown[] {
  for (const candidate of [module['default'], module['models']]) {
    if (isModels(candidate)) return candidate.tables
    if (Array.isArray(candidate) && candidate.every(isTableLike)) return candidate
  }
  const tables = Object.values(module).filter(isTableLike)
  if (tables.length === 0) {
    throw new AthanorError('INVALID_MODELS', `${file}: exports no tables; export default defineModels(...tables)`)
  }
  return tables
}

/**
 * The tables, each checked as far as autogenerate relies on it: a name and
 * columns with names and known types. Tables are plain data, so a module
 * may build them by hand; a malformed one would otherwise be written into
 * a script as `{}` or fail as a TypeError far from the module.
 */
function checkTables(file: string, tables: readonly unknown[]): Table[] {
  const fail = (problem: string): never => {
    throw new AthanorError('INVALID_MODEL', `${file}: ${problem}`)
  }
  return tables.map((table, index) => {
    if (!isObject(table)) return fail(`table ${index + 1} is not a table: ${showValue(table)}`)
    const name = table['name']
    if (typeof name !== 'string' || name === '') fail(`table ${index + 1} has the name ${showValue(name)}; a table's name is a string`)
    const columns = table['columns']
    if (!Array.isArray(columns)) return fail(`table "${name}" has no list of columns: ${showValue(columns)}`)
    columns.forEach((column: unknown, position) => {
      if (!isObject(column) || typeof column['name'] !== 'string' || column['name'] === '') {
        fail(`table "${name}" column ${position + 1} is not a column with a name: ${showValue(column)}`)
      }
      try {
        toColumnType((column as { type: never }).type)
      } catch (error) {
        fail(`table "${name}" column "${(column as { name: string }).name}": ${(error as Error).message}`)
      }
    })
    return table as unknown as Table
  })
}
