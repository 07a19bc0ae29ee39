import type { DefaultValue } from './types.js'

/**
 * A PostgreSQL domain: a base type with a default, NOT NULL and checks that
 * every column of the domain gets (`CREATE DOMAIN us_postal_code AS text
 * CHECK (VALUE ~ '^[0-9]{5}$')`). A check names the value being checked VALUE.
 *
 * @example
 * const zip: Domain = { name: 'us_postal_code', type: 'text', checks: [{ expression: "VALUE ~ '^[0-9]{5}$'" }] }
 */
export interface Domain {
  readonly name: string
  readonly schema?: string
  /** The base type as SQL (`text`, `numeric(10,2)`, `mood`), written as is. */
  readonly type: string
  readonly default?: DefaultValue
  readonly notNull?: boolean
  readonly checks?: readonly DomainCheck[]
}

/**
 * One check of a domain. Unnamed, PostgreSQL names it `<domain>_check` (then
 * `<domain>_check1`, …).
 *
 * @example
 * const positive: DomainCheck = { name: 'positive', expression: 'VALUE > 0' }
 */
export interface DomainCheck {
  readonly name?: string
  readonly expression: string
}

/**
 * What `ALTER DOMAIN` changes: the default (`null` drops it), NOT NULL, and
 * the checks dropped by name and added, in that order.
 *
 * @example
 * const check: DomainCheck = { name: 'zip_check', expression: "VALUE ~ '^[0-9]{5}(-[0-9]{4})?$'" }
 * const changes: DomainChanges = { dropChecks: ['zip_check'], addChecks: [check] }
 */
export interface DomainChanges {
  readonly default?: DefaultValue | null
  readonly notNull?: boolean
  readonly dropChecks?: readonly string[]
  readonly addChecks?: readonly DomainCheck[]
}
