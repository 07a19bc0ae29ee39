import type { DialectLint } from '../lint/types.js'
import { parseServerVersion, versionQuery } from '../lint/version.js'
import { postgresqlLintRules } from './lint-rules.js'
import { guardedStatement } from './guard.js'
import { postgresqlBodies, postgresqlLexicon } from './transaction-control.js'

/**
 * PostgreSQL's part of `athanor lint`: its rules, the version from
 * `server_version`, and row estimates from `pg_class.reltuples` (what
 * ANALYZE and autovacuum last counted). A table never analysed has a count
 * only when its file is empty (0); otherwise none, and lint says none.
 *
 * @example
 * postgresqlLint.parseVersion('16.4')?.major // 16
 */
export const postgresqlLint: DialectLint = {
  rules: postgresqlLintRules,
  lexicon: postgresqlLexicon,
  bodies: postgresqlBodies,
  guardedStatement,
  assumedVersion: { major: 16, minor: 0, flavor: '', text: '16 (assumed)' },
  parseVersion: parseServerVersion,
  readVersion: versionQuery("SELECT current_setting('server_version') AS version"),
  async readTableRows(connection) {
    const rows = await connection.query(
      "SELECT c.relname AS name, c.reltuples AS estimate, pg_relation_size(c.oid) AS bytes FROM pg_class c WHERE c.relkind IN ('r', 'p') " +
        'AND c.relnamespace = current_schema()::regnamespace',
    )
    const counted = rows.flatMap((row): [string, number][] => {
      const estimate = Number(row['estimate'])
      // Never analysed (-1): an empty file holds no rows; any other size is not known, so no count is claimed.
      if (estimate < 0) return Number(row['bytes']) === 0 ? [[String(row['name']).toLowerCase(), 0]] : []
      return [[String(row['name']).toLowerCase(), Math.round(estimate)]]
    })
    return new Map(counted)
  },
}
