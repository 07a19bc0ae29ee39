import { resolve } from 'node:path'
import { renderModels } from '../models/render.js'
import { replaceFile } from '../script/write-script.js'
import { withConnection } from '../runtime/connect.js'
import type { Table } from '../schema/types.js'
import { noSchemaObjects, type SchemaObjects } from '../schema/pg-objects.js'
import { dialectNamed } from '../dialect/registry.js'
import type { UnmanagedObject } from '../dialect/introspector.js'
import type { View } from '../schema/view.js'
import type { Routine, Trigger } from '../schema/stored-code.js'
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
export async function pull(options: PullOptions): Promise<PullResult> {
  const project = oneDatabase(await openProject(options), options)
  const include = tableFilter(project)
  const schemas = options.schemas ?? []
  const { tables, views, objects, code, unmanaged } = await withConnection(project.databaseUrl(), async (connection) => {
    const dialect = dialectNamed(connection.dialect)
    return {
      tables: await readSchema(connection, include, schemas),
      views: (await dialect.views.read(connection, { schemas }))
        .filter((v) => include(v.schema === undefined ? { name: v.name } : { name: v.name, schema: v.schema }))
        .map(({ dependsOn: _dependsOn, ...view }) => view),
      objects: dialect.introspectObjects === undefined ? noSchemaObjects : await dialect.introspectObjects(connection, { schemas }),
      code: await dialect.storedCode.read(connection, { schemas }),
      unmanaged: (await dialect.unmanaged(connection, { schemas })).filter((o) => include({ name: o.name })),
    }
  })
  const triggers = code.triggers.filter((t) => include({ name: t.table }))
  const { routines } = code
  const text = renderModels(tables, views, objects, { triggers, routines })
  if (options.output === undefined) return { text, tables, views, objects, triggers, routines, unmanaged }
  const path = resolve(options.output)
  replaceFile(path, text)
  return { text, tables, views, objects, triggers, routines, unmanaged, path }
}

/**
 * What `pull` wrote, and what the database holds that it could not write:
 * events, domains, policies, partitioning, … (`unmanaged`).
 *
 * @example
 * const { tables, unmanaged } = await pull({ url: 'sqlite:///app.db', output: 'src/models.ts' })
 * for (const object of unmanaged) console.warn(`not represented: ${object.kind} ${object.name}`)
 */
export interface PullResult {
  readonly text: string
  readonly tables: readonly Table[]
  readonly views: readonly View[]
  /** Enum types, extensions, free sequences, domains and partitions (PostgreSQL); absent, none. */
  readonly objects?: SchemaObjects
  readonly triggers?: readonly Trigger[]
  readonly routines?: readonly Routine[]
  readonly unmanaged: readonly UnmanagedObject[]
  readonly path?: string
}
