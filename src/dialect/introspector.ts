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
   * catalog queries can run side by side (PostgreSQL, MySQL), or the
   * promise of them while they open: an introspector may start on `db`
   * meanwhile. Closed by the caller.
   */
  readonly helpers?: readonly Queryable[] | PromiseLike<readonly Queryable[]>
}

/**
 * Something a database holds that the schema model cannot represent (yet):
 * `pull` lists it, `check` calls it "not managed", and no migration drops it.
 *
 * @example
 * const view: UnmanagedObject = { kind: 'view', name: 'active_users' }
 */
export interface UnmanagedObject {
  /** What it is, in the database's words: `view`, `trigger`, `function`, `enum`, `partition of orders`, … */
  readonly kind: string
  /** Its name, schema-qualified outside the connection's own schema; a trigger's says its table. */
  readonly name: string
}

/**
 * Lists what a live database holds besides what its introspector reads.
 *
 * @example
 * import { dialects, openConnection } from './registry.js'
 * const list: UnmanagedReader = dialects.sqlite.unmanaged
 * await list(await openConnection(parseDatabaseUrl('sqlite:///app.db'))) // [{ kind: 'view', name: 'recent_posts' }]
 */
export type UnmanagedReader = (db: Queryable, options?: IntrospectOptions) => Promise<UnmanagedObject[]>

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
