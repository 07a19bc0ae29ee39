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
  return {
    dialect: connection.dialect,
    get inTransaction() {
      return connection.inTransaction
    },
    execute: async (statement) => {
      assertHeld()
      return connection.execute(statement)
    },
    query: async (sql, params) => {
      assertHeld()
      return connection.query(sql, params)
    },
    hasTable: (name, schema) => connection.hasTable(name, schema),
    begin: () => connection.begin(),
    commit: async () => {
      assertHeld()
      return connection.commit()
    },
    rollback: () => connection.rollback(),
    close: () => connection.close(),
    cancel: () => connection.cancel(),
    transactionState: () => connection.transactionState(),
  }
}
