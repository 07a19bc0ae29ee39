import type { Row } from '../../ops/operation-sink.js'
import type { ColumnShape, TableShape } from '../driver.js'

/**
 * Tables, views and indexes share one namespace in SQLite, matched without
 * regard to case (https://sqlite.org/lang_createtable.html); a trigger has
 * its own. The LEFT JOIN keeps an index, which has no columns.
 */
const DESCRIBE_SQL =
  'SELECT m.type AS kind, p.name AS name, p.type AS type, p."notnull" AS not_null, p.dflt_value AS dflt, p.pk AS pk ' +
  "FROM sqlite_master AS m LEFT JOIN pragma_table_info(m.name) AS p WHERE m.name = ? COLLATE NOCASE AND m.type <> 'trigger' " +
  'ORDER BY p.cid'

/**
 * What holds `name` in a SQLite database (see DatabaseConnection.describeTable).
 *
 * @example
 * import { SqliteConnection } from './driver.js'
 * const connection = SqliteConnection.open(':memory:')
 * await connection.execute({ sql: 'CREATE TABLE t (v VARCHAR(32) NOT NULL)' })
 * const shape = await describeSqliteTable((sql, params) => connection.query(sql, params), 't')
 * shape?.columns[0]?.family // 'text'
 */
export async function describeSqliteTable(
  query: (sql: string, params: readonly string[]) => Promise<Row[]>,
  name: string,
): Promise<TableShape | undefined> {
  const rows = await query(DESCRIBE_SQL, [name])
  const first = rows[0]
  if (first === undefined) return undefined
  const kind = first['kind'] === 'table' ? 'table' : first['kind'] === 'view' ? 'view' : 'other'
  const columns = rows.filter((row) => row['name'] !== null).map(toColumn)
  return { kind, columns }
}

function toColumn(row: Row): ColumnShape {
  const type = String(row['type'] ?? '')
  const family = affinity(type)
  // An INTEGER PRIMARY KEY is the rowid, which SQLite fills itself.
  const rowid = Number(row['pk']) === 1 && type.toUpperCase() === 'INTEGER'
  return { name: String(row['name']), type, family, nullable: Number(row['not_null']) === 0, filled: row['dflt'] !== null || rowid }
}

/** SQLite's rules for a declared type's affinity (https://sqlite.org/datatype3.html#determination_of_column_affinity). */
function affinity(type: string): ColumnShape['family'] {
  const upper = type.toUpperCase()
  if (upper.includes('INT')) return 'integer'
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) return 'text'
  return 'other'
}
