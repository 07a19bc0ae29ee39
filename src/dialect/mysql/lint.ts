import type { DialectLint } from '../lint/types.js'
import { parseServerVersion, versionQuery } from '../lint/version.js'
import { mysqlLintRules } from './lint-rules.js'
import { mysqlBodies, mysqlLexicon } from './transaction-control.js'

/**
 * MySQL's and MariaDB's part of `athanor lint`: the version from
 * `VERSION()` (`10.11.6-MariaDB` says which server), row estimates from
 * `information_schema.TABLES.TABLE_ROWS` (InnoDB's sampled estimate).
 *
 * @example
 * mysqlLint.parseVersion('10.11.6-MariaDB')?.flavor // 'mariadb'
 */
export const mysqlLint: DialectLint = {
  rules: mysqlLintRules,
  lexicon: mysqlLexicon,
  bodies: mysqlBodies,
  assumedVersion: { major: 8, minor: 0, flavor: '', text: '8.0 (assumed)' },
  parseVersion: parseServerVersion,
  readVersion: versionQuery('SELECT VERSION() AS version'),
  async readTableRows(connection) {
    const rows = await connection.query(
      'SELECT TABLE_NAME AS name, TABLE_ROWS AS estimate FROM information_schema.TABLES ' +
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    )
    return new Map(rows.map((row) => [String(row['name']).toLowerCase(), Number(row['estimate'] ?? 0)]))
  },
}
