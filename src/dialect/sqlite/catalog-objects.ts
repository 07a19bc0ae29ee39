import { oneLine, type CatalogObjectReader } from '../catalog-objects.js'

/** Views and triggers, by the SQL SQLite keeps for them; tables and indexes are the introspector's. */
export const readSqliteCatalogObjects: CatalogObjectReader = async (db) => {
  const rows = await db.query("SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type, name")
  return rows.map((row) => ({ kind: String(row['type']), name: String(row['name']), definition: oneLine(row['sql']) }))
}
