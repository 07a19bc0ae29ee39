import type { Queryable, UnmanagedObject } from '../introspector.js'

/**
 * What a SQLite database holds that the schema model leaves out (views and
 * triggers are modelled): virtual tables.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await sqliteUnmanaged(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ kind: 'virtual table', name: 'search' }]
 */
export async function sqliteUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const rows =
    await db.query(`SELECT 'virtual table' AS kind, name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY 1, 2`)
  return rows.map((row) => ({ kind: String(row['kind']), name: String(row['name']) }))
}
