import { AthanorError } from '../core/errors.js'
import { showValue } from '../core/show-value.js'
import type { TenantsConfig } from './config.js'
import { isNonEmptyString, isRecord, isUrlSetting, mustBe, type OptionCheck, URL_FORM } from './option-checks.js'
import { unknownKeys } from '../core/unknown-keys.js'

/** The ways `tenants` can name its databases; exactly one of them. */
const SOURCES = ['urls', 'query', 'pattern'] as const

const TENANT_CHECKS: Readonly<Record<keyof TenantsConfig, OptionCheck>> = {
  urls: mustBe(
    "a non-empty list of URL strings or env('VARIABLE'), such as ['sqlite:///a.db', 'sqlite:///b.db']",
    (value) => Array.isArray(value) && value.length > 0 && value.every(isUrlSetting),
  ),
  query: mustBe("SQL text such as 'SELECT schema_name FROM tenant'", isNonEmptyString),
  pattern: mustBe("a LIKE pattern such as 'tenant_%'", isNonEmptyString),
  url: mustBe(URL_FORM, isUrlSetting),
}

/**
 * Checks the `tenants` section of a config file: an object with exactly one
 * of `urls`, `query` and `pattern`, each of its form; errors name the file
 * and the option.
 *
 * @example
 * validateTenants({ tenants: { pattern: 'tenant_%', query: 'SELECT 1' } }, 'athanor.config.ts')
 * // throws INVALID_CONFIG: athanor.config.ts: tenants takes one of urls, query and pattern, not query and pattern
 */
export function validateTenants(config: Record<string, unknown>, file: string): void {
  const tenants = config['tenants']
  if (tenants === undefined) return
  const fail: (problem: string) => never = (problem) => {
    throw new AthanorError('INVALID_CONFIG', `${file}: ${problem}`)
  }
  if (!isRecord(tenants)) fail(`tenants must be an object such as { pattern: 'tenant_%' }, not ${showValue(tenants)}`)
  if (config['databases'] !== undefined) fail('set either databases or tenants, not both: --all runs the same migrations on every tenant')
  const unknown = unknownKeys(Object.keys(tenants), Object.keys(TENANT_CHECKS), 'option')
  if (unknown !== undefined) fail(`tenants: ${unknown}`)
  const given = SOURCES.filter((source) => tenants[source] !== undefined)
  if (given.length !== 1) {
    fail(`tenants takes one of urls, query and pattern, not ${given.length === 0 ? 'none' : given.join(' and ')}`)
  }
  for (const [key, check] of Object.entries(TENANT_CHECKS)) {
    const problem = tenants[key] === undefined ? undefined : check(tenants[key], `tenants.${key}`)
    if (problem !== undefined) fail(problem)
  }
  if (tenants['urls'] !== undefined && tenants['url'] !== undefined) fail('tenants.url is for query and pattern; urls lists the databases')
}
