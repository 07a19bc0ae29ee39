import { existsSync } from 'node:fs'
import type { DatabaseUrl } from '../core/database-url.js'

/**
 * True when the URL names a database file that does not exist yet: opening
 * it would create it, which a command that only reads must not do.
 *
 * @example
 * databaseFileMissing(parseDatabaseUrl('sqlite:////tmp/never-made.db')) // true
 * databaseFileMissing(parseDatabaseUrl('postgresql://app@db/app')) // false: a server database is never created by connecting
 */
export function databaseFileMissing(url: DatabaseUrl): boolean {
  return url.filename !== undefined && url.filename !== ':memory:' && url.filename !== '' && !existsSync(url.filename)
}
