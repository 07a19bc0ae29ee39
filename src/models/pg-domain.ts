import { AthanorError } from '../core/errors.js'
import { type DefaultInput, toDefaultValue } from '../schema/column-types.js'
import type { Domain, DomainCheck } from '../schema/pg-domain.js'
import type { DefaultValue } from '../schema/types.js'
import type { ColumnBuilder } from './column.js'
import { namedTypeColumn, type TypeColumnOptions } from './named-type-column.js'

/**
 * A PostgreSQL domain in the models. Pass it to `defineModels` so it is
 * created before the tables that use it, and give a column its type with
 * `.column()`.
 *
 * @example
 * const zip: PgDomain = pgDomain('us_postal_code', 'text', { check: sql`VALUE ~ '^[0-9]{5}$'` })
 * const addresses = table('addresses', { id: col.integer().primaryKey(), zip: zip.column() })
 */
export interface PgDomain extends Domain {
  readonly objectKind: 'domain'
  /** A column of this domain; `{ array: true }`, of an array of it. */
  column(options?: TypeColumnOptions): ColumnBuilder
}

/**
 * A domain's options: `check` is one check, unnamed (PostgreSQL names it
 * `<domain>_check`); `checks` lists them with their names.
 *
 * @example
 * const options: PgDomainOptions = { notNull: true, default: 0, checks: [{ name: 'positive', expression: 'VALUE > 0' }] }
 */
export interface PgDomainOptions {
  readonly schema?: string
  readonly default?: DefaultInput
  readonly notNull?: boolean
  readonly check?: string | DefaultValue
  readonly checks?: readonly DomainCheck[]
}

const sqlText = (value: string | DefaultValue) =>
  typeof value === 'string' ? value : value.kind === 'expression' ? value.sql : String(value.value)

/**
 * Declares a PostgreSQL domain (`CREATE DOMAIN name AS type …`): a base
 * type, written as SQL, with a default, NOT NULL and checks on VALUE.
 * A changed default, NOT NULL or check is an `ALTER DOMAIN`; a changed base
 * type only a comment saying what to write, as its columns depend on it.
 *
 * @example
 * export const usPostalCode = pgDomain('us_postal_code', 'text', { check: sql`VALUE ~ '^[0-9]{5}$' OR VALUE ~ '^[0-9]{5}-[0-9]{4}$'` })
 * export const addresses = table('addresses', { id: col.integer().primaryKey(), zip: usPostalCode.column().notNull() })
 */
export function pgDomain(name: string, type: string, options: PgDomainOptions = {}): PgDomain {
  if (options.check !== undefined && options.checks !== undefined) {
    throw new AthanorError('INVALID_MODEL', `domain "${name}" gives both check and checks: list every check in checks`)
  }
  const checks = options.check === undefined ? options.checks : [{ expression: sqlText(options.check) }]
  const schema = options.schema
  return {
    objectKind: 'domain',
    name,
    type,
    ...(schema === undefined ? {} : { schema }),
    ...(options.default === undefined ? {} : { default: toDefaultValue(options.default) }),
    ...(options.notNull === true ? { notNull: true } : {}),
    ...(checks === undefined || checks.length === 0 ? {} : { checks: checks.map((c) => ({ ...c })) }),
    column: (options) => namedTypeColumn(name, schema, options),
  }
}
