import type { Queryable, UnmanagedObject } from '../introspector.js'

const OBJECTS_SQL = `SELECT kind, name FROM (
  SELECT 'event' AS kind, EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
  UNION ALL SELECT CONCAT(LOWER(ROUTINE_TYPE), ' (its body hidden from this account)'), ROUTINE_NAME FROM information_schema.ROUTINES
    WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_DEFINITION IS NULL
  UNION ALL SELECT 'sequence', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE'
  UNION ALL SELECT 'system-versioned table', TABLE_NAME FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SYSTEM VERSIONED'
  UNION ALL SELECT DISTINCT 'partitioning of table', TABLE_NAME FROM information_schema.PARTITIONS
    WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
  UNION ALL SELECT 'table options', CONCAT(TABLE_NAME, ' (', CREATE_OPTIONS, ')') FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TRIM(REPLACE(CREATE_OPTIONS, 'partitioned', '')) <> ''
  UNION ALL SELECT 'invisible column', CONCAT(TABLE_NAME, '.', COLUMN_NAME) FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND EXTRA LIKE '%INVISIBLE%'
  UNION ALL SELECT DISTINCT 'descending primary key', TABLE_NAME FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = 'PRIMARY' AND COLLATION = 'D'
  UNION ALL SELECT DISTINCT 'index comment', CONCAT(INDEX_NAME, ' on ', TABLE_NAME) FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND INDEX_COMMENT <> ''
  UNION ALL SELECT DISTINCT 'index type', CONCAT(INDEX_NAME, ' on ', TABLE_NAME, ' (', INDEX_TYPE, ')') FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND INDEX_TYPE NOT IN ('BTREE', 'FULLTEXT', 'SPATIAL')
  UNION ALL SELECT 'view options', CONCAT(TABLE_NAME, ' (', CONCAT_WS(', ',
      CASE WHEN CHECK_OPTION <> 'NONE' THEN CONCAT('WITH ', CHECK_OPTION, ' CHECK OPTION') END,
      CASE WHEN SECURITY_TYPE = 'INVOKER' THEN 'SQL SECURITY INVOKER' END), ')') FROM information_schema.VIEWS
    WHERE TABLE_SCHEMA = DATABASE() AND (CHECK_OPTION <> 'NONE' OR SECURITY_TYPE = 'INVOKER')
) o ORDER BY kind, name`

// What only MariaDB's catalog says; MySQL's has other names for some of it, and lacks the rest.
const MARIADB_SQL = `SELECT kind, name FROM (
  SELECT DISTINCT 'ignored index' AS kind, CONCAT(INDEX_NAME, ' on ', TABLE_NAME) AS name FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND IGNORED = 'YES'
  UNION ALL SELECT 'view algorithm', CONCAT(TABLE_NAME, ' (', ALGORITHM, ')') FROM information_schema.VIEWS
    WHERE TABLE_SCHEMA = DATABASE() AND ALGORITHM <> 'UNDEFINED'
  UNION ALL SELECT 'spatial reference system of column', CONCAT(G_TABLE_NAME, '.', G_GEOMETRY_COLUMN, ' (SRID ', SRID, ')')
    FROM information_schema.GEOMETRY_COLUMNS WHERE G_TABLE_SCHEMA = DATABASE() AND SRID <> 0
) o ORDER BY kind, name`

/**
 * What a MySQL/MariaDB database holds that its introspector leaves out:
 * (views, triggers, stored functions and procedures are modelled) events,
 * MariaDB sequences and system-versioned tables, partitioning (its tables
 * are pulled, unpartitioned), the routines whose body the account may not
 * see, which cannot be pulled, and what tables, views, indexes and columns
 * carry beyond the model: table options (ROW_FORMAT and the like), invisible
 * columns, descending primary keys, index comments and types other than
 * B-tree, view check options and SQL SECURITY INVOKER, and on MariaDB
 * ignored indexes, view algorithms and the SRID of spatial columns.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * const db = await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app'))
 * await mysqlUnmanaged(db) // [{ kind: 'event', name: 'nightly_purge' }]
 */
export async function mysqlUnmanaged(db: Queryable): Promise<UnmanagedObject[]> {
  const rows = await db.query(OBJECTS_SQL)
  // MySQL has none of these columns: what it cannot answer is not there to list.
  const mariadb = await db.query(MARIADB_SQL).catch(() => [])
  const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))
  return [...rows, ...mariadb]
    .map((row) => ({ kind: text(row['kind']), name: text(row['name']) }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
}
