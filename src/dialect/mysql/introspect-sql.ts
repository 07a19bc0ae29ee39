import { parseServerVersion } from '../lint/version.js'

/**
 * The catalog queries of the MySQL/MariaDB introspector, all for the
 * connection's current database: six, whatever the number of tables.
 */

// A table's character set is its collation's; MariaDB 10.10+ has no COLLATIONS row for the names that
// carry their character set (utf8mb4_uca1400_ai_ci), whose first word is that character set.

export const TABLES_SQL = `SELECT TABLE_NAME AS tbl, TABLE_COMMENT AS comment, TABLE_COLLATION AS collation, ENGINE AS engine,
  AUTO_INCREMENT AS next_number,
  COALESCE((SELECT CHARACTER_SET_NAME FROM information_schema.COLLATIONS c WHERE c.COLLATION_NAME = TABLE_COLLATION),
    SUBSTRING_INDEX(TABLE_COLLATION, '_', 1)) AS charset,
  (SELECT DEFAULT_COLLATE_NAME FROM information_schema.CHARACTER_SETS s WHERE s.CHARACTER_SET_NAME = 'utf8mb4') AS utf8mb4_default
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`

export const COLUMNS_SQL = `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS col, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
  COLUMN_DEFAULT AS dflt, EXTRA AS extra, COLUMN_COMMENT AS comment, COLLATION_NAME AS collation,
  GENERATION_EXPRESSION AS generation
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`

/**
 * The indexes' rows, one a key column; `invisible` is how this server says
 * an index is left alone by the optimizer (see invisibleIndexCondition).
 *
 * @example
 * indexesSql(invisibleIndexCondition('10.11.6-MariaDB')) // "SELECT … IGNORED = 'YES' AS invisible FROM information_schema.STATISTICS …"
 */
export const indexesSql = (invisible: string) => `SELECT TABLE_NAME AS tbl, INDEX_NAME AS name, NON_UNIQUE AS non_unique,
  COLUMN_NAME AS col, SUB_PART AS sub_part, COLLATION AS collation, INDEX_TYPE AS index_type, ${invisible} AS invisible
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`

/**
 * The condition on an information_schema.STATISTICS row that its index is
 * invisible: MariaDB 10.6's IGNORED column, MySQL 8's IS_VISIBLE; a server
 * older than those has no such indexes, nor the columns.
 *
 * @example
 * invisibleIndexCondition('10.11.6-MariaDB') // "IGNORED = 'YES'"
 * invisibleIndexCondition('8.0.36') // "IS_VISIBLE = 'NO'"
 * invisibleIndexCondition('5.7.44') // 'FALSE'
 */
export function invisibleIndexCondition(version: string): string {
  // A version that cannot be read is taken as a current one, as keepsDescendingKeys takes it.
  const { major, minor, flavor } = parseServerVersion(version) ?? { major: Number.POSITIVE_INFINITY, minor: 0, flavor: '' }
  if (flavor === 'mariadb') return major > 10 || (major === 10 && minor >= 6) ? "IGNORED = 'YES'" : 'FALSE'
  return major >= 8 ? "IS_VISIBLE = 'NO'" : 'FALSE'
}

/**
 * The columns of foreign keys; their actions are {@link REFERENTIAL_ACTIONS_SQL}'s. Two queries, not one
 * joining KEY_COLUMN_USAGE to REFERENTIAL_CONSTRAINTS: MariaDB filters only a lone information_schema table by
 * its schema and filled the joined one from every database on the server, seconds on a busy one.
 */
export const FOREIGN_KEYS_SQL = `SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name, COLUMN_NAME AS col,
  REFERENCED_TABLE_NAME AS ref_table, REFERENCED_COLUMN_NAME AS ref_col, REFERENCED_TABLE_SCHEMA = DATABASE() AS ref_here
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`

/** The ON DELETE and ON UPDATE actions of the foreign keys of {@link FOREIGN_KEYS_SQL}. */
export const REFERENTIAL_ACTIONS_SQL = `SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name,
  DELETE_RULE AS on_delete, UPDATE_RULE AS on_update
FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`

/** MariaDB names the table in CHECK_CONSTRAINTS; MySQL 8 needs TABLE_CONSTRAINTS for it. */
export const CHECKS_SQL = `SELECT tc.TABLE_NAME AS tbl, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'`

export const MARIADB_CHECKS_SQL = `SELECT TABLE_NAME AS tbl, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()`

/**
 * The SRID of spatial columns that have one, asked only where there is a spatial column: MariaDB's
 * GEOMETRY_COLUMNS (slow to answer), MySQL 8's COLUMNS.SRS_ID.
 */
export const MARIADB_SRIDS_SQL = `SELECT G_TABLE_NAME AS tbl, G_GEOMETRY_COLUMN AS col, SRID AS srid
FROM information_schema.GEOMETRY_COLUMNS WHERE G_TABLE_SCHEMA = DATABASE() AND SRID <> 0`
export const MYSQL_SRIDS_SQL = `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS col, SRS_ID AS srid
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND SRS_ID IS NOT NULL`

/** The spatial types, as COLUMNS.COLUMN_TYPE names them. */
export const SPATIAL_TYPES: readonly string[] = [
  'geometry',
  'point',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
]
