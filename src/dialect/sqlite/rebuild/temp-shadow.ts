import type { Query } from './read-table.js'

/**
 * Refuses a live rebuild of `table` while a TEMP table or view of the same
 * name is on the connection. SQLite looks an unqualified name up in the temp schema
 * first (https://www.sqlite.org/lang_naming.html), and the rebuild's
 * statements name the table unqualified, as do the index and trigger
 * definitions it replays from sqlite_master: the copy would read the TEMP
 * table's rows and DROP TABLE would drop it, not the real one. Qualifying
 * athanor's own statements would still leave the replayed ones pointing at
 * the TEMP table, so the rebuild stops before it changes anything.
 *
 * @example
 * import { openConnection } from '../../registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite://'))
 * await connection.execute({ sql: 'CREATE TABLE t (a INT); CREATE TEMP TABLE t (a INT)' })
 * await refuseTempShadow((sql, params) => connection.query(sql, params ?? []), 't')
 * // Error: a TEMP table "t" on the migration's connection would stand in for the table "t" in the rebuild's statements ...
 */
export async function refuseTempShadow(query: Query, table: string): Promise<void> {
  const sql = "SELECT type, name FROM temp.sqlite_master WHERE type IN ('table', 'view') AND name = ? COLLATE NOCASE"
  const [found] = await query(sql, [table])
  if (found === undefined) return
  throw new Error(
    `a TEMP ${String(found['type'])} "${String(found['name'])}" on the migration's connection would stand in for the table "${table}" ` +
      "in the rebuild's statements (SQLite looks a name up in the temp schema first): drop it or rename it before the rebuild",
  )
}
