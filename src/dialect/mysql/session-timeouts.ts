import type { DatabaseConnection } from '../driver.js'
import { driverErrorCode, type SessionTimeouts } from '../session-timeouts.js'

/** ER_STATEMENT_TIMEOUT (MariaDB) and ER_QUERY_TIMEOUT (MySQL). */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024])
/** ER_LOCK_WAIT_TIMEOUT: a metadata lock (lock_wait_timeout) or a row lock (innodb_lock_wait_timeout). */
const LOCK_WAIT_TIMEOUT_ERRNO = 1205

/**
 * MariaDB's `max_statement_time` (seconds, fractions allowed) bounds every
 * statement, DDL included; MySQL has no such setting, and its
 * `max_execution_time` (milliseconds) bounds read-only SELECTs only
 * (https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_max_execution_time),
 * which is all athanor can set there. A lock wait is bounded by
 * `lock_wait_timeout` (metadata locks: what an ALTER TABLE waits for) and
 * `innodb_lock_wait_timeout` (row locks), both in whole seconds, so a
 * limit is rounded up to the next second.
 *
 * @example
 * mysqlSessionTimeouts.exceeded({ errno: 1969, message: 'Query execution was interrupted (max_statement_time exceeded)' }) // 'statement'
 */
export const mysqlSessionTimeouts: SessionTimeouts = {
  async apply(connection, limits) {
    const settings: string[] = []
    if (limits.statementTimeoutMs !== undefined) {
      settings.push(
        (await isMariaDb(connection))
          ? `max_statement_time = ${limits.statementTimeoutMs / 1000}`
          : `max_execution_time = ${limits.statementTimeoutMs}`,
      )
    }
    if (limits.lockTimeoutMs !== undefined) settings.push(...lockWaitSettings(limits.lockTimeoutMs))
    if (settings.length > 0) await connection.execute({ sql: `SET SESSION ${settings.join(', ')}` })
  },
  // No default: the script sets only the user's ddlLockTimeout.
  scriptLockTimeout: { set: (ms) => [`SET SESSION ${lockWaitSettings(ms).join(', ')}`] },
  exceeded(error) {
    const { errno } = driverErrorCode(error)
    if (typeof errno !== 'number') return undefined
    if (STATEMENT_TIMEOUT_ERRNOS.has(errno)) return 'statement'
    return errno === LOCK_WAIT_TIMEOUT_ERRNO ? 'lock' : undefined
  },
}

/** Both lock waits bounded to `ms`, in the whole seconds they take. */
function lockWaitSettings(ms: number): string[] {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  return [`lock_wait_timeout = ${seconds}`, `innodb_lock_wait_timeout = ${seconds}`]
}

async function isMariaDb(connection: DatabaseConnection): Promise<boolean> {
  const [row] = await connection.query('SELECT VERSION() AS version')
  return String(row?.['version'] ?? '').includes('MariaDB')
}
