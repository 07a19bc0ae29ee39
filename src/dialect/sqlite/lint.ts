import type { DialectLint } from '../lint/types.js'
import { parseServerVersion, versionQuery } from '../lint/version.js'
import { sqliteLintRules } from './lint-rules.js'
import { sqliteBodies, sqliteLexicon } from './transaction-control.js'

// Tables before what is made on them; a virtual table's shadow tables are made by the virtual table itself.
const SCHEMA_SQL = `SELECT m.sql FROM sqlite_master m LEFT JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name
  WHERE m.sql IS NOT NULL AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND COALESCE(l.type, '') <> 'shadow'
  ORDER BY CASE m.type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, m.rowid`

/**
 * SQLite's part of `athanor lint`: the library's version, and exact row
 * counts (SQLite keeps no estimate; `count(*)` reads the smallest index).
 *
 * @example
 * sqliteLint.parseVersion('3.45.1')?.minor // 45
 */
export const sqliteLint: DialectLint = {
  rules: sqliteLintRules,
  lexicon: sqliteLexicon,
  bodies: sqliteBodies,
  assumedVersion: { major: 3, minor: 45, flavor: '', text: '3.45 (assumed)' },
  parseVersion: parseServerVersion,
  readVersion: versionQuery('SELECT sqlite_version() AS version'),
  async readTableRows(connection) {
    const tables = await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    const counts = new Map<string, number>()
    for (const { name } of tables) {
      const quoted = `"${String(name).replaceAll('"', '""')}"`
      const [row] = await connection.query(`SELECT count(*) AS n FROM ${quoted}`)
      counts.set(String(name).toLowerCase(), Number(row?.['n'] ?? 0))
    }
    return counts
  },
  async readSchemaStatements(connection) {
    const rows = await connection.query(SCHEMA_SQL)
    return rows.map((row) => String(row['sql']))
  },
}
