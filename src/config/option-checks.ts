import { showValue } from '../core/show-value.js'
import { isEnvReference } from './env-reference.js'

/**
 * What is wrong with one config option's value, in words that name the
 * option (`namingConvention.fk must be …`), or `undefined` when it is fine.
 * The caller puts the config file in front.
 */
export type OptionCheck = (value: unknown, name: string) => string | undefined

/**
 * A check that a value has a form, with the form in words for the message.
 *
 * @example
 * const check = mustBe("a string such as 'sqlite:///app.db'", (value) => typeof value === 'string')
 * check(42, 'url') // "url must be a string such as 'sqlite:///app.db', not 42"
 */
export function mustBe(form: string, accepts: (value: unknown) => boolean): OptionCheck {
  return (value, name) => (accepts(value) ? undefined : `${name} must be ${form}, not ${showValue(value)}`)
}

export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** Names the database, the version table and the history table accept without quoting. */
export const isPlainIdentifier = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)

export const PLAIN_IDENTIFIER_FORM = "a plain identifier (letters, digits and '_', not starting with a digit)"

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isNonEmptyString)

/** A database URL as the config may give one: the text, or where to read it (`env('DATABASE_URL')`). */
export const isUrlSetting = (value: unknown): boolean => isNonEmptyString(value) || isEnvReference(value)

export const URL_FORM = "a URL string or env('VARIABLE'), such as 'sqlite:///app.db'"

export const TABLE_PATTERNS_FORM = "a list of table names or patterns such as ['legacy_*']"

/** A plain object: not an array, not null, not a function. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
