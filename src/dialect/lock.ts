/**
 * The lock that lets one athanor run at a time migrate a database. It is
 * scoped to the database (and, on PostgreSQL, the schema) and the version
 * table: two projects on different databases never wait for each other.
 * Each dialect takes it its own way (`dialect.acquireLock`).
 */
export interface MigrationLock {
  /** What is locked, safe to print: the redacted URL and, on PostgreSQL, the schema. */
  readonly scope: string
  release(): Promise<void>
}

export interface LockOptions {
  readonly versionTable: string
  /** Milliseconds to wait for another run before failing with `LOCK_TIMEOUT`. */
  readonly timeoutMs: number
  /** Called once, when the lock is found taken and the wait begins. */
  readonly onWait?: (message: string) => void
  /** Ends the wait at once when aborted (a SIGINT): the poll rejects with the signal's AbortError. */
  readonly signal?: AbortSignal
}

/** True for the truthy results drivers give a lock function: `true`, `1`, `'1'`, `1n`. */
export function lockGranted(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 1n || value === 't'
}
