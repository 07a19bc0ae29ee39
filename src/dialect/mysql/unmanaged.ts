import type { Queryable, UnmanagedObject } from '../introspector.js'

/**
 * What a MySQL/MariaDB database holds that its introspector leaves out:
 * (views, triggers, stored functions and procedures are modelled) events,
 * MariaDB sequences, partitioning (its tables are pulled, unpartitioned),
 * and the routines whose body the account may not see, which cannot be pulled.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await mysqlUnmanaged(db) // [{ kind: 'event', name: 'nightly_purge' }]
 */
export async function mysqlUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const rows = await db.query(`SELECT kind, name FROM (
  SELECT 'event' AS kind, EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' (its body hidden from this account)'), ROUTINE_NAME FROM information_schema.ROUTINES
    WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_DEFINITION IS NULL
  UNION ALL SELECT 'sequence', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE'
  UNION ALL SELECT DISTINCT 'partitioning of table', TABLE_NAME FROM information_schema.PARTITIONS
    WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
) o ORDER BY kind, name`)
  const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))
  return rows.map((row) => ({ kind: text(row['kind']), name: text(row['name']) }))
}
