import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { importModule } from '../script/import-module.js'
import { CONFIG_FILE_NAMES, type AthanorConfig } from './config.js'
import { validateDatabases } from './databases.js'
import { parseLockTimeout } from './lock-timeout.js'
import { checkFileTemplate } from '../script/file-name.js'
import { invalidTimeoutSettings } from './run-timeouts.js'
import { validateAppOptions } from './validate-app-options.js'

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
  // Not through the compile cache: a config may hold a password.
  const module = await importModule(file, { cache: false })
  const config = (module['default'] ?? module['config']) as unknown
  if (typeof config !== 'object' || config === null) {
    throw new AthanorError('INVALID_CONFIG', `${file}: expected \`export default defineConfig({...})\``)
  }
  validateConfig(config as Record<string, unknown>, file)
  return { config: config as AthanorConfig, file }
}

const KNOWN_KEYS = new Set([
  'url',
  'directory',
  'env',
  'versionLocations',
  'models',
  'excludeTables',
  'versionTable',
  'transactionMode',
  'scriptTemplate',
  'fileTemplate',
  'strictRenames',
  'historyTable',
  'lockTimeout',
  'clusterLockExpiry',
  'stepTimeout',
  'statementTimeout',
  'ddlLockTimeout',
  'namingConvention',
  'databases',
])

function validateConfig(config: Record<string, unknown>, file: string): void {
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.has(key)) throw new AthanorError('INVALID_CONFIG', `${file}: unknown option '${key}'`)
  }
  const mode = config['transactionMode']
  if (mode !== undefined && mode !== 'per-migration' && mode !== 'single') {
    throw new AthanorError('INVALID_CONFIG', `${file}: transactionMode must be 'per-migration' or 'single', not ${JSON.stringify(mode)}`)
  }
  for (const key of ['versionTable', 'historyTable']) {
    const table = config[key]
    if (table !== undefined && (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(table))) {
      throw new AthanorError('INVALID_CONFIG', `${file}: ${key} must be a plain identifier, not ${JSON.stringify(table)}`)
    }
  }
  validateAppOptions(config, file)
  validateDatabases(config, file)
  if (config['fileTemplate'] !== undefined) {
    try {
      checkFileTemplate(config['fileTemplate'])
    } catch (error) {
      throw new AthanorError('INVALID_CONFIG', `${file}: ${(error as Error).message}`, { cause: error })
    }
  }
  if (config['strictRenames'] !== undefined && typeof config['strictRenames'] !== 'boolean') {
    throw new AthanorError('INVALID_CONFIG', `${file}: strictRenames must be true or false, not ${JSON.stringify(config['strictRenames'])}`)
  }
  for (const option of ['lockTimeout', 'clusterLockExpiry']) {
    const duration = config[option]
    if (duration === undefined) continue
    try {
      parseLockTimeout(duration as number | string, option)
    } catch (error) {
      throw new AthanorError('INVALID_CONFIG', `${file}: ${(error as Error).message}`, { cause: error })
    }
  }
  const [badTimeout] = invalidTimeoutSettings(config)
  if (badTimeout !== undefined) throw new AthanorError('INVALID_CONFIG', `${file}: ${badTimeout}`)
}
