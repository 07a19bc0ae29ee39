import type { DatabaseConnection } from '../dialect/driver.js'

/**
 * `connection` with `assertHeld` asked before every statement and commit.
 * A lock that can be lost while the run goes on (a cluster lock row taken
 * over after a stalled heartbeat) must stop the run before it writes
 * again: the runner that took the lock over is migrating by then.
 *
 * @example
 * import type { DatabaseConnection } from '../dialect/driver.js'
 * import type { MigrationLock } from '../dialect/lock.js'
 * declare const connection: DatabaseConnection
 * declare const lock: MigrationLock // a Galera lock row
 * const guarded = guardedByLock(connection, () => lock.assertHeld?.())
 * await guarded.execute({ sql: 'ALTER TABLE users ADD email TEXT' }) // throws LOCK_LOST first if the lock is gone
 */
export function guardedByLock(connection: DatabaseConnection, assertHeld: () => void): DatabaseConnection {
  // A proxy, so every member a connection has (or gains) passes through.
  const guarded = new Set<PropertyKey>(['execute', 'executeBatch', 'query', 'commit'])
  return new Proxy(connection, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown
      if (typeof value !== 'function') return value
      const method = (value as (...args: unknown[]) => unknown).bind(target)
      if (!guarded.has(property)) return method
      return (...args: unknown[]) => {
        assertHeld()
        return method(...args)
      }
    },
  })
}
