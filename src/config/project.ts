import { dirname, join, resolve } from 'node:path'
import { DEFAULT_VERSION_TABLE, type AthanorConfig, type TransactionMode } from './config.js'
import { parseDatabaseUrl, type DatabaseUrl } from '../core/database-url.js'
import { databaseNames, databaseSettings, urlVariable } from './databases.js'
import { DEFAULT_ENV_FILES, loadEnvFiles } from './env-files.js'
import { configuredUrl, type EnvReference } from './env-reference.js'
import { locateProject } from './locate-project.js'
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
  /**
   * The migrations folder, relative to the working directory (default: the
   * config's `directory`, else the `migrations` folder found with the config).
   */
  readonly directory?: string
  /**
   * The database URL; wins over `DATABASE_URL` and the config. A relative
   * SQLite path is relative to the working directory. With several
   * databases, only together with `db`.
   */
  readonly url?: string
  /**
   * An explicit config file instead of the one found from the working
   * directory upward (`athanor.config.ts`, or `migrations/athanor.config.ts`).
   */
  readonly config?: string
  /** `-x key=value` arguments for the scripts. */
  readonly x?: Readonly<Record<string, string>>
  /**
   * The environment to read `DATABASE_URL` and `env('VAR')` from (default
   * `process.env`), completed by the project's `.env` files.
   */
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
  /** The migrations folder, absolute. */
  readonly directory: string
  /**
   * The config, with `versionLocations` and `scriptTemplate` made absolute
   * (they are relative to the config's folder).
   */
  readonly config: AthanorConfig
  readonly configFile?: string
  /** Where `.env` files are read and relative SQLite URLs of the config and environment point (see {@link locateProject}). */
  readonly root: string
  readonly versionTable: string
  readonly transactionMode: TransactionMode
  readonly x: Readonly<Record<string, string>>
  readonly tag?: string
  /** The scripts and their graph, read on first use. */
  scripts(): Promise<ScriptDirectory>
  /** The database URL by precedence: option, `DATABASE_URL`, config. */
  databaseUrl(): DatabaseUrl
  /** The config's `shadowUrl`, where `--offline` replays the migrations; `undefined` when it sets none. */
  shadowUrl(): DatabaseUrl | undefined
  /** Several databases: every name, the default first. Absent for a single-database project. */
  readonly databases?: readonly string[]
  /** Several databases: the one this view of the project works on. */
  readonly database?: string
  /** The view of one database: its URL, version table and script functions. */
  forDatabase(name: string): Project
  /**
   * A URL the config gives (`tenants.urls`, `tenants.url`): the text, or the
   * variable `env('VAR')` names, read from the environment and `.env` files;
   * a relative SQLite path is relative to the project's root.
   */
  configuredUrl(setting: string | EnvReference): DatabaseUrl
}

/**
 * Opens the project a command works on: finds its config and migrations
 * folder (see {@link locateProject}), reads its `.env` files, and answers
 * its database URLs.
 *
 * @example
 * const project = await openProject({})
 * project.databaseUrl().redacted // from --url, DATABASE_URL (or .env), or the config's url
 */
export async function openProject(options: CommandOptions): Promise<Project> {
  const cwd = process.cwd()
  const located = await locateProject(options, cwd)
  const { directory, configFile: file, root } = located
  const config = absolutePaths(located.config, file === undefined ? directory : dirname(file))
  const env = loadEnvFiles(root, config.env ?? DEFAULT_ENV_FILES, options.env ?? process.env)
  const configPath = file ?? join(directory, 'athanor.config.ts')
  const where = { config: configPath, envFile: join(root, (config.env ?? DEFAULT_ENV_FILES)[0] ?? '.env') }
  // --url is the caller's, relative to where it runs; the config and the environment belong to the project.
  const parse = (url: string, fromCaller: boolean) => parseDatabaseUrl(url, fromCaller ? cwd : root)
  const names = databaseNames(config)
  let scripts: Promise<ScriptDirectory> | undefined
  const allScripts = () => (scripts ??= ScriptDirectory.open(directory, config.versionLocations))
  const base = {
    directory,
    root,
    ...(file ? { configFile: file } : {}),
    transactionMode: options.transactionMode ?? config.transactionMode ?? 'per-migration',
    x: options.x ?? {},
    ...(options.tag === undefined ? {} : { tag: options.tag }),
    shadowUrl: () => (config.shadowUrl === undefined ? undefined : parse(configuredUrl(config.shadowUrl, env, where), false)),
    configuredUrl: (setting: string | EnvReference) => parse(configuredUrl(setting, env, where), false),
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
    const viewConfig: AthanorConfig = {
      ...shared,
      ...(settings.historyTable === undefined ? {} : { historyTable: settings.historyTable }),
      ...(settings.excludeTables === undefined ? {} : { excludeTables: settings.excludeTables }),
    }
    let view: Promise<ScriptDirectory> | undefined
    return {
      ...base,
      config: viewConfig,
      versionTable: settings.versionTable ?? DEFAULT_VERSION_TABLE,
      databases: names,
      database: name,
      scripts: () => (view ??= allScripts().then((all) => all.forDatabase({ name, isDefault, names }))),
      databaseUrl: () => {
        const given = options.db === name ? options.url : undefined
        if (given) return parse(given, true)
        const url = env[variable] || (settings.url === undefined ? undefined : configuredUrl(settings.url, env, where))
        if (!url) {
          throw new AthanorError(
            'NO_DATABASE_URL',
            `no URL for database '${name}': set databases.${name}.url in ${configPath} or ${variable}`,
          )
        }
        return parse(url, false)
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
      if (options.url) return parse(options.url, true)
      const url = env['DATABASE_URL'] || (config.url === undefined ? undefined : configuredUrl(config.url, env, where))
      if (!url) {
        throw new AthanorError('NO_DATABASE_URL', `no database URL: pass --url, set DATABASE_URL, or set 'url' in ${configPath}`)
      }
      return parse(url, false)
    },
    forDatabase,
  }
}

/** The config's paths to files athanor reads, made absolute from the config's folder. */
function absolutePaths(config: AthanorConfig, folder: string): AthanorConfig {
  return {
    ...config,
    ...(config.versionLocations === undefined ? {} : { versionLocations: config.versionLocations.map((path) => resolve(folder, path)) }),
    ...(config.scriptTemplate === undefined ? {} : { scriptTemplate: resolve(folder, config.scriptTemplate) }),
  }
}
