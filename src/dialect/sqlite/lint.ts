import type { DialectLint } from '../lint/types.js'
import { parseServerVersion, versionQuery } from '../lint/version.js'
import { sqliteLintRules } from './lint-rules.js'
import { sqliteBodies, sqliteLexicon } from './transaction-control.js'

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
}
