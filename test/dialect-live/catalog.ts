import type { TestDatabase } from '../helpers/databases.js'

/** The user tables of a test database, on any dialect, sorted. */
export async function tableNames(db: TestDatabase, schema?: string): Promise<string[]> {
  const sql = {
    sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    postgresql:
      'SELECT tablename AS name FROM pg_tables ' +
      `WHERE schemaname = ${schema === undefined ? 'current_schema()' : '$1'} ORDER BY tablename`,
    mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
  }[db.dialect]
  const rows = await db.query(sql, schema === undefined ? [] : [schema])
  // Sorted here too: each server collates names its own way.
  return rows.map((row) => String(row['name'])).sort()
}

/** The version rows of a test database. */
export async function versionRows(db: TestDatabase, table = 'athanor_version'): Promise<string[]> {
  const quoted = db.dialect === 'mysql' ? `\`${table}\`` : `"${table}"`
  return (await db.query(`SELECT version_num FROM ${quoted}`)).map((row) => String(row['version_num'])).sort()
}
