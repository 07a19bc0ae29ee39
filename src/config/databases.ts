import { AthanorError } from '../core/errors.js'
import type { AthanorConfig, DatabaseConfig } from './config.js'
import {
  isPlainIdentifier,
  isRecord,
  isStringList,
  isUrlSetting,
  mustBe,
  type OptionCheck,
  PLAIN_IDENTIFIER_FORM,
  TABLE_PATTERNS_FORM,
  URL_FORM,
} from './option-checks.js'
import { unknownKeys } from '../core/unknown-keys.js'
import { showValue } from '../core/show-value.js'

/**
 * Names a database can take: identifiers, so a name is also a method name
 * in a script (`async db1(op) {…}`), a bind key and an environment variable
 * suffix (`DATABASE_URL_DB1`) without quoting. `__proto__` would set an
 * object literal's prototype instead of naming a database.
 */
const isDatabaseName = (name: string) => isPlainIdentifier(name) && name !== '__proto__'

/** One check per option of {@link DatabaseConfig}, as the config's own (see validateConfig). */
const DATABASE_CHECKS: Readonly<Record<keyof DatabaseConfig, OptionCheck>> = {
  url: mustBe(URL_FORM, isUrlSetting),
  versionTable: mustBe(PLAIN_IDENTIFIER_FORM, isPlainIdentifier),
  historyTable: mustBe(PLAIN_IDENTIFIER_FORM, isPlainIdentifier),
  excludeTables: mustBe(TABLE_PATTERNS_FORM, isStringList),
}

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
  const fail: (problem: string) => never = (problem) => {
    throw new AthanorError('INVALID_CONFIG', `${file}: ${problem}`)
  }
  if (!isRecord(databases)) {
    fail(`databases must map names to { url }, e.g. { default: { url: 'sqlite:///app.db' } }, not ${showValue(databases)}`)
  }
  if (config['url'] !== undefined) fail("set either url or databases, not both; the default database's url goes in databases")
  const names = Object.keys(databases)
  if (names.length === 0) fail('databases is empty; name at least one database')
  for (const name of names) {
    if (!isDatabaseName(name)) fail(`database name ${JSON.stringify(name)} must be an identifier (letters, digits, _)`)
    const entry = databases[name]
    if (!isRecord(entry)) fail(`databases.${name} must be an object like { url: 'sqlite:///${name}.db' }, not ${showValue(entry)}`)
    const unknown = unknownKeys(Object.keys(entry), Object.keys(DATABASE_CHECKS), 'option')
    if (unknown !== undefined) fail(`databases.${name}: ${unknown}`)
    for (const [key, check] of Object.entries(DATABASE_CHECKS)) {
      const problem = entry[key] === undefined ? undefined : check(entry[key], `databases.${name}.${key}`)
      if (problem !== undefined) fail(problem)
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
