import { driverErrorCode, type ScriptLockTimeout, type SessionTimeouts } from '../session-timeouts.js'

/**
 * A session setting of athanor's own (a custom placeholder, which any role
 * may set: https://www.postgresql.org/docs/current/runtime-config-custom.html)
 * saying the script set the default lock timeout, so that only that one is
 * lifted around a migration outside a transaction and a role's stays.
 */
const DEFAULT_MARK = 'athanor.lock_timeout'

/** One DO block: `IF condition THEN body END IF`, which psql prints as `DO` and sends as one statement. */
function doIf(condition: string, body: readonly string[]): string {
  return ['DO $$', 'BEGIN', `  IF ${condition} THEN`, ...body.map((line) => `    ${line}`), '  END IF;', 'END', '$$'].join('\n')
}

/**
 * The lock timeout in a script: SET as a live run's session gets it, and
 * the default through set_config in a DO block, as psql has no conditional
 * SET; `current_setting('lock_timeout')` is `'0'` where none is set.
 *
 * @example
 * postgresqlScriptLockTimeout.set(5_000) // ['SET lock_timeout = 5000']
 */
export const postgresqlScriptLockTimeout: ScriptLockTimeout = {
  set: (ms) => [`SET lock_timeout = ${ms}`],
  setDefault: (ms) => [
    doIf("current_setting('lock_timeout') = '0'", [
      `PERFORM set_config('lock_timeout', '${ms}', false);`,
      `PERFORM set_config('${DEFAULT_MARK}', 'default', false);`,
    ]),
  ],
  resetDefault: (ms) => [
    doIf(`current_setting('${DEFAULT_MARK}', true) = 'default'`, [`PERFORM set_config('lock_timeout', '${ms}', false);`]),
  ],
}

/**
 * PostgreSQL's `statement_timeout` and `lock_timeout`, in milliseconds, for
 * the session (https://www.postgresql.org/docs/current/runtime-config-client.html).
 * Both end the statement with SQLSTATE 57014 or 55P03 and leave the
 * transaction to roll back.
 *
 * @example
 * postgresqlSessionTimeouts.exceeded({ code: '55P03', message: 'canceling statement due to lock timeout' }) // 'lock'
 */
export const postgresqlSessionTimeouts: SessionTimeouts = {
  // An ALTER TABLE queued for its ACCESS EXCLUSIVE lock behind one long
  // query makes every later query on the table queue behind it, readers
  // too, and a standby replaying it stalls its own readers the same way
  // (https://www.postgresql.org/docs/current/explicit-locking.html). Two
  // seconds lets a migration outwait the short transactions of an
  // application, and bounds what its queries wait to that per attempt.
  defaultDdlLockTimeoutMs: 2_000,
  async sessionLockTimeoutMs(connection) {
    // pg_settings gives the value in its base unit, milliseconds for lock_timeout.
    const [row] = await connection.query("SELECT setting FROM pg_settings WHERE name = 'lock_timeout'")
    const ms = Number(row?.['setting'] ?? 0)
    return Number.isFinite(ms) ? ms : 0
  },
  scriptLockTimeout: postgresqlScriptLockTimeout,
  async apply(connection, limits) {
    if (limits.statementTimeoutMs !== undefined) await connection.execute({ sql: `SET statement_timeout = ${limits.statementTimeoutMs}` })
    if (limits.lockTimeoutMs !== undefined) await connection.execute({ sql: `SET lock_timeout = ${limits.lockTimeoutMs}` })
  },
  exceeded(error) {
    const { code, message } = driverErrorCode(error)
    // 57014 is also a cancel by request (pg_cancel_backend): only the message tells them apart.
    if (code === '57014' && message.includes('statement timeout')) return 'statement'
    if (code === '55P03' && message.includes('lock timeout')) return 'lock'
    return undefined
  },
}
