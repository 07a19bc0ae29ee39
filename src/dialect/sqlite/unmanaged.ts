import type { Queryable, UnmanagedObject } from '../introspector.js'

/**
 * What a SQLite database holds that the schema model leaves out (views are
 * modelled): triggers and virtual tables.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await sqliteUnmanaged(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ kind: 'view', name: 'recent' }]
 */
export async function sqliteUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const rows = await db.query(`SELECT type AS kind, CASE type WHEN 'trigger' THEN name || ' on ' || tbl_name ELSE name END AS name
FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
UNION ALL SELECT 'virtual table', name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY 1, 2`)
  return rows.map((row) => ({ kind: String(row['kind']), name: String(row['name']) }))
}
