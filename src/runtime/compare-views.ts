import type { TableName } from '../diff/index.js'
import type { CatalogPrefetch } from './catalog-prefetch.js'
import { indexKey } from '../diff/index-key.js'
import { diffViews, type ViewChanges } from '../diff/views.js'
import type { DatabaseConnection } from '../dialect/driver.js'
import { dialectNamed } from '../dialect/registry.js'
import type { Operation } from '../ops/operation.js'
import type { View } from '../schema/view.js'

/**
 * The view changes of a comparison: the database's views (those `include`
 * lets through) against the models', around the table changes `tableOps`.
 * `target` undefined means the models say nothing about this database's
 * views (a database of a multi-database project other than the default):
 * its views are left as they are.
 *
 * @example
 * import { openConnection } from '../dialect/registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const { before, after } = await compareViews(connection, [], [], () => true, [])
 */
export async function compareViews(
  connection: DatabaseConnection,
  target: readonly View[] | undefined,
  tableOps: readonly Operation[],
  include: (name: TableName) => boolean,
  schemas: readonly string[],
  prefetched?: CatalogPrefetch,
): Promise<ViewChanges> {
  if (target === undefined) return { before: [], after: [] }
  const views = dialectNamed(connection.dialect).views
  const wanted = target.filter((v) => include(nameOf(v)))
  const allSchemas = [...new Set([...schemas, ...wanted.flatMap((v) => (v.schema === undefined ? [] : [v.schema]))])]
  const read = prefetched?.views(allSchemas) ?? views.read(connection, { schemas: allSchemas })
  const current = (await read).filter((v) => include(nameOf(v)))
  const hooks = dialectNamed(connection.dialect).diffHooks
  const bare = { name: '', columns: [] }
  return diffViews(
    current,
    wanted,
    tableOps,
    (models) => views.normalize(connection, models),
    (index) => indexKey(index, bare, hooks),
  )
}

function nameOf(view: View): TableName {
  return view.schema === undefined ? { name: view.name } : { name: view.name, schema: view.schema }
}
