import type { DatabaseConnection } from '../driver.js'

/**
 * Adds STRICT_TRANS_TABLES to the session's sql_mode when neither strict
 * mode is in it. Without one, MySQL and MariaDB change data to fit instead
 * of refusing: a narrowing MODIFY cuts values, a NOT NULL fills NULLs with
 * 0 or '', text becomes a number by its leading digits
 * (https://mariadb.com/kb/en/sql-mode/#strict-mode). A server already
 * strict (MariaDB 10.2.4 and MySQL 5.7 on by default) keeps its mode as it
 * is, so the sql_mode stored with the triggers and routines a migration
 * makes is the server's own.
 *
 * @example
 * import { openConnection } from '../registry.js'
 * await mysqlStrictSession(await openConnection(parseDatabaseUrl('mysql://root@127.0.0.1/app')))
 */
export async function mysqlStrictSession(connection: DatabaseConnection): Promise<void> {
  await connection.execute({ sql: STRICT_SESSION_SQL })
}

const STRICT_SESSION_SQL =
  "SET SESSION sql_mode = IF(FIND_IN_SET('STRICT_TRANS_TABLES', @@SESSION.sql_mode) > 0 " +
  "OR FIND_IN_SET('STRICT_ALL_TABLES', @@SESSION.sql_mode) > 0, @@SESSION.sql_mode, " +
  "CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES'))"

/**
 * What an offline script (`upgrade --sql`) says first, so the client that
 * runs it has the session a live run has: utf8mb4, which the live connection
 * asks for as it connects, where the `mysql` and `mariadb` clients default to
 * utf8mb3 or latin1 and refuse or corrupt a 4-byte character (an emoji in a
 * default or a comment); and strict mode, as {@link mysqlStrictSession} sets it.
 *
 * @example
 * MYSQL_SCRIPT_SESSION[0] // 'SET NAMES utf8mb4'
 */
export const MYSQL_SCRIPT_SESSION: readonly string[] = ['SET NAMES utf8mb4', STRICT_SESSION_SQL]
