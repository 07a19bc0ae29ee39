import { createHash } from 'node:crypto'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { DatabaseConnection } from '../driver.js'
import { lockGranted, type LockOptions, type MigrationLock } from '../lock.js'
import { pollServerLock } from '../lock-polling.js'
import { acquireGaleraLock } from './galera-lock.js'
import { selectWithWsrep } from './wsrep.js'

/**
 * MySQL/MariaDB: a named user lock (`GET_LOCK`), polled with a zero timeout
 * so the wait is athanor's to report and bound. User locks are global to the
 * server, so the name carries the database and version table; it is hashed
 * because MySQL refuses names over 64 characters. The server frees the lock
 * when the session ends, so a killed runner leaves nothing behind.
 * https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const url = parseDatabaseUrl('mysql://root@127.0.0.1/app')
 * const lock = await acquireMysqlLock(await openConnection(url), url, { versionTable: 'athanor_version', timeoutMs: 60_000 })
 * lock.scope // 'mysql://root@127.0.0.1/app'
 */
export async function acquireMysqlLock(connection: DatabaseConnection, url: DatabaseUrl, options: LockOptions): Promise<MigrationLock> {
  const { row, wsrep } = await selectWithWsrep(connection, 'DATABASE() AS database_name')
  const database = String(row?.['database_name'] ?? url.database ?? '')
  const name = mysqlLockName(database, options.versionTable)
  if (wsrep.on) return acquireGaleraLock(connection, url, options, name)
  const scope = url.redacted
  return pollServerLock(
    scope,
    options,
    async () => lockGranted((await connection.query(`SELECT GET_LOCK('${name}', 0) AS locked`))[0]?.['locked']),
    async () => {
      await connection.query(`SELECT RELEASE_LOCK('${name}') AS released`)
    },
  )
}

/**
 * The lock's name: `athanor_` and 40 hex digits, safe to inline and under 64 characters.
 *
 * @example
 * mysqlLockName('app', 'athanor_version') // 'athanor_4fbc5f5cdc68a3e8cc465617936b98222376abbe'
 */
export function mysqlLockName(database: string, versionTable: string): string {
  return `athanor_${createHash('sha256').update(`${database}\0${versionTable}`).digest('hex').slice(0, 40)}`
}
