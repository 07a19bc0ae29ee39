import { resolve } from 'node:path'
import { DEFAULT_VERSION_TABLE, type AthanorConfig, type TransactionMode } from '../config/config.js'
import { parseDatabaseUrl, type DatabaseUrl } from '../config/database-url.js'
import { loadConfig } from '../config/load-config.js'
import { AthanorError } from '../errors.js'
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
  /** The database URL; wins over `DATABASE_URL` and the config. */
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
}

export async function openProject(options: CommandOptions): Promise<Project> {
  const directory = resolve(options.directory ?? 'migrations')
  const { config, file } = await loadConfig(directory, options.config)
  const env = options.env ?? process.env
  let scripts: Promise<ScriptDirectory> | undefined
  return {
    directory,
    config,
    ...(file ? { configFile: file } : {}),
    versionTable: config.versionTable ?? DEFAULT_VERSION_TABLE,
    transactionMode: options.transactionMode ?? config.transactionMode ?? 'per-migration',
    x: options.x ?? {},
    ...(options.tag === undefined ? {} : { tag: options.tag }),
    scripts: () => (scripts ??= ScriptDirectory.open(directory, config.versionLocations)),
    databaseUrl: () => {
      const url = options.url ?? env['DATABASE_URL'] ?? config.url
      if (!url) {
        throw new AthanorError(
          'NO_DATABASE_URL',
          `no database URL: pass --url, set DATABASE_URL, or set 'url' in ${file ?? `${directory}/athanor.config.ts`}`,
        )
      }
      return parseDatabaseUrl(url)
    },
  }
}
