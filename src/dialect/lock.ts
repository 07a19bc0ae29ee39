/**
 * The lock that lets one athanor run at a time migrate a database. It is
 * scoped to the database (and, on PostgreSQL, the schema) and the version
 * table: two projects on different databases never wait for each other.
 * Each dialect takes it its own way (`dialect.acquireLock`).
 */
export interface MigrationLock {
  /** What is locked, safe to print: the redacted URL and, on PostgreSQL, the schema. */
  readonly scope: string
  /**
   * Throws `LOCK_LOST` when the lock is known to be gone (a cluster lock row
   * taken over after its heartbeat stopped); absent where the server holds
   * the lock for the session and loses it only with the connection.
   */
  assertHeld?(): void
  release(): Promise<void>
}

export interface LockOptions {
  readonly versionTable: string
  /** Milliseconds to wait for another run before failing with `LOCK_TIMEOUT`. */
  readonly timeoutMs: number
  /** Called once, when the lock is found taken and the wait begins. */
  readonly onWait?: (message: string) => void
  /** Galera: how long a lock row may miss its heartbeat before another runner takes it over. */
  readonly clusterLockExpiryMs?: number
  /** Galera: `rsu` allows a session whose `wsrep_OSU_method` is RSU; refused otherwise. */
  readonly galeraOsu?: 'toi' | 'rsu'
  /** Ends the wait at once when aborted (a SIGINT): the poll rejects with the signal's AbortError. */
  readonly signal?: AbortSignal
}

/** True for the truthy results drivers give a lock function: `true`, `1`, `'1'`, `1n`. */
export function lockGranted(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 1n || value === 't'
}
