import type { DatabaseUrl } from '../core/database-url.js'
import type { DialectName } from '../core/dialect-name.js'
import { AthanorError } from '../core/errors.js'
import type { Dialect, DialectCapabilities, DriverEntry } from './dialect.js'
import type { DiffHooks } from './diff-hooks.js'
import type { DatabaseConnection } from './driver.js'
import type { ScratchDatabases } from './scratch.js'
import { driverEntryOf, openDialectConnection, rememberDialects } from './dialect-loader.js'
import { mysqlDialect } from './mysql/dialect.js'
import { postgresqlDialect } from './postgresql/dialect.js'
import { sqliteDialect } from './sqlite/dialect.js'

/**
 * Every dialect, by name. Keyed by {@link DialectName}, so a family named in
 * `core/dialect-name.ts` does not compile until it has its dialect here.
 *
 * @example
 * dialects.postgresql.compiler.quoteIdentifier('user') // '"user"'
 */
export const dialects: Readonly<Record<DialectName, Dialect>> = {
  sqlite: sqliteDialect,
  postgresql: postgresqlDialect,
  mysql: mysqlDialect,
}
rememberDialects(Object.values(dialects))

/**
 * The dialect of a name (`mariadb` is `mysql`); an unknown name is an
 * `UNSUPPORTED_DIALECT` error.
 *
 * @example
 * dialectNamed('sqlite').compiler.quoteIdentifier('user') // '"user"'
 */
export function dialectNamed(name: string): Dialect {
  const key = name === 'mariadb' ? 'mysql' : name
  const dialect = Object.hasOwn(dialects, key) ? dialects[key as DialectName] : undefined
  if (dialect === undefined) {
    throw new AthanorError('UNSUPPORTED_DIALECT', `Unknown dialect "${name}"; expected one of ${Object.keys(dialects).join(', ')}`)
  }
  return dialect
}

/**
 * The differ's hooks for a dialect: what it counts as equal.
 *
 * @example
 * diffHooksFor('postgresql').typeKey({ name: 'a', type: { kind: 'string', length: 20 } }) // 'VARCHAR(20)'
 */
export function diffHooksFor(name: DialectName): DiffHooks {
  return dialectNamed(name).diffHooks
}

/** The driver a URL reaches its database with (see driverEntryOf). */
function driverFor(url: DatabaseUrl): DriverEntry {
  return driverEntryOf(dialectNamed(url.dialect), url)
}

/**
 * What the database behind a URL can do: its dialect's capabilities, less
 * what its driver cannot (PGlite serves one session, so it has no second
 * connection to read the catalog on).
 *
 * @example
 * capabilitiesOf(parseDatabaseUrl('pglite://')).catalogConnections // 0
 */
export function capabilitiesOf(url: DatabaseUrl): DialectCapabilities {
  return { ...dialectNamed(url.dialect).capabilities, ...driverFor(url).capabilities }
}

/**
 * How `athanor test` makes scratch databases for a URL: its driver's way,
 * else its dialect's.
 *
 * @example
 * scratchDatabasesFor(parseDatabaseUrl('sqlite:///app.db')) === dialects.sqlite.scratch // true
 */
export function scratchDatabasesFor(url: DatabaseUrl): ScratchDatabases {
  return driverFor(url).scratch ?? dialectNamed(url.dialect).scratch
}

/**
 * Opens a connection for a URL through its driver. Drivers are imported on
 * demand, so a SQLite project never loads a network driver. A failure to
 * connect is one line naming the server, host, port and user, never the
 * password.
 *
 * @example
 * const connection = await openConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * try { await connection.query('SELECT 1') } finally { await connection.close() }
 */
export function openConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  return openDialectConnection(url)
}
