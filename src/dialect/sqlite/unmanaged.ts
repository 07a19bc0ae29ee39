import type { Queryable, UnmanagedObject } from '../introspector.js'
import { sqliteIndexTraits, sqliteTableTraits } from './unmanaged-traits.js'

/**
 * What a SQLite database holds that the schema model leaves out (views and
 * triggers are modelled): virtual tables, and what tables, indexes and
 * views carry beyond the model (see unmanaged-traits.ts).
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await sqliteUnmanaged(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ kind: 'virtual table', name: 'search' }]
 */
export async function sqliteUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const rows =
    await db.query(`SELECT 'virtual table' AS kind, name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'
ORDER BY 1, 2`)
  const found: UnmanagedObject[] = rows.map((row) => ({ kind: String(row['kind']), name: String(row['name']) }))
  const definitions = await db.query(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL " +
      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' " +
      "AND name NOT IN (SELECT l.name FROM pragma_table_list l WHERE l.schema = 'main' AND l.type = 'shadow') ORDER BY name",
  )
  for (const row of definitions) {
    const name = String(row['name'])
    const sql = String(row['sql'])
    if (row['type'] === 'table') found.push(...sqliteTableTraits(name, sql))
    else if (row['type'] === 'index') found.push(...sqliteIndexTraits(name, String(row['tbl_name']), sql))
  }
  return found.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
}
