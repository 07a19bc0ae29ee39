import { createHash } from 'node:crypto'
import type { DatabaseUrl } from '../../core/database-url.js'
import type { DatabaseConnection } from '../driver.js'
import { lockGranted, type LockOptions, type MigrationLock } from '../lock.js'
import { pollServerLock } from '../lock-polling.js'

/**
 * PostgreSQL: a session-level advisory lock on the migration connection.
 * Advisory locks belong to one database already; the key adds the schema
 * and the version table, so projects in other schemas do not wait.
 * Session-level (not `pg_advisory_xact_lock`) because the lock must outlive
 * the per-migration commits and the non-transactional scripts; a dead client
 * drops its session and with it the lock.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const url = parseDatabaseUrl('postgresql://postgres@127.0.0.1/app')
 * const lock = await acquirePostgresqlLock(await openConnection(url), url, { versionTable: 'athanor_version', timeoutMs: 60_000 })
 * lock.scope // 'postgresql://postgres@127.0.0.1/app (schema public)'
 */
export async function acquirePostgresqlLock(
  connection: DatabaseConnection,
  url: DatabaseUrl,
  options: LockOptions,
): Promise<MigrationLock> {
  await detectDeadClients(connection)
  const [row] = await connection.query('SELECT current_schema() AS schema_name')
  const schema = String(row?.['schema_name'] ?? 'public')
  const key = advisoryLockKey(schema, options.versionTable)
  const scope = `${url.redacted} (schema ${schema})`
  return pollServerLock(
    scope,
    options,
    async () => lockGranted((await connection.query(`SELECT pg_try_advisory_lock(${key}) AS locked`))[0]?.['locked']),
    async () => {
      await connection.query(`SELECT pg_advisory_unlock(${key}) AS unlocked`)
    },
  )
}

/**
 * The advisory lock key: 64 bits of a hash of the schema and version table,
 * as a signed bigint literal (advisory keys are `bigint`).
 *
 * @example
 * advisoryLockKey('public', 'athanor_version') // '-6188203418399165598' (stable across runs)
 */
export function advisoryLockKey(schema: string, versionTable: string): string {
  const digest = createHash('sha256').update(`athanor\0${schema}\0${versionTable}`).digest()
  return BigInt.asIntN(64, digest.readBigUInt64BE(0)).toString()
}

/**
 * A backend runs a statement to its end even when its client is gone, so a
 * runner killed during `pg_sleep(30)` or a long UPDATE would keep the lock
 * and the open transaction until the statement finished. PostgreSQL 14's
 * client_connection_check_interval makes the backend notice the closed
 * socket and abort; older servers fall back to the old behaviour.
 * https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-CLIENT-CONNECTION-CHECK-INTERVAL
 */
async function detectDeadClients(connection: DatabaseConnection): Promise<void> {
  const [row] = await connection.query("SELECT current_setting('server_version_num')::int AS version")
  if (Number(row?.['version'] ?? 0) >= 140000) await connection.execute({ sql: "SET client_connection_check_interval = '1s'" })
}
