import type { Row } from '../../ops/operation-sink.js'
import type { ColumnShape, TableShape } from '../driver.js'

/** information_schema lists base tables, views and MariaDB's sequences together; the LEFT JOIN keeps one without columns. */
const DESCRIBE_SQL = `SELECT t.TABLE_TYPE AS table_type, c.COLUMN_NAME AS name, c.COLUMN_TYPE AS type, c.DATA_TYPE AS data_type,
  c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default, c.EXTRA AS extra
FROM information_schema.TABLES t
LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME
WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_NAME = ?
ORDER BY c.ORDINAL_POSITION`

const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext'])
const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint'])

/**
 * What holds `name` in the connection's database (see DatabaseConnection.describeTable).
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * const shape = await describeMysqlTable((sql, params) => connection.query(sql, params), 'athanor_version')
 * shape?.columns[0]?.family // 'text'
 */
export async function describeMysqlTable(
  query: (sql: string, params: readonly string[]) => Promise<Row[]>,
  name: string,
): Promise<TableShape | undefined> {
  const rows = await query(DESCRIBE_SQL, [name])
  const first = rows[0]
  if (first === undefined) return undefined
  const type = String(first['table_type'])
  const kind = type === 'BASE TABLE' ? 'table' : type.endsWith('VIEW') ? 'view' : 'other'
  const columns = rows.filter((row) => row['name'] !== null).map(toColumn)
  return { kind, columns }
}

function toColumn(row: Row): ColumnShape {
  const dataType = String(row['data_type']).toLowerCase()
  const family = TEXT_TYPES.has(dataType) ? 'text' : INTEGER_TYPES.has(dataType) ? 'integer' : 'other'
  const extra = String(row['extra'] ?? '').toLowerCase()
  return {
    name: String(row['name']),
    type: String(row['type']),
    family,
    nullable: row['is_nullable'] === 'YES',
    // MariaDB writes a NULL default as the text 'NULL'; no default at all is SQL NULL.
    filled: row['column_default'] !== null || extra.includes('auto_increment') || extra.includes('generated'),
  }
}
