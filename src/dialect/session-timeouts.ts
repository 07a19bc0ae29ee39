import type { DatabaseConnection } from './driver.js'

/**
 * Time limits on what one statement of a run may take, in milliseconds; a
 * limit left out is not set (the server's own setting stays).
 *
 * @example
 * const limits: SessionLimits = { statementTimeoutMs: 30_000, lockTimeoutMs: 2_000 }
 */
export interface SessionLimits {
  /** How long one statement may run before the database cancels it. */
  readonly statementTimeoutMs?: number
  /** How long one statement may wait for a lock another session holds (a table's, a row's). */
  readonly lockTimeoutMs?: number
}

/** Which limit a statement ran into. */
export type ExceededLimit = 'statement' | 'lock'

/**
 * How a database family bounds its statements in time: the session
 * settings, set on the migration connection once the run holds the lock,
 * and how its errors say that one was exceeded.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * import { openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * await dialectNamed('postgresql').sessionTimeouts.apply(connection, { lockTimeoutMs: 2_000 }) // SET lock_timeout = 2000
 */
export interface SessionTimeouts {
  apply(connection: DatabaseConnection, limits: SessionLimits): Promise<void>
  /**
   * The lock timeout a migration run in a transaction gets when the user set
   * none, where waiting without one harms the database's other users; a
   * migration that runs into it is rolled back and retried. Absent: the
   * server's own setting stays.
   */
  readonly defaultDdlLockTimeoutMs?: number
  /**
   * The lock timeout the session starts with, from the server's, the
   * database's or the role's settings (0: none); where it is set, it stays
   * in place of the default.
   */
  sessionLockTimeoutMs?(connection: DatabaseConnection): Promise<number>
  /**
   * How a SQL script (`upgrade --sql`) sets the lock timeout `apply` sets
   * on a live run's connection; `null` where no statement sets it.
   */
  readonly scriptLockTimeout: ScriptLockTimeout | null
  /** The limit a driver's error reports as exceeded, if it is one of those. */
  exceeded(error: unknown): ExceededLimit | undefined
}

/**
 * The statements of an offline script that bound its lock waits as a live
 * run's session is bounded.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('postgresql').sessionTimeouts.scriptLockTimeout?.set(5_000) // ['SET lock_timeout = 5000']
 */
export interface ScriptLockTimeout {
  /** Sets the lock timeout for the rest of the script, as `apply` does. */
  set(ms: number): readonly string[]
  /**
   * Where the dialect has {@link SessionTimeouts.defaultDdlLockTimeoutMs}:
   * sets it only where the session has no lock timeout of its own (the
   * role's, the database's), as a live run does, and marks that it did.
   */
  setDefault?(ms: number): readonly string[]
  /** Sets the lock timeout to `ms` (0: none) only where {@link setDefault} set the default. */
  resetDefault?(ms: number): readonly string[]
}

/** The driver error's own code (`'57014'`, `'SQLITE_BUSY'`) and number (MySQL's errno), where it has them. */
export function driverErrorCode(error: unknown): { code?: unknown; errno?: unknown; message: string } {
  if (typeof error !== 'object' || error === null) return { message: String(error) }
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown }
  return { code, errno, message: typeof message === 'string' ? message : '' }
}
