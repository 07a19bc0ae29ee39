import { resolve } from 'node:path'
import { renderModels } from '../models/render.js'
import { replaceFile } from '../script/write-script.js'
import { withConnection } from '../runtime/connect.js'
import type { Table } from '../schema/types.js'
import { readSchema, tableFilter } from '../runtime/compare-models.js'
import { oneDatabase } from '../config/database-selection.js'
import { openProject, type CommandOptions } from '../config/project.js'

/**
 * Options of `pull`: where to write the models module, and which
 * PostgreSQL schemas to read besides `public`.
 *
 * @example
 * await pull({ url: 'postgresql://postgres@127.0.0.1/app', schemas: ['audit'], output: 'src/models.ts' })
 */
export interface PullOptions extends CommandOptions {
  /** Where to write the models module; without it the text is only returned. */
  readonly output?: string
  /** PostgreSQL schemas to read besides `public`. */
  readonly schemas?: readonly string[]
}

/**
 * Writes a models module from a live database (as drizzle-kit pull and
 * sqlacodegen do), so a project with an existing database starts from it.
 *
 * @example
 * await pull({ url: 'postgresql://postgres@127.0.0.1/app', output: 'src/models.ts' })
 */
export async function pull(options: PullOptions): Promise<{ text: string; tables: readonly Table[]; path?: string }> {
  const project = oneDatabase(await openProject(options), options)
  const tables = await withConnection(project.databaseUrl(), (connection) =>
    readSchema(connection, tableFilter(project), options.schemas ?? []),
  )
  const text = renderModels(tables)
  if (options.output === undefined) return { text, tables }
  const path = resolve(options.output)
  replaceFile(path, text)
  return { text, tables, path }
}
