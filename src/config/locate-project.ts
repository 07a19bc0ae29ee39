import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { CONFIG_FILE_NAMES, type AthanorConfig } from './config.js'
import { loadConfig } from './load-config.js'

/**
 * Where a project is: its config (if any), its migrations folder, and the
 * folder the environment's relative paths are read against.
 *
 * @example
 * const { directory, root } = await locateProject({})
 * // run from /srv/app/src with /srv/app/athanor.config.ts: directory '/srv/app/migrations', root '/srv/app'
 */
export interface ProjectLocation {
  readonly config: AthanorConfig
  /** The config file, absolute; absent when the project has none. */
  readonly configFile?: string
  /** The migrations folder, absolute. */
  readonly directory: string
  /**
   * The project's root: where `.env` files are read, and what a relative
   * SQLite URL from the config or the environment is relative to. The
   * config's folder; for a config inside its migrations folder (the layout
   * `athanor init` writes), the folder that holds the migrations folder,
   * where such projects have always run their commands, except when `-d` or
   * `-c` named the folder or file: then, as before, the working directory.
   * Without a config, the folder holding the migrations folder found, else
   * the working directory.
   */
  readonly root: string
}

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory()

/** The config file directly in `folder`, if any. */
export function configFileIn(folder: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(folder, name)
    if (existsSync(file)) return file
  }
  return undefined
}

/**
 * Finds the project from the options and the working directory:
 *
 * - `config` (`-c FILE`): that file; the migrations folder is `directory`
 *   if given, else the config's `directory`, else the one beside it.
 * - `directory` (`-d DIR`): that folder, with the config inside it, or else
 *   the nearest `athanor.config.ts` from the working directory upward.
 * - neither: from the working directory upward, the first folder holding
 *   `athanor.config.ts`, `migrations/athanor.config.ts`, or a `migrations/`
 *   folder; so a command run from `src/` finds the project above it.
 *
 * @example
 * const { configFile, directory } = await locateProject({ directory: 'db/migrations' })
 */
export async function locateProject(
  options: { readonly directory?: string; readonly config?: string },
  cwd = process.cwd(),
): Promise<ProjectLocation> {
  const given = options.directory === undefined ? undefined : resolve(cwd, options.directory)
  // Named on the command line: a config inside its migrations folder then
  // keeps reading the environment's paths from the working directory, as it
  // always has, so invocations that worked before land where they did.
  const named = { explicitRoot: cwd }
  if (options.config !== undefined) return fromConfig(await loadConfig(cwd, resolve(cwd, options.config)), given, named)
  if (given !== undefined) {
    const file = configFileIn(given) ?? nearest(cwd, (folder) => configFileIn(folder))
    return file === undefined
      ? { config: {}, directory: given, root: cwd }
      : fromConfig(await loadConfig(dirname(file), file), given, named)
  }
  for (let folder = cwd; ; folder = dirname(folder)) {
    const own = configFileIn(folder)
    if (own !== undefined) return fromConfig(await loadConfig(folder, own), undefined, {})
    const migrations = join(folder, 'migrations')
    const inside = configFileIn(migrations)
    if (inside !== undefined) return fromConfig(await loadConfig(migrations, inside), migrations, {})
    if (isFolder(migrations)) return { config: {}, directory: migrations, root: folder }
    if (dirname(folder) === folder) break
  }
  return { config: {}, directory: join(cwd, 'migrations'), root: cwd }
}

function nearest(start: string, find: (folder: string) => string | undefined): string | undefined {
  for (let folder = start; ; folder = dirname(folder)) {
    const found = find(folder)
    if (found !== undefined || dirname(folder) === folder) return found
  }
}

function fromConfig(
  loaded: { config: AthanorConfig; file?: string },
  directory: string | undefined,
  options: { readonly explicitRoot?: string },
): ProjectLocation {
  const file = loaded.file!
  const folder = dirname(file)
  const migrations = directory ?? migrationsFolderOf(loaded.config, folder)
  const insideMigrations = migrations === folder
  return {
    config: loaded.config,
    configFile: file,
    directory: migrations,
    root: insideMigrations ? (options.explicitRoot ?? dirname(folder)) : folder,
  }
}

/**
 * The migrations folder a config names: its `directory`; else, for a config
 * that sits in its migrations folder (a `versions/` beside it and no
 * `migrations/`), that folder; else `migrations/` beside the config.
 */
function migrationsFolderOf(config: AthanorConfig, folder: string): string {
  if (typeof config.directory === 'string') return resolve(folder, config.directory)
  const nested = join(folder, 'migrations')
  if (!isFolder(nested) && (isFolder(join(folder, 'versions')) || config.versionLocations !== undefined)) return folder
  return nested
}
