import type { DatabaseUrl } from '../config/database-url.js'
import type { DatabaseConnection } from './connection.js'
import { acquireMysqlLock } from './lock-mysql.js'
import { acquirePostgresqlLock } from './lock-postgresql.js'
import { acquireSqliteLock } from './lock-sqlite.js'

/**
 * The lock that lets one athanor run at a time migrate a database. It is
 * scoped to the database (and, on PostgreSQL, the schema) and the version
 * table: two projects on different databases never wait for each other.
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
}

/**
 * Takes the migration lock for the database behind `connection`, waiting
 * (bounded by `timeoutMs`) while another run holds it.
 *
 * @example
 * const lock = await acquireMigrationLock(connection, url, { versionTable: 'athanor_version', timeoutMs: 60_000 })
 * try { ... } finally { await lock.release() }
 */
export function acquireMigrationLock(connection: DatabaseConnection, url: DatabaseUrl, options: LockOptions): Promise<MigrationLock> {
  switch (connection.dialect) {
    case 'postgresql':
      return acquirePostgresqlLock(connection, url, options)
    case 'mysql':
      return acquireMysqlLock(connection, url, options)
    case 'sqlite':
      return acquireSqliteLock(url, options)
  }
}

/** True for the truthy results drivers give a lock function: `true`, `1`, `'1'`, `1n`. */
export function lockGranted(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 1n || value === 't'
}
