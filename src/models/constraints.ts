import { conventionalName } from '../schema/conventional-name.js'
import type { Index, ReferentialAction } from '../schema/types.js'

/**
 * Table-level pieces of a model. They are declared without the table's name;
 * {@link table} fills in conventional names (`ix_users_email`) for those left
 * unnamed, so every constraint athanor creates can later be dropped by name.
 */

export interface IndexSpec {
  readonly kind: 'index'
  readonly columns: readonly string[]
  readonly name?: string
  readonly unique?: boolean
  /** PostgreSQL and SQLite: a partial index's predicate, as SQL. */
  readonly where?: string
  /** The columns are SQL expressions (`lower(email)`), not names. */
  readonly expressions?: boolean
  /** MySQL/MariaDB: index only the first N characters of these columns (`{ body: 100 }`); elsewhere the whole value. */
  readonly prefixLengths?: Readonly<Record<string, number>>
  /** PostgreSQL: the access method (`gin`, `gist`, `brin`, `hash`); absent, a B-tree. Elsewhere ignored. */
  readonly using?: string
  /** Key columns sorted descending: `{ created_at: 'desc' }`. */
  readonly order?: Index['order']
  /** PostgreSQL: NULLs sorted against the default (`{ created_at: 'first' }` on an ascending key); elsewhere ignored. */
  readonly nulls?: Index['nulls']
  /** PostgreSQL: operator classes that are not the type's default (`{ data: 'jsonb_path_ops' }`); elsewhere ignored. */
  readonly opclass?: Index['opclass']
  /** PostgreSQL: non-key columns the index carries (`INCLUDE`); elsewhere ignored. */
  readonly include?: Index['include']
  /** PostgreSQL 15+: a unique index with NULLs held equal (`NULLS NOT DISTINCT`); refused elsewhere. */
  readonly nullsNotDistinct?: boolean
  /** PostgreSQL: storage parameters (`{ fillfactor: 70 }`); elsewhere ignored. */
  readonly storage?: Index['storage']
  /** MySQL/MariaDB: a FULLTEXT index; elsewhere a plain one. */
  readonly fulltext?: boolean
  /** MySQL/MariaDB: a SPATIAL index; elsewhere a plain one. */
  readonly spatial?: boolean
  /**
   * MySQL 8's INVISIBLE, MariaDB 10.6's IGNORED: kept up to date, not used
   * by the optimizer. Elsewhere ignored: it changes plans, not what the index holds.
   */
  readonly invisible?: boolean
}

export interface UniqueSpec {
  readonly kind: 'unique'
  readonly columns: readonly string[]
  /** `null`: no name, as a database that names nothing (SQLite) keeps it. */
  readonly name?: string | null
  /** PostgreSQL: DEFERRABLE [INITIALLY DEFERRED], checked when the statement (or, deferred, the transaction) ends. */
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
  /** PostgreSQL 15: NULLS NOT DISTINCT, two rows of NULLs in its columns being duplicates; refused elsewhere. */
  readonly nullsNotDistinct?: boolean
  /** PostgreSQL 11: INCLUDE, columns the index carries beside the key for index-only scans; left out elsewhere. */
  readonly include?: readonly string[]
}

export interface ForeignKeySpec {
  readonly kind: 'foreign_key'
  readonly columns: readonly string[]
  readonly referredTable: string
  readonly referredColumns: readonly string[]
  readonly referredSchema?: string
  /** `null`: no name, as a database that names nothing (SQLite) keeps it. */
  readonly name?: string | null
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** PostgreSQL: MATCH FULL, and DEFERRABLE [INITIALLY DEFERRED]. */
  readonly matchFull?: boolean
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

export interface CheckSpec {
  readonly kind: 'check'
  /** `null`: no name (SQLite's unnamed CHECK); such a check is created with its table but never compared. */
  readonly name: string | null
  readonly expression: string
  /** PostgreSQL: `NO INHERIT`, not passed on to tables that inherit this one. */
  readonly noInherit?: boolean
}

/**
 * An index; unnamed ones are called `ix_<table>_<columns>`.
 *
 * @example
 * index(['last_name', 'first_name'])
 * index(['lower(email)'], { name: 'ix_users_email_lower', expressions: true, unique: true })
 * index(['title', 'body'], { prefixLengths: { body: 100 } })
 * index(['search'], { using: 'gin' })
 * index(['created_at'], { order: { created_at: 'desc' }, include: ['title'] })
 * index(['data'], { using: 'gin', opclass: { data: 'jsonb_path_ops' } })
 * index(['body'], { fulltext: true })
 * index(['legacy_code'], { invisible: true }) // MySQL INVISIBLE, MariaDB IGNORED: the optimizer leaves it alone
 */
export function index(columns: readonly string[], options: Omit<IndexSpec, 'kind' | 'columns'> = {}): IndexSpec {
  return { kind: 'index', columns, ...options }
}

/**
 * A unique constraint over several columns; unnamed ones are `uq_<table>_<columns>`.
 *
 * @example
 * unique(['org_id', 'slug'])
 * unique(['position'], { deferrable: true, initiallyDeferred: true }) // PostgreSQL: rows may swap positions in one transaction
 * unique(['code'], { include: ['title'] }) // PostgreSQL: title read from the index alone
 */
export function unique(
  columns: readonly string[],
  options: {
    readonly name?: string | null
    readonly deferrable?: boolean
    readonly initiallyDeferred?: boolean
    readonly nullsNotDistinct?: boolean
    readonly include?: readonly string[]
  } = {},
): UniqueSpec {
  return { kind: 'unique', columns, ...options }
}

/**
 * A foreign key, possibly composite; unnamed ones are `fk_<table>_<columns>_<referred>`.
 *
 * @example
 * foreignKey(['org_id', 'user_id'], 'memberships', ['org_id', 'user_id'], { onDelete: 'CASCADE' })
 */
export function foreignKey(
  columns: readonly string[],
  referredTable: string,
  referredColumns: readonly string[],
  options: Omit<ForeignKeySpec, 'kind' | 'columns' | 'referredTable' | 'referredColumns'> = {},
): ForeignKeySpec {
  return { kind: 'foreign_key', columns, referredTable, referredColumns, ...options }
}

/**
 * A check constraint; the expression is SQL, written as is. A named check is
 * compared by name and expression, an unnamed one by its expression alone
 * (PostgreSQL and MariaDB name it themselves: see `diffChecks`).
 *
 * @example
 * check('ck_products_price_positive', 'price > 0')
 * check(null, 'price > 0') // unnamed, as SQLite keeps it
 * check('ck_only_here', 'a > 0', { noInherit: true }) // PostgreSQL's NO INHERIT
 */
export function check(name: string | null, expression: string, options: { readonly noInherit?: boolean } = {}): CheckSpec {
  return { kind: 'check', name, expression, ...(options.noInherit === true ? { noInherit: true } : {}) }
}

/**
 * An index of a table or materialized view as the schema model holds it:
 * one the models leave unnamed is `ix_<owner>_<columns>` (`ix_<owner>_expr`
 * for expressions).
 *
 * @example
 * indexOfSpec(index(['email']), 'users') // { name: 'ix_users_email', columns: ['email'] }
 */
export function indexOfSpec({ kind: _kind, name, ...spec }: IndexSpec, owner: string): Index {
  return { name: name ?? conventionalName('ix', owner, spec.expressions === true ? ['expr'] : spec.columns), ...spec }
}
