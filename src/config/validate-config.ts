import { AthanorError } from '../core/errors.js'
import { checkFileTemplate } from '../script/file-name.js'
import type { AthanorConfig } from './config.js'
import { validateDatabases } from './databases.js'
import { validateTenants } from './tenants.js'
import { DURATION_FORMS, durationMs } from './duration.js'
import { parseLockTimeout } from './lock-timeout.js'
import { RETRY_COUNT_FORM, retryCount } from './run-timeouts.js'
import {
  isNonEmptyString,
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

const isDuration = (value: unknown) => durationMs(value) !== undefined

/** The keys of a naming convention, as SQLAlchemy's naming_convention spells them. */
const CONVENTION_KEYS = ['pk', 'uq', 'fk', 'ck'] as const

const checkNamingConvention: OptionCheck = (value, name) => {
  if (!isRecord(value)) {
    const example = "{ fk: 'fk_%(table_name)s_%(column_0_name)s' }"
    return `${name} must be an object of templates for pk, uq, fk or ck, such as ${example}, not ${showValue(value)}`
  }
  const unknown = unknownKeys(Object.keys(value), CONVENTION_KEYS, 'key')
  if (unknown !== undefined) return `${name}: ${unknown}`
  for (const key of CONVENTION_KEYS) {
    const template = value[key]
    if (template !== undefined && !isNonEmptyString(template)) {
      return `${name}.${key} must be a template string such as '${key}_%(table_name)s', not ${showValue(template)}`
    }
  }
  return undefined
}

const LINT_KEYS = ['rules', 'onUpgrade'] as const
const RULE_SETTINGS = ['off', 'warning', 'error']

const checkLint: OptionCheck = (value, name) => {
  if (!isRecord(value))
    return `${name} must be an object such as { rules: { 'drop-column': 'off' }, onUpgrade: 'warn' }, not ${showValue(value)}`
  const unknown = unknownKeys(Object.keys(value), LINT_KEYS, 'key')
  if (unknown !== undefined) return `${name}: ${unknown}`
  const { rules, onUpgrade } = value
  if (onUpgrade !== undefined && !['warn', 'error', 'off'].includes(onUpgrade as string)) {
    return `${name}.onUpgrade must be 'warn', 'error' or 'off', not ${showValue(onUpgrade)}`
  }
  if (rules === undefined) return undefined
  if (!isRecord(rules)) return `${name}.rules must be an object of rule codes to 'off', 'warning' or 'error', not ${showValue(rules)}`
  for (const [code, setting] of Object.entries(rules)) {
    if (!RULE_SETTINGS.includes(setting as string))
      return `${name}.rules['${code}'] must be 'off', 'warning' or 'error', not ${showValue(setting)}`
  }
  return undefined
}

/** Checks whose own functions throw with the option already named in their message. */
function throwing(check: (value: unknown) => unknown): OptionCheck {
  return (value) => {
    try {
      check(value)
      return undefined
    } catch (error) {
      if (error instanceof AthanorError) return error.message
      throw error
    }
  }
}

/**
 * One check per option of {@link AthanorConfig}: an option added to the
 * interface does not compile until it says what values it takes.
 * `databases` and `tenants` are checked apart (see validateDatabases and
 * validateTenants), since they have options of their own.
 */
const OPTION_CHECKS: Readonly<Record<Exclude<keyof AthanorConfig, 'databases' | 'tenants'>, OptionCheck>> = {
  url: mustBe(URL_FORM, isUrlSetting),
  shadowUrl: mustBe(URL_FORM, isUrlSetting),
  directory: mustBe("a folder path such as 'migrations'", isNonEmptyString),
  env: mustBe("a list of strings such as ['.env', '.env.local']", isStringList),
  versionLocations: mustBe("a non-empty list of folder names such as ['versions']", (value) => isStringList(value) && value.length > 0),
  models: mustBe("a module path string such as '../src/models.ts'", isNonEmptyString),
  excludeTables: mustBe(TABLE_PATTERNS_FORM, isStringList),
  versionTable: mustBe(PLAIN_IDENTIFIER_FORM, isPlainIdentifier),
  historyTable: mustBe(PLAIN_IDENTIFIER_FORM, isPlainIdentifier),
  expectedHeads: mustBe("a list of revision ids or branch labels such as ['ae1027a6acf0']", isStringList),
  transactionMode: mustBe("'per-migration' or 'single'", (value) => value === 'per-migration' || value === 'single'),
  scriptTemplate: mustBe("a template file path string such as 'script.ts.template'", isNonEmptyString),
  strictRenames: mustBe('true or false', (value) => typeof value === 'boolean'),
  safeOperations: mustBe('true or false', (value) => typeof value === 'boolean'),
  fileTemplate: throwing(checkFileTemplate),
  lockTimeout: throwing((value) => parseLockTimeout(value as number | string, 'lockTimeout')),
  clusterLockExpiry: throwing((value) => parseLockTimeout(value as number | string, 'clusterLockExpiry')),
  stepTimeout: mustBe(DURATION_FORMS, isDuration),
  statementTimeout: mustBe(DURATION_FORMS, isDuration),
  ddlLockTimeout: mustBe(DURATION_FORMS, isDuration),
  ddlLockRetries: mustBe(RETRY_COUNT_FORM, (value) => typeof value === 'number' && retryCount(value) !== undefined),
  ddlLockRetryDelay: mustBe(DURATION_FORMS, isDuration),
  namingConvention: checkNamingConvention,
  serverVersion: mustBe("a version string such as '16' or '10.11-MariaDB'", (value) => isNonEmptyString(value) && /\d/.test(value)),
  lint: checkLint,
}

const OPTION_NAMES = [...Object.keys(OPTION_CHECKS), 'databases', 'tenants']

/**
 * Checks a loaded config's every option, so a value of the wrong type stops
 * the command at once with one line naming the file, the option and the
 * form it takes, rather than failing later and far away (`url.trim is not a
 * function`), or being ignored.
 *
 * @example
 * validateConfig({ url: 42 }, '/app/migrations/athanor.config.ts')
 * // throws INVALID_CONFIG: /app/migrations/athanor.config.ts: url must be a URL string or env('VARIABLE'), …, not 42
 */
export function validateConfig(config: unknown, file: string): asserts config is AthanorConfig {
  if (!isRecord(config)) {
    throw new AthanorError('INVALID_CONFIG', `${file}: expected \`export default defineConfig({...})\`, not ${showValue(config)}`)
  }
  const fail: (problem: string) => never = (problem) => {
    throw new AthanorError('INVALID_CONFIG', `${file}: ${problem}`)
  }
  const unknown = unknownKeys(Object.keys(config), OPTION_NAMES, 'option')
  if (unknown !== undefined) fail(unknown)
  for (const [name, check] of Object.entries(OPTION_CHECKS)) {
    const value = config[name]
    if (value === undefined) continue
    const problem = check(value, name)
    if (problem !== undefined) fail(problem)
  }
  validateDatabases(config, file)
  validateTenants(config, file)
}
