/**
 * Names for constraints the database left unnamed, in SQLAlchemy's
 * `naming_convention` format (`%(table_name)s`, `%(column_0_name)s`,
 * `%(column_0_N_name)s`, `%(referred_table_name)s`, `%(constraint_name)s`),
 * so a migration can drop SQLite's unnamed foreign keys and unique
 * constraints by the name the convention gives them.
 *
 * @example
 * const convention: NamingConvention = { fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s' }
 */
export interface NamingConvention {
  readonly pk?: string
  readonly uq?: string
  readonly fk?: string
  readonly ck?: string
}

/**
 * SQLAlchemy's recommended convention, used when the config gives none.
 *
 * @example
 * DEFAULT_NAMING_CONVENTION.uq // 'uq_%(table_name)s_%(column_0_name)s'
 */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = {
  pk: 'pk_%(table_name)s',
  uq: 'uq_%(table_name)s_%(column_0_name)s',
  fk: 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
  ck: 'ck_%(table_name)s_%(constraint_name)s',
}

/** What a convention is filled in from. */
export interface ConventionInput {
  readonly kind: 'primary' | 'unique' | 'foreign' | 'check'
  readonly table: string
  readonly columns: readonly string[]
  readonly referredTable?: string
  readonly name?: string
}

const KEYS = { primary: 'pk', unique: 'uq', foreign: 'fk', check: 'ck' } as const

/**
 * The name a convention gives a constraint, or undefined when the
 * convention has no template for its kind or needs what is missing.
 *
 * @example
 * conventionalName({ kind: 'foreign', table: 'order', columns: ['user_id'], referredTable: 'user' }, DEFAULT_NAMING_CONVENTION)
 * // 'fk_order_user_id_user'
 */
export function conventionalName(input: ConventionInput, convention: NamingConvention): string | undefined {
  const template = convention[KEYS[input.kind]]
  if (template === undefined) return undefined
  const values: Record<string, string | undefined> = {
    table_name: input.table,
    column_0_name: input.columns[0],
    column_0_N_name: input.columns.join('_'),
    column_0N_name: input.columns.join(''),
    referred_table_name: input.referredTable,
    constraint_name: input.name,
  }
  let missing = false
  const name = template.replace(/%\((\w+)\)s/g, (_, key: string) => {
    const value = values[key]
    if (value === undefined) missing = true
    return value ?? ''
  })
  return missing ? undefined : name
}
