import { existsSync, realpathSync } from 'node:fs'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { SqliteConnection } from './driver.js'
import type { LockOptions, MigrationLock } from '../lock.js'
import { pollForLock } from '../lock-polling.js'
import { AthanorError } from '../../core/errors.js'
import { notWritable } from './database-file.js'

/**
 * SQLite: a write transaction held on a small lock file next to the
 * database (`app.db-athanor-lock`, beside SQLite's own `-journal`/`-wal`).
 * The run's own write transaction on the database cannot be the lock: it
 * commits at checkpoints (see savepointPerStep), and between two of them a
 * waiting runner would slip in and run the same migrations again. The OS
 * drops the file lock when the process dies, so `kill -9` frees it. The
 * file is never deleted: a waiter may have it open, and deleting it would
 * let a third runner lock a new file beside it.
 *
 * @example
 * const lock = await acquireSqliteLock(parseDatabaseUrl('sqlite:///app.db'), { versionTable: 'athanor_version', timeoutMs: 60_000 })
 */
export async function acquireSqliteLock(url: DatabaseUrl, options: LockOptions): Promise<MigrationLock> {
  const filename = url.filename ?? ':memory:'
  // An in-memory database belongs to one connection; nobody else can migrate it.
  if (filename === ':memory:' || filename === '') return { scope: url.redacted, release: async () => {} }
  // The file's own path, so that a symlink to it or a relative path meets
  // the same lock; a hard link or a bind mount is still another path, which
  // the run's check of the version rows under SQLite's write lock catches.
  const real = existsSync(filename) ? realpathSync(filename) : filename
  const lockFile = sqliteLockFile(real)
  // Every command that takes the lock writes: a read-only folder or file is
  // named as such, before the lock file beside it fails to open.
  const why = notWritable(real)
  if (why !== undefined) throw new AthanorError('WRITE_FAILED', `cannot write SQLite database ${filename}: ${why}`)
  // Imported here so that a PostgreSQL or MySQL project never loads the SQLite driver.
  const { SqliteConnection } = await import('./driver.js')
  const holder = SqliteConnection.open(lockFile, { busyTimeoutMs: 0 })
  try {
    await pollForLock(async () => tryBegin(holder), {
      scope: filename,
      timeoutMs: options.timeoutMs,
      ...(options.onWait ? { onWait: options.onWait } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (error) {
    await holder.close()
    throw error
  }
  return {
    scope: filename,
    release: async () => {
      await holder.rollback()
      await holder.close()
    },
  }
}

/** The lock file of a SQLite database file. */
export function sqliteLockFile(filename: string): string {
  return `${filename}-athanor-lock`
}

async function tryBegin(holder: SqliteConnection): Promise<boolean> {
  try {
    await holder.begin()
    return true
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false
    throw error
  }
}
