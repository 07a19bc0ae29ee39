import { AthanorError } from '../core/errors.js'
import type {
  Column,
  ForeignKeyConstraint,
  Index,
  MysqlTableOptions,
  SqliteTableOptions,
  Table,
  UniqueConstraint,
} from '../schema/types.js'
import type { PostgresTableOptions } from '../schema/partitioning.js'
import type { ColumnBuilder } from './column.js'
import { indexOfSpec, type CheckSpec, type ForeignKeySpec, type IndexSpec, type UniqueSpec } from './constraints.js'
import { conventionalName } from '../schema/conventional-name.js'
import { uniqueDeferral, uniqueTraits } from '../schema/unique-deferral.js'

/**
 * What `table(...)` takes besides the columns: constraints over several
 * columns, indexes, a schema, a comment, and the database it belongs to.
 *
 * @example
 * const options: TableOptions = {
 *   schema: 'blog',
 *   indexes: [index(['created_at'])],
 *   uniques: [unique(['user_id', 'slug'])],
 *   checks: [check('ck_posts_slug', "slug <> ''")],
 * }
 */
export interface TableOptions {
  /** PostgreSQL schema; absent means the connection's default (`public`). */
  readonly schema?: string
  /** A named or composite primary key; otherwise the columns marked `.primaryKey()`. */
  readonly primaryKey?: {
    readonly name?: string
    readonly columns: readonly string[]
    /** PostgreSQL: DEFERRABLE [INITIALLY DEFERRED], as for `unique()`. */
    readonly deferrable?: boolean
    readonly initiallyDeferred?: boolean
    /** PostgreSQL 11: INCLUDE, as for `unique()`. */
    readonly include?: readonly string[]
    /** MySQL: key a column on its first characters only, as for `index()`. */
    readonly prefixLengths?: Readonly<Record<string, number>>
  }
  readonly indexes?: readonly IndexSpec[]
  readonly uniques?: readonly UniqueSpec[]
  readonly foreignKeys?: readonly ForeignKeySpec[]
  readonly checks?: readonly CheckSpec[]
  readonly comment?: string
  /** MySQL/MariaDB engine, character set and collation; absent, InnoDB and utf8mb4. Other dialects ignore them. */
  readonly mysql?: MysqlTableOptions
  /** SQLite: STRICT and WITHOUT ROWID, set when the table is made. */
  readonly sqlite?: SqliteTableOptions
  /** PostgreSQL: `partitionBy: 'RANGE (logdate)'` makes a partitioned table; declare its partitions with `partition()`. */
  readonly postgresql?: PostgresTableOptions
  /**
   * In a project with several databases, the one this table lives in (the
   * bind key, as Flask-SQLAlchemy's `__bind_key__`); absent, the default
   * database, the first of the config's `databases`.
   */
  readonly bind?: string
}

/**
 * Declares a table of the target schema: the models module's equivalent of
 * SQLAlchemy's `Table(...)`. Column names are the object's keys, in order.
 * The result is plain schema data ({@link Table}).
 *
 * @example
 * export const posts = table('posts', {
 *   id: col.integer().primaryKey().autoincrement(),
 *   user_id: col.integer().notNull().references('users', { onDelete: 'CASCADE' }),
 *   title: col.string(200).notNull(),
 * }, { indexes: [index(['user_id'])] })
 *
 * // A table of the `db1` database of a multi-database project:
 * export const users = table('user', { id: col.integer().primaryKey() }, { bind: 'db1' })
 */
export function table(name: string, columns: Readonly<Record<string, ColumnBuilder>>, options: TableOptions = {}): Table {
  const entries = Object.entries(columns)
  if (entries.length === 0) throw new AthanorError('INVALID_MODEL', `table "${name}" has no columns`)
  const built: Column[] = []
  const foreignKeys: ForeignKeyConstraint[] = []
  for (const [columnName, builder] of entries) {
    const { references, ...settings } = builder.settings
    built.push({ name: columnName, type: builder.type, ...settings })
    if (references !== undefined) {
      const { table: referred, column, schema, ...rest } = references
      foreignKeys.push(
        namedForeignKey(name, {
          columns: [columnName],
          referredTable: referred,
          referredColumns: [column],
          ...(schema === undefined ? {} : { referredSchema: schema }),
          ...rest,
        }),
      )
    }
  }
  for (const spec of options.foreignKeys ?? []) {
    const { kind: _kind, name: given, ...fk } = spec
    foreignKeys.push(given === null ? fk : namedForeignKey(name, given === undefined ? fk : { ...fk, name: given }))
  }
  const known = new Set(built.map((c) => c.name))
  const indexes: Index[] = (options.indexes ?? []).map((spec) => indexOfSpec(spec, name))
  const uniques: UniqueConstraint[] = (options.uniques ?? []).map((spec) => ({
    ...(spec.name === null ? {} : { name: spec.name ?? conventionalName('uq', name, spec.columns) }),
    columns: spec.columns,
    ...uniqueTraits(spec),
  }))
  for (const list of [
    ...indexes.filter((i) => i.expressions !== true),
    ...uniques,
    ...foreignKeys,
    ...(options.primaryKey ? [options.primaryKey] : []),
  ]) {
    // The columns an index or unique constraint carries (INCLUDE) must be the table's too.
    const carried = 'include' in list ? (list.include ?? []) : []
    const missing = [...list.columns, ...carried].find((c) => !known.has(c))
    if (missing !== undefined)
      throw new AthanorError(
        'INVALID_MODEL',
        `table "${name}": no column "${missing}" (used by ${'name' in list && list.name ? `"${list.name}"` : 'a key'})`,
      )
  }
  return {
    name,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    columns: built,
    ...(options.primaryKey === undefined
      ? {}
      : {
          primaryKey: {
            ...(options.primaryKey.name === undefined ? {} : { name: options.primaryKey.name }),
            columns: options.primaryKey.columns,
            ...uniqueDeferral(options.primaryKey),
            ...(options.primaryKey.include === undefined || options.primaryKey.include.length === 0
              ? {}
              : { include: options.primaryKey.include }),
            ...(options.primaryKey.prefixLengths === undefined ? {} : { prefixLengths: options.primaryKey.prefixLengths }),
          },
        }),
    ...(foreignKeys.length === 0 ? {} : { foreignKeys }),
    ...(uniques.length === 0 ? {} : { uniqueConstraints: uniques }),
    ...(options.checks === undefined || options.checks.length === 0
      ? {}
      : {
          checkConstraints: options.checks.map(({ name: n, expression, noInherit }) => ({
            ...(n === null ? {} : { name: n }),
            expression,
            ...(noInherit === true ? { noInherit } : {}),
          })),
        }),
    ...(indexes.length === 0 ? {} : { indexes }),
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    ...(options.mysql === undefined ? {} : { mysql: options.mysql }),
    ...sqliteOptionsOf(options.sqlite),
    ...(options.postgresql === undefined ? {} : { postgresql: options.postgresql }),
    ...(options.bind === undefined ? {} : { bind: options.bind }),
  }
}

function namedForeignKey(table: string, fk: ForeignKeyConstraint): ForeignKeyConstraint {
  const { name, ...rest } = fk
  return { name: name ?? conventionalName('fk', table, [...fk.columns, fk.referredTable]), ...rest }
}

/** The SQLite options that are set, as introspection reads them back: none at all when neither is. */
function sqliteOptionsOf(options: SqliteTableOptions | undefined): { sqlite?: SqliteTableOptions } {
  const set = { ...(options?.strict === true ? { strict: true } : {}), ...(options?.withoutRowid === true ? { withoutRowid: true } : {}) }
  return Object.keys(set).length === 0 ? {} : { sqlite: set }
}
