import { AthanorError } from '../core/errors.js'
import { isEnvReference } from './env-reference.js'

/**
 * Checks the options that place a project and read its environment: `url`
 * (text or `env('VAR')`), `directory`, `env` and `excludeTables`, at the
 * top level and in each database. Errors name the file and the option.
 *
 * @example
 * validateAppOptions({ url: 42 }, 'athanor.config.ts') // throws INVALID_CONFIG: athanor.config.ts: url must be ...
 */
export function validateAppOptions(config: Record<string, unknown>, file: string): void {
  checkUrl(config['url'], 'url', file)
  const directory = config['directory']
  if (directory !== undefined && (typeof directory !== 'string' || directory === '')) {
    throw new AthanorError(
      'INVALID_CONFIG',
      `${file}: directory must be a folder path such as 'migrations', not ${JSON.stringify(directory)}`,
    )
  }
  checkStrings(config['env'], 'env', file, "['.env', '.env.local']")
  checkStrings(config['excludeTables'], 'excludeTables', file, "['legacy_*']")
  const databases = config['databases']
  if (typeof databases !== 'object' || databases === null) return
  for (const [name, entry] of Object.entries(databases)) {
    if (typeof entry !== 'object' || entry === null) continue
    checkUrl((entry as Record<string, unknown>)['url'], `databases.${name}.url`, file)
    checkStrings((entry as Record<string, unknown>)['excludeTables'], `databases.${name}.excludeTables`, file, "['legacy_*']")
  }
}

function checkUrl(url: unknown, option: string, file: string): void {
  if (url === undefined || typeof url === 'string' || isEnvReference(url)) return
  throw new AthanorError('INVALID_CONFIG', `${file}: ${option} must be a URL string or env('VARIABLE'), not ${describe(url)}`)
}

function checkStrings(value: unknown, option: string, file: string, example: string): void {
  if (value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) return
  throw new AthanorError('INVALID_CONFIG', `${file}: ${option} must be a list of strings, e.g. ${example}, not ${describe(value)}`)
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
