import type { Queryable, UnmanagedObject } from '../introspector.js'
import { sqliteIndexTraits, sqliteTableTraits } from './unmanaged-traits.js'

// The primary-key columns of a rowid table that take NULL, as SQLite's legacy rule lets one not declared NOT NULL
// (https://sqlite.org/lang_createtable.html#the_primary_key): made from the models the key is NOT NULL and refuses
// them. A key of one INTEGER column is the rowid, never NULL; a WITHOUT ROWID table's key is NOT NULL.
const NULLABLE_KEYS_SQL = `SELECT m.name AS tbl, p.name AS col FROM sqlite_master m
  JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name JOIN pragma_table_info(m.name) p
  WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND l.type = 'table' AND l.wr = 0 AND p.pk > 0
    AND p."notnull" = 0
    AND NOT (upper(p.type) = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1)
  ORDER BY 1, 2`

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
  for (const row of await db.query(NULLABLE_KEYS_SQL)) {
    found.push({ kind: 'primary key column accepting NULL', name: `${String(row['tbl'])}.${String(row['col'])}` })
  }
  return found.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
}
