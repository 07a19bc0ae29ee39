import type { DialectLint } from '../lint/types.js'
import { parseServerVersion, versionQuery } from '../lint/version.js'
import { postgresqlLintRules } from './lint-rules.js'
import { postgresqlBodies, postgresqlLexicon } from './transaction-control.js'

/**
 * PostgreSQL's part of `athanor lint`: its rules, the version from
 * `server_version`, and row estimates from `pg_class.reltuples` (what
 * ANALYZE and autovacuum last counted; -1, never analysed, reads as 0).
 *
 * @example
 * postgresqlLint.parseVersion('16.4')?.major // 16
 */
export const postgresqlLint: DialectLint = {
  rules: postgresqlLintRules,
  lexicon: postgresqlLexicon,
  bodies: postgresqlBodies,
  assumedVersion: { major: 16, minor: 0, flavor: '', text: '16 (assumed)' },
  parseVersion: parseServerVersion,
  readVersion: versionQuery("SELECT current_setting('server_version') AS version"),
  async readTableRows(connection) {
    const rows = await connection.query(
      "SELECT c.relname AS name, c.reltuples AS estimate FROM pg_class c WHERE c.relkind IN ('r', 'p') " +
        'AND c.relnamespace = current_schema()::regnamespace',
    )
    return new Map(rows.map((row) => [String(row['name']).toLowerCase(), Math.max(0, Math.round(Number(row['estimate'])))]))
  },
}
