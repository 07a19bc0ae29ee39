import { formatDuration } from '../config/duration.js'
import { AthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import type { SessionTimeouts } from '../dialect/session-timeouts.js'

/**
 * A run's BEGIN that gave up waiting for a lock, as the DDL_LOCK_TIMEOUT a
 * statement's lock wait is; `undefined` for any other failure. SQLite's
 * BEGIN IMMEDIATE takes the database's write lock at once
 * (https://www.sqlite.org/lang_transaction.html), so while another
 * connection holds it (an application's write transaction) the BEGIN
 * itself waits out the busy timeout and fails with SQLITE_BUSY: the same
 * wait, bounded by the same ddlLockTimeout, and retried the same way.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * const busy = { code: 'SQLITE_BUSY', message: 'database is locked' }
 * beginLockTimeout(busy, dialectNamed('sqlite').sessionTimeouts, 2_000)?.code // 'DDL_LOCK_TIMEOUT'
 * beginLockTimeout(new Error('disk I/O error'), dialectNamed('sqlite').sessionTimeouts, 2_000) // undefined
 */
export function beginLockTimeout(error: unknown, session: SessionTimeouts, limitMs: number | undefined): AthanorError | undefined {
  if (session.exceeded(error) !== 'lock') return undefined
  const what = limitMs === undefined ? "the database's lock timeout" : `ddlLockTimeout (${formatDuration(limitMs)})`
  return new AthanorError(
    'DDL_LOCK_TIMEOUT',
    `the migration's transaction waited longer than ${what} to begin, for a lock another session holds: ${describeThrown(error)}`,
    { cause: error },
  )
}
