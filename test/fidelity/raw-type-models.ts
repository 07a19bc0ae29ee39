import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * A models module of one table `d`: its key `id` (as `id` spells it), then
 * one column per entry of `types`, each `col.raw(…)` of that text.
 *
 * @example
 * rawTypeModels({ i: 'int4' }) // "… export const d = table('d', { id: col.integer().primaryKey(), i: col.raw(\"int4\") …"
 */
export function rawTypeModels(types: Readonly<Record<string, string>>, id = 'col.integer().primaryKey()'): string {
  return (
    "import { col, defineModels, table } from 'athanor'\n" +
    `export const d = table('d', {\n  id: ${id},\n` +
    Object.entries(types)
      .map(([name, sql]) => `  ${name}: col.raw(${JSON.stringify(sql)}),\n`)
      .join('') +
    '})\nexport default defineModels(d)\n'
  )
}

/** The migration scripts in a migrations folder's `versions`. */
export const versionScripts = (directory: string): string[] =>
  readdirSync(join(directory, 'versions')).filter((name) => /\.(ts|js)$/.test(name))
