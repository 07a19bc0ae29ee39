import type { DatabaseConnection } from '../driver.js'
import type { ServerVersion } from './types.js'

/**
 * The first `major.minor` of a version string, with its flavour when the
 * text names one (`10.11.6-MariaDB-log` is MariaDB 10.11).
 *
 * @example
 * parseServerVersion('16.4 (Debian 16.4-1)') // { major: 16, minor: 4, flavor: '', text: '16.4 (Debian 16.4-1)' }
 * parseServerVersion('mariadb-10.11') // { major: 10, minor: 11, flavor: 'mariadb', text: 'mariadb-10.11' }
 */
export function parseServerVersion(text: string): ServerVersion | undefined {
  const match = /(\d+)(?:\.(\d+))?/.exec(text)
  if (match === null) return undefined
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), flavor: /mariadb/i.test(text) ? 'mariadb' : '', text }
}

/**
 * A `readVersion` for a query that returns the version in a column named `version`.
 *
 * @example
 * const readVersion = versionQuery('SELECT VERSION() AS version')
 */
export function versionQuery(sql: string): (connection: DatabaseConnection) => Promise<string> {
  return async (connection) => {
    const [row] = await connection.query(sql)
    return String(row?.['version'] ?? '')
  }
}
