import { AthanorError } from '../core/errors.js'
import { showValue } from '../core/show-value.js'
import type { ColumnTypeInput, DefaultInput } from '../schema/column-types.js'
import type { Column, Index, Numbering, ReferentialAction, SpatialReference, Table } from '../schema/types.js'
import type { IdentityChanges, OnlineDdl } from './operation.js'

/**
 * A column as a script writes it: types and defaults in their short forms
 * (`'integer'`, `t.string(120)`, `0`, `sql('now()')`).
 *
 * @example
 * const email: ColumnInput = { name: 'email', type: t.string(120), nullable: false, unique: true }
 * await op.addColumn('users', email)
 */
export interface ColumnInput extends Omit<Column, 'type' | 'serverDefault'> {
  readonly type: ColumnTypeInput
  readonly serverDefault?: DefaultInput
}

/**
 * What `op.createTable` takes besides the columns: table-level constraints
 * and indexes, a PostgreSQL schema, a comment, MySQL table options.
 *
 * @example
 * const options: CreateTableOptions = {
 *   primaryKey: { columns: ['order_id', 'line'] },
 *   foreignKeys: [{ columns: ['order_id'], referredTable: 'orders', referredColumns: ['id'], onDelete: 'CASCADE' }],
 *   indexes: [{ name: 'ix_order_lines_sku', columns: ['sku'] }],
 * }
 */
export type CreateTableOptions = Omit<Table, 'name' | 'columns' | 'bind'>

/**
 * What an index is besides its name and columns: `unique`, a partial
 * index's `where`, `expressions`, MySQL's `prefixLengths`, `fulltext` and
 * `spatial`, each key's `order`, and PostgreSQL's `using`, `nulls`,
 * `opclass` and `include`.
 *
 * @example
 * const options: IndexOptions = { unique: true, prefixLengths: { email: 64 } }
 * await op.createIndex('ix_users_email', 'users', ['email'], options)
 */
export type IndexOptions = Omit<Index, 'name' | 'columns'>

/** The PostgreSQL schema a table lives in; absent, the connection's default (`search_path`). */
export interface SchemaOption {
  readonly schema?: string
}

/**
 * The changes `op.alterColumn` makes to a column; an absent key stays as it
 * is, and `serverDefault: null` drops the default.
 *
 * @example
 * const change: AlterColumnInput = { type: t.string(200), nullable: false, serverDefault: null }
 * await op.alterColumn('users', 'email', change)
 */
export interface AlterColumnInput {
  readonly type?: ColumnTypeInput
  readonly nullable?: boolean
  readonly serverDefault?: DefaultInput | null
  readonly newName?: string
  readonly comment?: string | null
  /** The column's collation; `null` returns it to its table's. */
  readonly collation?: string | null
  readonly schema?: string
  /** The column as it is now; MySQL needs it to rewrite the definition. */
  readonly existing?: ColumnInput
  /**
   * PostgreSQL's `USING` expression for a type change without an implicit
   * cast (`{ type: 'jsonb', using: 'options::jsonb' }`, Alembic's
   * `postgresql_using`); the other dialects ignore it, as Alembic does.
   */
  readonly using?: string
  /** PostgreSQL: new identity options, `{ always?, start?, increment? }` (`always: false` is BY DEFAULT); others ignore it. */
  readonly identity?: IdentityChanges
  /**
   * PostgreSQL: a new kind of numbering, `{ kind: 'identity', … }`,
   * `{ kind: 'serial', sequence }` or `null` for none; the old one is
   * dropped, and the new one counts on from the column's values. Others ignore it.
   */
  readonly numbering?: Numbering | null
  /**
   * With `nullable: false` on PostgreSQL, sets NOT NULL without scanning the
   * table under an ACCESS EXCLUSIVE lock: a CHECK (col IS NOT NULL) NOT VALID,
   * validated while writes go on, then SET NOT NULL (PostgreSQL 12+ trusts the
   * check) and the check dropped. The other dialects ignore it.
   */
  readonly safe?: boolean
  /** MySQL/MariaDB: make the column INVISIBLE (`true`) or visible again (`false`); the other dialects refuse it. */
  readonly invisible?: boolean
  /** MySQL/MariaDB: a spatial column's new SRID (`{ id: 4326 }`), `null` for none; the other dialects refuse it. */
  readonly srid?: SpatialReference | null
  /** MySQL's `ALGORITHM=`; see {@link OnlineDdl}. */
  readonly algorithm?: OnlineDdl['algorithm']
  /** MySQL's `LOCK=`; see {@link OnlineDdl}. */
  readonly lock?: OnlineDdl['lock']
}

/**
 * Referential actions, schemas and deferrability of a foreign key made with
 * `op.createForeignKey`.
 *
 * @example
 * const options: ForeignKeyOptions = { onDelete: 'CASCADE', referentSchema: 'auth' }
 * await op.createForeignKey('fk_posts_user_id', 'posts', 'users', ['user_id'], ['id'], options)
 * await op.createForeignKey('fk_a_b', 'a', 'b', ['b_id'], ['id'], { deferrable: true, initiallyDeferred: true })
 */
export interface ForeignKeyOptions {
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** PostgreSQL: MATCH FULL, a key with some columns NULL must have all of them NULL (the default is MATCH SIMPLE). */
  readonly matchFull?: boolean
  /**
   * PostgreSQL and SQLite: DEFERRABLE, so a transaction may break the key
   * until it commits (after `SET CONSTRAINTS … DEFERRED`, or always with
   * `initiallyDeferred`). MySQL and MariaDB have no such keys and refuse it.
   */
  readonly deferrable?: boolean
  /** With `deferrable`: INITIALLY DEFERRED, checked at commit rather than after each statement. */
  readonly initiallyDeferred?: boolean
  readonly sourceSchema?: string
  readonly referentSchema?: string
  /** PostgreSQL: add it NOT VALID, without checking the rows already there (validate them in a later migration). */
  readonly notValid?: boolean
  /** PostgreSQL: drop a key of that name in the same statement first, so a script outside a transaction can run it again. */
  readonly orReplace?: boolean
  /** PostgreSQL: add it only when the table has no key of that name to that table, so such a script can run it again too. */
  readonly ifNotExists?: boolean
}

/**
 * The SQL a script hands `op.execute()` or `op.query()`, checked before it
 * is queued: a script is plain JavaScript as often as TypeScript, and
 * `undefined`, a number or an object would otherwise fail deep in a driver
 * (`sql.replace is not a function`), while an empty string would run as
 * nothing at all and let the revision be recorded as applied.
 *
 * @example
 * sqlText('VACUUM', 'op.execute') // 'VACUUM'
 * sqlText(undefined, 'op.execute') // throws INVALID_ARGUMENT: op.execute() needs SQL as a non-empty string, not undefined
 */
export function sqlText(value: unknown, operation: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value
  throw new AthanorError('INVALID_ARGUMENT', `${operation}() needs SQL as a non-empty string, not ${showValue(value)}`)
}
