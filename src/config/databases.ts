import { AthanorError } from '../core/errors.js'
import type { AthanorConfig, DatabaseConfig } from './config.js'

/**
 * Names a database can take: identifiers, so a name is also a method name
 * in a script (`async db1(op) {…}`), a bind key and an environment variable
 * suffix (`DATABASE_URL_DB1`) without quoting. `__proto__` would set an
 * object literal's prototype instead of naming a database.
 */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const DATABASE_KEYS = new Set(['url', 'versionTable', 'historyTable', 'excludeTables'])

/**
 * The database names of a config, in order (the first is the default), or
 * `undefined` for a single-database project.
 *
 * @example
 * databaseNames({ databases: { default: {}, db1: {} } }) // ['default', 'db1']
 */
export function databaseNames(config: AthanorConfig): readonly string[] | undefined {
  const databases = config.databases
  return databases === undefined ? undefined : Object.keys(databases)
}

/** Checks the `databases` section of a config file; errors name the file and the database. */
export function validateDatabases(config: Record<string, unknown>, file: string): void {
  const databases = config['databases']
  if (databases === undefined) return
  if (typeof databases !== 'object' || databases === null || Array.isArray(databases)) {
    throw new AthanorError('INVALID_CONFIG', `${file}: databases must map names to { url }, e.g. { default: { url: 'sqlite:///app.db' } }`)
  }
  if (config['url'] !== undefined) {
    throw new AthanorError('INVALID_CONFIG', `${file}: set either url or databases, not both; the default database's url goes in databases`)
  }
  const names = Object.keys(databases)
  if (names.length === 0) throw new AthanorError('INVALID_CONFIG', `${file}: databases is empty; name at least one database`)
  for (const name of names) {
    if (!DATABASE_NAME.test(name) || name === '__proto__') {
      throw new AthanorError('INVALID_CONFIG', `${file}: database name ${JSON.stringify(name)} must be an identifier (letters, digits, _)`)
    }
    const entry = (databases as Record<string, unknown>)[name]
    if (typeof entry !== 'object' || entry === null) {
      throw new AthanorError('INVALID_CONFIG', `${file}: databases.${name} must be an object like { url: 'sqlite:///${name}.db' }`)
    }
    for (const key of Object.keys(entry)) {
      if (!DATABASE_KEYS.has(key)) throw new AthanorError('INVALID_CONFIG', `${file}: databases.${name}: unknown option '${key}'`)
    }
    const settings = entry as Record<string, unknown>
    for (const key of ['versionTable', 'historyTable']) {
      const table = settings[key]
      if (table !== undefined && (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table))) {
        throw new AthanorError(
          'INVALID_CONFIG',
          `${file}: databases.${name}.${key} must be a plain identifier, not ${JSON.stringify(table)}`,
        )
      }
    }
  }
}

/**
 * The environment variable that overrides a database's URL: `DATABASE_URL`
 * for the default database (as in a single-database project), else
 * `DATABASE_URL_<NAME>`, so a deployment sets each database the same way.
 *
 * @example
 * urlVariable('db1', false) // 'DATABASE_URL_DB1'
 */
export function urlVariable(name: string, isDefault: boolean): string {
  return isDefault ? 'DATABASE_URL' : `DATABASE_URL_${name.toUpperCase()}`
}

/** One database's settings, with the config's top-level tables as defaults. */
export function databaseSettings(config: AthanorConfig, name: string): DatabaseConfig {
  const own = config.databases?.[name] ?? {}
  const versionTable = own.versionTable ?? config.versionTable
  const historyTable = own.historyTable ?? config.historyTable
  // The config's exclusions hold in every database; a database's own add to them.
  const excludeTables = [...(config.excludeTables ?? []), ...(own.excludeTables ?? [])]
  return {
    ...(own.url === undefined ? {} : { url: own.url }),
    ...(excludeTables.length === 0 ? {} : { excludeTables }),
    ...(versionTable === undefined ? {} : { versionTable }),
    ...(historyTable === undefined ? {} : { historyTable }),
  }
}
