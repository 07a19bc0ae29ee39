import type { DatabaseUrl } from '../core/database-url.js'
import type { DialectName } from '../core/dialect-name.js'
import { AthanorError } from '../core/errors.js'
import type { Dialect, DriverEntry } from './dialect.js'
import type { DatabaseConnection } from './driver.js'

/**
 * Each dialect's module, imported when a connection to its database is
 * opened: `current` and `history -i` read one database, and compiling the
 * other two dialects was a quarter of what they loaded. The registry
 * (registry.ts) imports all three at once for the commands that need them
 * by name before any connection (offline SQL, autogenerate, lint).
 */
const DIALECT_MODULES: Readonly<Record<DialectName, () => Promise<Dialect>>> = {
  sqlite: async () => (await import('./sqlite/dialect.js')).sqliteDialect,
  postgresql: async () => (await import('./postgresql/dialect.js')).postgresqlDialect,
  mysql: async () => (await import('./mysql/dialect.js')).mysqlDialect,
}

const loaded = new Map<DialectName, Dialect>()

/**
 * Records dialects loaded another way (the registry loads all three), so a
 * connection opened through either way finds its dialect.
 *
 * @example
 * import { sqliteDialect } from './sqlite/dialect.js'
 * rememberDialects([sqliteDialect])
 */
export function rememberDialects(dialects: readonly Dialect[]): void {
  for (const dialect of dialects) loaded.set(dialect.name, dialect)
}

/**
 * The dialect of a name, its module imported on first use.
 *
 * @example
 * const dialect = await loadDialect('sqlite')
 * dialect.compiler.quoteIdentifier('user') // '"user"'
 */
export async function loadDialect(name: DialectName): Promise<Dialect> {
  const known = loaded.get(name)
  if (known !== undefined) return known
  const load = Object.hasOwn(DIALECT_MODULES, name) ? DIALECT_MODULES[name] : undefined
  if (load === undefined) {
    throw new AthanorError('UNSUPPORTED_DIALECT', `Unknown dialect "${name}"; expected one of ${Object.keys(DIALECT_MODULES).join(', ')}`)
  }
  const dialect = await load()
  loaded.set(name, dialect)
  return dialect
}

/**
 * The dialect of an open connection: loaded when the connection was opened
 * (see {@link openDialectConnection}), or with the registry.
 *
 * @example
 * const connection = await openDialectConnection(parseDatabaseUrl('sqlite:///app.db'))
 * dialectOfConnection(connection).name // 'sqlite'
 */
export function dialectOfConnection(connection: Pick<DatabaseConnection, 'dialect'>): Dialect {
  const dialect = loaded.get(connection.dialect)
  if (dialect === undefined) {
    throw new Error(`the ${connection.dialect} dialect is not loaded: open connections with openConnection, or import dialect/registry.js`)
  }
  return dialect
}

/**
 * The driver a URL reaches its database with: the one its scheme's suffix
 * names (`postgresql+pg://`), else the dialect's default. Suffixes of other
 * tools (`postgresql+psycopg2://`, copied from a SQLAlchemy project) mean
 * the default.
 *
 * @example
 * const url = parseDatabaseUrl('mysql+pymysql://root@127.0.0.1/app') // copied from a SQLAlchemy project
 * driverEntryOf(await loadDialect(url.dialect), url).name // 'mysql2', the default
 */
export function driverEntryOf(dialect: Dialect, url: DatabaseUrl): DriverEntry {
  return dialect.drivers.find((entry) => entry.name === url.driver) ?? dialect.drivers[0]
}

/**
 * Opens a connection for a URL through its driver, importing its dialect
 * and its driver on demand, so a SQLite project never loads a network
 * driver nor the other dialects.
 *
 * @example
 * const connection = await openDialectConnection(parseDatabaseUrl('postgresql://postgres@127.0.0.1/app'))
 * try { await connection.query('SELECT 1') } finally { await connection.close() }
 */
export async function openDialectConnection(url: DatabaseUrl): Promise<DatabaseConnection> {
  const driver = await driverEntryOf(await loadDialect(url.dialect), url).load()
  return driver.open(url)
}
