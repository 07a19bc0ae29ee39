import type { DatabaseUrl } from '../core/database-url.js'
import type { DatabaseConnection } from './driver.js'
import type { Queryable } from './introspector.js'

/**
 * A database that exists only for one `athanor test` run: created empty,
 * dropped afterwards, never one that holds anybody's data.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const scratch = await dialectNamed('sqlite').scratch.create(parseDatabaseUrl('sqlite:///app.db'), 'athanor_test_1a2b3c', openConnection)
 * scratch.label // 'SQLite in memory'
 */
export interface ScratchDatabase {
  /** Where to connect to it. */
  readonly url: DatabaseUrl
  /** What the output calls it: the database's name and server, or "SQLite in memory". */
  readonly label: string
  /**
   * A database that lives only as long as one connection (SQLite in memory)
   * must be used through one connection: every phase of a test shares it.
   */
  readonly singleConnection: boolean
  /** Removes it; nothing happens for one that goes away with its connection. */
  drop(): Promise<void>
}

/**
 * How a dialect makes scratch databases: SQLite in memory; on a server, a
 * database of a fresh name created through the given URL's server and
 * dropped with everything in it.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const server = parseDatabaseUrl('postgresql://postgres@127.0.0.1/app')
 * const scratch = await dialectNamed('postgresql').scratch.create(server, 'athanor_test_1a2b3c', openConnection)
 * try { console.log(scratch.label) } finally { await scratch.drop() }
 */
export interface ScratchDatabases {
  /** `open` reaches the server through the URL's own driver; the server's database itself is only connected to. */
  create(server: DatabaseUrl, name: string, open: (url: DatabaseUrl) => Promise<DatabaseConnection>): Promise<ScratchDatabase>
  /** Whether the database behind `db` holds any table, view or routine of its own (for a scratch database the user names). */
  isEmpty(db: Queryable): Promise<boolean>
  /**
   * Besides the scripts, all that decides the catalog a replay builds on a
   * scratch database of `server`: an embedded engine's build and the URL's
   * parameters. Absent where a server's own state decides it too (its
   * version, its extensions): such a catalog is not kept between runs.
   */
  catalogIdentity?(server: DatabaseUrl): string | undefined
}

/**
 * The URL of another database on the same server: the same credentials,
 * host and parameters, another database name.
 *
 * @example
 * const scratch = onSameServer(parseDatabaseUrl('postgresql://app:pw@db/shop'), 'athanor_test_1a2b3c')
 * scratch.redacted // 'postgresql://app:***@db/athanor_test_1a2b3c'
 */
export function onSameServer(url: DatabaseUrl, database: string): DatabaseUrl {
  const redacted = url.redacted.replace(/^([^:]+:\/\/[^/?#]*)(\/[^?#]*)?/, `$1/${database}`)
  return { ...url, database, redacted }
}
