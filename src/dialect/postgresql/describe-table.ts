import type { Row } from '../../ops/operation-sink.js'
import type { ColumnShape, TableShape } from '../driver.js'

/**
 * pg_class holds tables, views, sequences and indexes in one namespace per
 * schema; the LEFT JOIN keeps one without columns. `atthasdef` covers
 * defaults, serials and generated columns, `attidentity` identities.
 */
const DESCRIBE_SQL = `SELECT c.relkind AS relkind, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
  t.typname AS typname, t.typcategory AS category, a.attnotnull AS not_null, (a.atthasdef OR a.attidentity <> '') AS filled
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relname = $1 AND n.nspname = current_schema()
ORDER BY a.attnum`

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8'])

/**
 * What holds `name` in the connection's current schema (see DatabaseConnection.describeTable).
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * const shape = await describePostgresTable((sql, params) => connection.query(sql, params), 'athanor_version')
 * shape?.columns[0]?.family // 'text'
 */
export async function describePostgresTable(
  query: (sql: string, params: readonly string[]) => Promise<Row[]>,
  name: string,
): Promise<TableShape | undefined> {
  const rows = await query(DESCRIBE_SQL, [name])
  const first = rows[0]
  if (first === undefined) return undefined
  const relkind = String(first['relkind'])
  const kind = relkind === 'r' || relkind === 'p' ? 'table' : relkind === 'v' || relkind === 'm' ? 'view' : 'other'
  const columns = rows.filter((row) => row['name'] !== null).map(toColumn)
  return { kind, columns }
}

function toColumn(row: Row): ColumnShape {
  const family = row['category'] === 'S' ? 'text' : INTEGER_TYPES.has(String(row['typname'])) ? 'integer' : 'other'
  return {
    name: String(row['name']),
    type: String(row['type']),
    family,
    nullable: row['not_null'] !== true,
    filled: row['filled'] === true,
  }
}
