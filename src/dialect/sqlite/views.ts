import type { View } from '../../schema/view.js'
import type { Queryable } from '../introspector.js'
import { namesMentioned, type ViewSupport } from '../view-support.js'

// SQLite keeps the CREATE VIEW statement as written; the query is what follows its AS.
const NAME = '(?:"(?:[^"]|"")*"|`[^`]*`|\\[[^\\]]*\\]|[^\\s(]+)'
const HEAD = new RegExp(
  `^\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}\\s*(?:\\([^)]*\\)\\s*)?AS\\s+`,
  'i',
)

/**
 * SQLite's views from `sqlite_master`, with their text as written; what
 * they read is found by the table and view names their text mentions.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await sqliteViews.read(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ name: 'recent', definition: 'SELECT …' }]
 */
export const sqliteViews: ViewSupport = {
  async read(db: Queryable): Promise<View[]> {
    const rows = await db.query(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    const names = rows.map((row) => String(row['name']))
    return rows
      .filter((row) => row['type'] === 'view')
      .map((row) => {
        const name = String(row['name'])
        const definition = String(row['sql']).replace(HEAD, '').trim()
        return {
          name,
          definition,
          dependsOn: namesMentioned(
            definition,
            names.filter((n) => n !== name),
          ),
        }
      })
  },
  // Stored verbatim: the model's text is already the database's.
  normalize: async (_db, views) => views.map((view) => view.definition),
}
