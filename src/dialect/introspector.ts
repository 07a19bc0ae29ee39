import type { Row } from '../ops/operation-sink.js'
import type { Table } from '../schema/types.js'
import type { DialectName } from '../core/dialect-name.js'

/**
 * The one thing an introspector needs from a connection.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const db: Queryable = await openConnection(parseDatabaseUrl('sqlite://'))
 * await db.query('SELECT 1 AS one') // [{ one: 1 }]
 */
export interface Queryable {
  readonly dialect: DialectName
  query(sql: string): Promise<Row[]>
}

export interface IntrospectOptions {
  /** PostgreSQL schemas to read besides the default one (`public`). */
  readonly schemas?: readonly string[]
  /**
   * More connections to the same database, for an introspector whose
   * catalog queries can run side by side (PostgreSQL). Closed by the caller.
   */
  readonly helpers?: readonly Queryable[]
}

/**
 * Reads a live database into the schema model, with a fixed number of
 * catalog queries whatever the number of tables.
 *
 * @example
 * import { dialects, openConnection } from './registry.js'
 * const introspect: Introspector = dialects.sqlite.introspect
 * const tables = await introspect(await openConnection(parseDatabaseUrl('sqlite:///app.db')))
 * tables.map((table) => table.name) // ['user', …]
 */
export type Introspector = (db: Queryable, options?: IntrospectOptions) => Promise<Table[]>
