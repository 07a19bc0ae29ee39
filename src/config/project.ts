import { resolve } from 'node:path'
import { DEFAULT_VERSION_TABLE, type AthanorConfig, type TransactionMode } from './config.js'
import { parseDatabaseUrl, type DatabaseUrl } from '../core/database-url.js'
import { databaseNames, databaseSettings, urlVariable } from './databases.js'
import { loadConfig } from './load-config.js'
import { AthanorError } from '../core/errors.js'
import { ScriptDirectory } from '../script/script-directory.js'

/**
 * What every command starts from. The same options whether they come from
 * the CLI or from an application calling the API.
 *
 * @example
 * await upgrade({ directory: 'migrations', url: process.env.DATABASE_URL }, 'head')
 */
export interface CommandOptions {
  /** The migrations folder (default `migrations`). */
  readonly directory?: string
  /** The database URL; wins over `DATABASE_URL` and the config. With several databases, only together with `db`. */
  readonly url?: string
  /** An explicit config file instead of `<directory>/athanor.config.ts`. */
  readonly config?: string
  /** `-x key=value` arguments for the scripts. */
  readonly x?: Readonly<Record<string, string>>
  /** The environment to read `DATABASE_URL` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly transactionMode?: TransactionMode
  /** `--tag`: an arbitrary string handed to the scripts as `op.context.tag`. */
  readonly tag?: string
  /**
   * `--db NAME`: in a project with several databases (`databases` in the
   * config), work on this one only; without it, on all of them in order.
   */
  readonly db?: string
}

/** A migrations folder with its config, resolved once per command. */
export interface Project {
  readonly directory: string
  readonly config: AthanorConfig
  readonly configFile?: string
  readonly versionTable: string
  readonly transactionMode: TransactionMode
  readonly x: Readonly<Record<string, string>>
  readonly tag?: string
  /** The scripts and their graph, read on first use. */
  scripts(): Promise<ScriptDirectory>
  /** The database URL by precedence: option, `DATABASE_URL`, config. */
  databaseUrl(): DatabaseUrl
  /** Several databases: every name, the default first. Absent for a single-database project. */
  readonly databases?: readonly string[]
  /** Several databases: the one this view of the project works on. */
  readonly database?: string
  /** The view of one database: its URL, version table and script functions. */
  forDatabase(name: string): Project
}

export async function openProject(options: CommandOptions): Promise<Project> {
  const directory = resolve(options.directory ?? 'migrations')
  const { config, file } = await loadConfig(directory, options.config)
  const env = options.env ?? process.env
  const configPath = file ?? `${directory}/athanor.config.ts`
  const names = databaseNames(config)
  let scripts: Promise<ScriptDirectory> | undefined
  const allScripts = () => (scripts ??= ScriptDirectory.open(directory, config.versionLocations))
  const base = {
    directory,
    ...(file ? { configFile: file } : {}),
    transactionMode: options.transactionMode ?? config.transactionMode ?? 'per-migration',
    x: options.x ?? {},
    ...(options.tag === undefined ? {} : { tag: options.tag }),
  }

  const forDatabase = (name: string): Project => {
    if (names === undefined) {
      throw new AthanorError('NOT_MULTIDB', `--db ${name}: ${configPath} declares no databases; --db needs a 'databases' section`)
    }
    if (!names.includes(name)) {
      throw new AthanorError('UNKNOWN_DATABASE', `no database '${name}' in ${configPath}; its databases are ${names.join(', ')}`)
    }
    const isDefault = names[0] === name
    const settings = databaseSettings(config, name)
    const variable = urlVariable(name, isDefault)
    // The view's config carries this database's tables, so every command
    // that reads `config.historyTable` sees the right one.
    const { databases: _all, ...shared } = config
    const viewConfig: AthanorConfig = { ...shared, ...(settings.historyTable === undefined ? {} : { historyTable: settings.historyTable }) }
    let view: Promise<ScriptDirectory> | undefined
    return {
      ...base,
      config: viewConfig,
      versionTable: settings.versionTable ?? DEFAULT_VERSION_TABLE,
      databases: names,
      database: name,
      scripts: () => (view ??= allScripts().then((all) => all.forDatabase({ name, isDefault, names }))),
      databaseUrl: () => {
        const url = (options.db === name ? options.url : undefined) ?? env[variable] ?? settings.url
        if (!url) {
          throw new AthanorError(
            'NO_DATABASE_URL',
            `no URL for database '${name}': set databases.${name}.url in ${configPath} or ${variable}`,
          )
        }
        return parseDatabaseUrl(url)
      },
      forDatabase,
    }
  }

  return {
    ...base,
    config,
    versionTable: config.versionTable ?? DEFAULT_VERSION_TABLE,
    ...(names === undefined ? {} : { databases: names }),
    scripts: allScripts,
    databaseUrl: () => {
      if (names !== undefined) {
        throw new AthanorError(
          'MULTIDB_NEEDS_DB',
          `${configPath} declares several databases (${names.join(', ')}); name one with --db NAME`,
        )
      }
      const url = options.url ?? env['DATABASE_URL'] ?? config.url
      if (!url) {
        throw new AthanorError('NO_DATABASE_URL', `no database URL: pass --url, set DATABASE_URL, or set 'url' in ${configPath}`)
      }
      return parseDatabaseUrl(url)
    },
    forDatabase,
  }
}
