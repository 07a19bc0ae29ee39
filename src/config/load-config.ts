import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { CONFIG_FILE_NAMES, type AthanorConfig } from './config.js'
import { validateConfig } from './validate-config.js'

export interface LoadedConfig {
  readonly config: AthanorConfig
  /** The file it came from, if any. */
  readonly file?: string
}

/** Finds the config file of a migrations folder (`DIR/athanor.config.ts`). */
function findConfigFile(directory: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(directory, name)
    if (existsSync(file)) return file
  }
  return undefined
}

/**
 * Loads a migrations folder's config: an explicit file, or the one inside the
 * folder, or an empty config when there is none.
 */
export async function loadConfig(directory: string, explicitFile?: string): Promise<LoadedConfig> {
  const file = explicitFile ? resolve(explicitFile) : findConfigFile(directory)
  if (!file) return { config: {} }
  if (!existsSync(file)) throw new AthanorError('CONFIG_NOT_FOUND', `config file ${file} does not exist`)
  // Imported only for a config file: a folder without one (the URL given by --url or DATABASE_URL) never loads the TypeScript loader.
  const { importModule } = await import('../script/import-module.js')
  // A config may hold a password: its compiled form is cached only sealed.
  const module = await importModule(file, { secret: true })
  const config = module['default'] ?? module['config']
  validateConfig(config, file)
  return { config, file }
}
