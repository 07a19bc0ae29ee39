import { driverErrorCode, type SessionTimeouts } from '../session-timeouts.js'

/**
 * SQLite's lock wait is the busy timeout: how long a statement waits for
 * another connection's write lock before SQLITE_BUSY
 * (https://www.sqlite.org/pragma.html#pragma_busy_timeout). It has no
 * statement timeout athanor can set: better-sqlite3 runs a statement to its
 * end, synchronously, and does not expose sqlite3_interrupt; a statement
 * limit is not applied there.
 *
 * @example
 * sqliteSessionTimeouts.exceeded({ code: 'SQLITE_BUSY', message: 'database is locked' }) // 'lock'
 */
export const sqliteSessionTimeouts: SessionTimeouts = {
  async apply(connection, limits) {
    if (limits.lockTimeoutMs !== undefined) await connection.execute({ sql: busyTimeout(limits.lockTimeoutMs) })
  },
  // The PRAGMA the live run sends for ddlLockTimeout. Its 10 s default is
  // the driver's option, not a statement: the sqlite3 shell keeps its own
  // (0, SQLITE_BUSY at once), which fails rather than waits.
  scriptLockTimeout: { set: (ms) => [busyTimeout(ms)] },
  exceeded(error) {
    return driverErrorCode(error).code === 'SQLITE_BUSY' ? 'lock' : undefined
  },
}

function busyTimeout(ms: number): string {
  return `PRAGMA busy_timeout = ${ms}`
}
