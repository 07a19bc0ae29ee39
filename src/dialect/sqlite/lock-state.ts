import { existsSync, realpathSync } from 'node:fs'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { LockState } from '../lock-state.js'
import { sqliteLockFile } from './lock.js'

/**
 * Whether another process holds the lock file's write transaction. The
 * file says nothing of who: SQLite's locks carry no owner.
 *
 * @example
 * const state = await readSqliteLockState(parseDatabaseUrl('sqlite:///app.db')) // { held: false } when no run migrates
 */
export async function readSqliteLockState(url: DatabaseUrl): Promise<LockState> {
  const filename = url.filename ?? ':memory:'
  if (filename === ':memory:' || filename === '' || !existsSync(filename)) return { held: false }
  const lockFile = sqliteLockFile(realpathSync(filename))
  if (!existsSync(lockFile)) return { held: false }
  const { SqliteConnection } = await import('./driver.js')
  const probe = SqliteConnection.open(lockFile, { busyTimeoutMs: 0 })
  try {
    await probe.begin()
    await probe.rollback()
    return { held: false }
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return { held: true, holder: `another process (lock file ${lockFile})` }
    throw error
  } finally {
    await probe.close()
  }
}
