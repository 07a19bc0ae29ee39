import { AthanorError } from '../../core/errors.js'
import type { Row } from '../../ops/operation-sink.js'
import type { RowValue } from '../../ops/operation.js'

type Query = (sql: string, params?: readonly RowValue[]) => Promise<Row[]>

/**
 * Whether a table exists in `schema`, else in the current schema: what
 * every PostgreSQL driver's `hasTable` asks.
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * await postgresHasTable((sql, params) => connection.query(sql, params), 'athanor_version') // false before the first upgrade
 */
export async function postgresHasTable(query: Query, name: string, schema?: string): Promise<boolean> {
  const rows = await query('SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = $1 AND schemaname = coalesce($2, current_schema())', [
    name,
    schema ?? null,
  ])
  return rows.length > 0
}

/**
 * Makes the URL's `?schema=` the session's search path, refusing one that
 * does not exist (the search path would silently fall back to none).
 * `database` names where it was looked for, in the message.
 *
 * @example
 * import type { DatabaseConnection } from '../driver.js'
 * declare const connection: DatabaseConnection
 * await useSchema((sql, params) => connection.query(sql, params), 'billing', 'PostgreSQL database "shop"')
 */
export async function useSchema(query: Query, schema: string, database: string): Promise<void> {
  const found = await query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema])
  if (found.length === 0) {
    throw new AthanorError(
      'SCHEMA_NOT_FOUND',
      `schema "${schema}" does not exist in ${database}: create it first (CREATE SCHEMA ...) or fix ?schema= in the URL`,
    )
  }
  await query(`SET search_path TO "${schema.replaceAll('"', '""')}"`)
}
