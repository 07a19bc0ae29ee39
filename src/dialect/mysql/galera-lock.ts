import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { DatabaseUrl } from '../../core/database-url.js'
import { AthanorError } from '../../core/errors.js'
import type { DatabaseConnection } from '../driver.js'
import type { LockOptions, MigrationLock } from '../lock.js'
import { pollForLock } from '../lock-polling.js'

/** How long a lock row may go without a heartbeat before a waiting runner takes it over. */
export const DEFAULT_CLUSTER_LOCK_EXPIRY_MS = 30_000

// Galera's answers to two nodes claiming one row: the loser's commit fails
// certification (1213, a deadlock to the client), or, retried by
// wsrep_retry_autocommit, meets the winner's row (1062).
const LOST_RACE = new Set([1062, 1213])

/**
 * The migration lock on a MariaDB Galera cluster. `GET_LOCK` is per node, so
 * two runners on two nodes would both get it; a row in an InnoDB table is
 * replicated and certified instead: of two nodes inserting the same key,
 * exactly one commit wins. The holder refreshes the row's heartbeat from a
 * connection of its own (the migration's connection is busy running DDL);
 * a runner waiting longer than the expiry since the last heartbeat takes the
 * row over, so a killed runner never blocks the cluster for good. A holder
 * that finds its row taken stops its heartbeat and says so at release.
 *
 * The main connection reads with `wsrep_sync_wait = 1`, so the version table
 * it reads next reflects every commit the cluster has certified, not only
 * those this node has applied.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const url = parseDatabaseUrl('mysql://root@127.0.0.1:3317/app')
 * const connection = await openConnection(url)
 * const lock = await acquireGaleraLock(connection, url, { versionTable: 'athanor_version', timeoutMs: 60_000 }, 'athanor_7f…')
 * await lock.release()
 */
export async function acquireGaleraLock(
  connection: DatabaseConnection,
  url: DatabaseUrl,
  options: LockOptions,
  name: string,
): Promise<MigrationLock> {
  await refuseRollingSchemaUpgrade(connection, options)
  await connection.execute({ sql: 'SET SESSION wsrep_sync_wait = 1' })
  const table = `${options.versionTable}_lock`
  const expiryMs = options.clusterLockExpiryMs ?? DEFAULT_CLUSTER_LOCK_EXPIRY_MS
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
  const { mysql2Driver } = await import('./driver.js')
  const holder = await mysql2Driver.open(url)
  try {
    // Every DDL statement on Galera stops the whole cluster for its total
    // order, so the table is made once, not at every run.
    if (!(await holder.hasTable(table))) {
      await holder.execute({
        sql:
          `CREATE TABLE IF NOT EXISTS \`${table}\` (name VARCHAR(64) NOT NULL PRIMARY KEY, owner VARCHAR(128) NOT NULL, ` +
          'acquired_at DATETIME(6) NOT NULL, heartbeat_at DATETIME(6) NOT NULL) ENGINE=InnoDB',
      })
    }
    const claim = () => claimRow(holder, table, name, owner, expiryMs)
    await pollForLock(claim, {
      scope: url.redacted,
      timeoutMs: options.timeoutMs,
      ...(options.onWait ? { onWait: options.onWait } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (error) {
    await holder.close()
    throw error
  }
  let lost: string | undefined
  const heartbeat = setInterval(
    () => {
      beat(holder, table, name, owner).then(
        (held) => {
          if (!held) {
            lost = `the cluster lock on ${url.redacted} was taken over by another runner after ${expiryMs} ms without a heartbeat`
            clearInterval(heartbeat)
          }
        },
        (error: unknown) => {
          // A heartbeat that cannot be written ends this runner's claim as
          // surely as a takeover: others will take the row after the expiry.
          lost = `the cluster lock on ${url.redacted} could not be kept: ${(error as Error).message}`
          clearInterval(heartbeat)
        },
      )
    },
    Math.max(100, Math.floor(expiryMs / 4)),
  )
  heartbeat.unref()
  return {
    scope: url.redacted,
    assertHeld: () => {
      if (lost !== undefined) throw new AthanorError('LOCK_LOST', lost)
    },
    release: async () => {
      clearInterval(heartbeat)
      try {
        await holder.execute({ sql: `DELETE FROM \`${table}\` WHERE name = ? AND owner = ?`, params: [name, owner] })
      } finally {
        await holder.close()
      }
      if (lost !== undefined) throw new AthanorError('LOCK_LOST', lost)
    },
  }
}

/** Takes the row, or takes it over when its heartbeat is older than the expiry. */
async function claimRow(holder: DatabaseConnection, table: string, name: string, owner: string, expiryMs: number): Promise<boolean> {
  try {
    await holder.execute({
      sql: `INSERT INTO \`${table}\` (name, owner, acquired_at, heartbeat_at) VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))`,
      params: [name, owner],
    })
    return true
  } catch (error) {
    if (!LOST_RACE.has(errorNumber(error))) throw error
  }
  try {
    // ROW_COUNT() in the same round trip: 1 only if this runner's update
    // found the row stale and was the one Galera certified.
    const [row] = await holder.query(
      `UPDATE \`${table}\` SET owner = ?, acquired_at = UTC_TIMESTAMP(6), heartbeat_at = UTC_TIMESTAMP(6) ` +
        `WHERE name = ? AND heartbeat_at < UTC_TIMESTAMP(6) - INTERVAL ${Math.ceil(expiryMs) * 1000} MICROSECOND; ` +
        'SELECT ROW_COUNT() AS taken',
      [owner, name],
    )
    return Number(row?.['taken']) === 1
  } catch (error) {
    if (LOST_RACE.has(errorNumber(error))) return false
    throw error
  }
}

async function beat(holder: DatabaseConnection, table: string, name: string, owner: string): Promise<boolean> {
  const [row] = await holder.query(
    `UPDATE \`${table}\` SET heartbeat_at = UTC_TIMESTAMP(6) WHERE name = ? AND owner = ?; SELECT ROW_COUNT() AS kept`,
    [name, owner],
  )
  return Number(row?.['kept']) === 1
}

// Rolling Schema Upgrade applies DDL on this node only, unreplicated: safe
// only for changes old and new schemas both accept, done node by node.
async function refuseRollingSchemaUpgrade(connection: DatabaseConnection, options: LockOptions): Promise<void> {
  const [row] = await connection.query('SELECT @@SESSION.wsrep_OSU_method AS method')
  const method = String(row?.['method'] ?? 'TOI').toUpperCase()
  if (method === 'RSU' && options.galeraOsu !== 'rsu') {
    throw new AthanorError(
      'GALERA_RSU',
      'this Galera session uses wsrep_OSU_method = RSU, which applies DDL to one node only; ' +
        'pass --galera-osu rsu to migrate node by node (backward-compatible changes only), or use TOI',
    )
  }
}

function errorNumber(error: unknown): number {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const errno = (current as { errno?: unknown }).errno
    if (typeof errno === 'number') return errno
    current = (current as { cause?: unknown }).cause
  }
  return 0
}
