import type { PostgresTableOptions } from './partitioning.js'

/**
 * The dialect-neutral schema model: what a table is, independent of SQL text.
 * Migration scripts build these values through the `op` facade; dialect
 * compilers turn them into DDL; introspectors produce them from a database.
 */

/**
 * What an integer type may add on MySQL/MariaDB: UNSIGNED, and ZEROFILL with
 * its display width (the width means nothing without ZEROFILL, and MySQL 8
 * no longer reports it). PostgreSQL and SQLite have neither and refuse them.
 *
 * @example
 * const options: IntegerOptions = { unsigned: true, zerofill: true, width: 5 }
 */
export interface IntegerOptions {
  readonly unsigned?: boolean
  readonly zerofill?: boolean
  readonly width?: number
}

/**
 * MySQL/MariaDB's sizes of TEXT and BLOB (TINYTEXT, MEDIUMBLOB, …); other
 * dialects have one size, which holds them all.
 *
 * @example
 * const size: LobSize = 'medium'
 */
export type LobSize = 'tiny' | 'medium' | 'long'

/**
 * A column type. `raw` is the escape hatch for a type athanor has no name for.
 * `tinyint` and `mediumint` are MySQL's; PostgreSQL writes them SMALLINT and INTEGER.
 *
 * @example
 * const types: ColumnType[] = [{ kind: 'string', length: 120 }, { kind: 'json', binary: true }, { kind: 'raw', sql: 'tsvector' }]
 */
export type ColumnType =
  | ({ readonly kind: 'tinyint' } & IntegerOptions)
  | ({ readonly kind: 'smallint' } & IntegerOptions)
  | ({ readonly kind: 'mediumint' } & IntegerOptions)
  | ({ readonly kind: 'integer' } & IntegerOptions)
  | ({ readonly kind: 'bigint' } & IntegerOptions)
  | { readonly kind: 'boolean' }
  /** `fixed` is CHAR(n) rather than VARCHAR(n). */
  | { readonly kind: 'string'; readonly length?: number; readonly fixed?: boolean }
  | { readonly kind: 'text'; readonly size?: LobSize }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number; readonly unsigned?: boolean }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'date' }
  /** `precision` is the digits of fractional seconds: TIME(3). */
  | { readonly kind: 'time'; readonly precision?: number }
  | {
      readonly kind: 'timestamp'
      readonly withTimeZone?: boolean
      /**
       * Digits of fractional seconds. Absent: the dialect's default, which
       * is 6 everywhere (MySQL is told DATETIME(6), as athanor always wrote it);
       * 0 on MySQL is a plain DATETIME.
       */
      readonly precision?: number
      /** MySQL/MariaDB's `ON UPDATE CURRENT_TIMESTAMP`: the row's write time. */
      readonly onUpdateNow?: boolean
      /** MySQL/MariaDB: TIMESTAMP (UTC, converted through the session zone, ends in 2038) rather than DATETIME. */
      readonly mysql?: { readonly timestamp?: boolean }
    }
  /** `binary` asks for PostgreSQL's JSONB; other dialects have one JSON type. */
  | { readonly kind: 'json'; readonly binary?: boolean }
  | { readonly kind: 'uuid' }
  /** With a length, VARBINARY(n), or BINARY(n) when `fixed`; without, a BLOB of `size` on MySQL. */
  | { readonly kind: 'binary'; readonly length?: number; readonly fixed?: boolean; readonly size?: LobSize }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly name?: string }
  /** MySQL/MariaDB's SET: any combination of its values. */
  | { readonly kind: 'set'; readonly values: readonly string[] }
  | { readonly kind: 'raw'; readonly sql: string }

/**
 * The name of every column type.
 *
 * @example
 * const isText = (kind: ColumnTypeKind) => kind === 'string' || kind === 'text'
 */
export type ColumnTypeKind = ColumnType['kind']

/**
 * A server default: a literal is quoted by the compiler, an expression is
 * written as is (`now()`, `CURRENT_TIMESTAMP`).
 *
 * @example
 * const defaults: DefaultValue[] = [{ kind: 'literal', value: 'draft' }, { kind: 'expression', sql: 'CURRENT_TIMESTAMP' }]
 */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'expression'; readonly sql: string }

/**
 * What a foreign key does when the row it refers to is deleted or its key
 * changes.
 *
 * @example
 * const onDelete: ReferentialAction = 'SET NULL'
 * await op.createForeignKey(null, 'posts', 'users', ['author_id'], ['id'], { onDelete })
 */
export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION'

/**
 * A column in full form, as introspection produces and compilers take it;
 * scripts write `ColumnInput`'s shorter forms.
 *
 * @example
 * const id: Column = { name: 'id', type: { kind: 'bigint' }, primaryKey: true, autoincrement: true }
 */
export interface Column {
  readonly name: string
  readonly type: ColumnType
  /** Defaults to true, as in SQL; a primary-key column is never nullable. */
  readonly nullable?: boolean
  readonly primaryKey?: boolean
  /** An integer primary key that the database numbers itself. */
  readonly autoincrement?: boolean
  /**
   * PostgreSQL: how an autoincrement column is numbered. `identity` (the
   * default) is `GENERATED [ALWAYS | BY DEFAULT] AS IDENTITY` with its
   * sequence options; `serial` is SERIAL's sequence default, by sequence name.
   */
  readonly numbering?: Numbering
  /** A column the database computes from others: never written, never a default. */
  readonly generated?: GeneratedColumn
  readonly serverDefault?: DefaultValue
  readonly unique?: boolean
  readonly comment?: string
  /**
   * The column's collation when it is not its table's (MySQL: `COLLATE
   * utf8mb4_bin`, which also sets the character set; PostgreSQL: `COLLATE "C"`).
   */
  readonly collation?: string
  /**
   * MySQL 8.0.23+/MariaDB 10.3+: left out of `SELECT *` and of an INSERT
   * without a column list (`INVISIBLE`), yet read and written when named.
   * PostgreSQL and SQLite have no such columns and refuse it.
   */
  readonly invisible?: boolean
  /**
   * MySQL 8/MariaDB: the spatial reference system of a spatial column
   * (GEOMETRY, POINT, …), by its SRID. `spelling` is how the server that
   * was read says it (MariaDB's `REF_SYSTEM_ID=4326`, MySQL's `SRID 4326`);
   * without one, as the models declare it, the column is written in both
   * spellings, each in a comment only its own server runs (see
   * mysqlSpatialReference). PostgreSQL and SQLite refuse it.
   */
  readonly srid?: SpatialReference
}

/**
 * A spatial column's spatial reference system: its SRID, and how the server
 * it was read from spells it, where known.
 *
 * @example
 * const wgs84: SpatialReference = { id: 4326 }
 * const read: SpatialReference = { id: 4326, spelling: 'REF_SYSTEM_ID' } // from MariaDB
 */
export interface SpatialReference {
  readonly id: number
  readonly spelling?: 'REF_SYSTEM_ID' | 'SRID'
}

/**
 * A sequence's start or bound: a number, or where a number cannot hold it
 * exactly (past 2^53, as a bigint's often are), its digits.
 *
 * @example
 * const highest: SequenceNumber = '9223372036854775806'
 */
export type SequenceNumber = number | string

/**
 * A PostgreSQL sequence's values; absent ones are PostgreSQL's defaults
 * (start at the bound it counts from, increment 1, the type's bounds, NO
 * CYCLE, cache 1). What a SERIAL column's sequence carries, and a
 * free-standing sequence beside its owner.
 *
 * @example
 * const values: SequenceValues = { start: 1000, increment: 10, cycle: true }
 */
export interface SequenceValues {
  readonly start?: SequenceNumber
  readonly increment?: number
  readonly minValue?: SequenceNumber
  readonly maxValue?: SequenceNumber
  readonly cycle?: boolean
  readonly cache?: number
}

/**
 * How PostgreSQL numbers an autoincrement column: an identity (ALWAYS or BY
 * DEFAULT, with the options of its sequence), or SERIAL, a
 * sequence named `sequence` that the column's default draws from, with the
 * options PostgreSQL would not have chosen itself (see SequenceValues).
 *
 * @example
 * const numbering: Numbering[] = [
 *   { kind: 'identity', always: true, start: 1000 },
 *   { kind: 'serial', sequence: 'users_id_seq' },
 *   { kind: 'serial', sequence: 'ticket_no', start: 100, increment: 5, cache: 10 },
 * ]
 */
export type Numbering =
  | ({ readonly kind: 'identity'; readonly always?: boolean } & SequenceValues)
  | ({ readonly kind: 'serial'; readonly sequence: string } & SequenceValues)

/**
 * A generated column: `expression` is SQL over the row's other columns;
 * `stored` keeps the value on disk (PostgreSQL has only stored ones), else it
 * is computed when read (MySQL/MariaDB VIRTUAL, SQLite VIRTUAL).
 *
 * @example
 * const total: GeneratedColumn = { expression: 'price * quantity', stored: true }
 */
export interface GeneratedColumn {
  readonly expression: string
  readonly stored?: boolean
}

/**
 * A table's primary key, for keys over several columns (one column can say
 * `primaryKey: true`).
 *
 * @example
 * await op.createTable(
 *   'memberships',
 *   [
 *     { name: 'user_id', type: 'integer' },
 *     { name: 'org_id', type: 'integer' },
 *   ],
 *   { primaryKey: { columns: ['user_id', 'org_id'] } },
 * )
 */
export interface PrimaryKeyConstraint {
  readonly name?: string
  readonly columns: readonly string[]
  /** PostgreSQL: the key is checked at the end of the statement, or with `initiallyDeferred` of the transaction. */
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
  /** PostgreSQL 11: `INCLUDE (columns)`, carried by the key's index beside it (see UniqueConstraint's). */
  readonly include?: readonly string[]
  /** MySQL: a column keyed on its first characters or bytes only, as an index's (see Index's); a TEXT key needs one. */
  readonly prefixLengths?: Readonly<Record<string, number>>
}

/**
 * A foreign key: local columns that must match a row of the referred table.
 *
 * @example
 * const fk: ForeignKeyConstraint = {
 *   name: 'fk_posts_user_id_users',
 *   columns: ['user_id'],
 *   referredTable: 'users',
 *   referredColumns: ['id'],
 *   onDelete: 'CASCADE',
 * }
 */
export interface ForeignKeyConstraint {
  readonly name?: string
  readonly columns: readonly string[]
  readonly referredTable: string
  readonly referredSchema?: string
  readonly referredColumns: readonly string[]
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** MATCH FULL: a key with some columns NULL must have all NULL (PostgreSQL; the default is MATCH SIMPLE). */
  readonly matchFull?: boolean
  /** PostgreSQL: DEFERRABLE, checked at commit when `initiallyDeferred` (else when each statement ends, unless deferred). */
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
  /**
   * Read from MySQL/MariaDB only: the index InnoDB made for the key, which
   * the models leave out. It stays when the key is dropped, so a migration
   * dropping the key drops it too.
   */
  readonly supportingIndex?: string
}

/**
 * A unique constraint over one or more columns.
 *
 * @example
 * const unique: UniqueConstraint = { name: 'uq_memberships_user_org', columns: ['user_id', 'org_id'] }
 */
export interface UniqueConstraint {
  readonly name?: string
  readonly columns: readonly string[]
  /** PostgreSQL: DEFERRABLE, checked at commit when `initiallyDeferred` (else when each statement ends, unless deferred). */
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
  /** PostgreSQL 15: `UNIQUE NULLS NOT DISTINCT`, two rows of NULLs in its columns being duplicates. */
  readonly nullsNotDistinct?: boolean
  /**
   * PostgreSQL 11: `INCLUDE (columns)`, columns its index carries beside the
   * key, for index-only scans; not part of what is unique. Left out where
   * the database has no INCLUDE, as an index's is.
   */
  readonly include?: readonly string[]
}

/**
 * A CHECK constraint.
 *
 * @example
 * const check: CheckConstraint = { name: 'ck_products_price_positive', expression: 'price > 0' }
 */
export interface CheckConstraint {
  readonly name?: string
  /** A SQL boolean expression, written as is. */
  readonly expression: string
  /** PostgreSQL: `NO INHERIT`, not passed on to tables that inherit this one. */
  readonly noInherit?: boolean
}

/**
 * An index: plain, unique, partial (`where`) or over expressions.
 *
 * @example
 * const index: Index = { name: 'ix_users_lower_email', columns: ['lower(email)'], expressions: true, unique: true }
 * const prefix: Index = { name: 'ix_posts_body', columns: ['body'], prefixLengths: { body: 100 } }
 * const search: Index = { name: 'ix_posts_search', columns: ['search'], using: 'gin' }
 * const latest: Index = { name: 'ix_posts_created', columns: ['created_at'], order: { created_at: 'desc' }, include: ['title'] }
 */
export interface Index {
  readonly name: string
  /** Column names, or SQL expressions when `expressions` is set. */
  readonly columns: readonly string[]
  readonly unique?: boolean
  /** Columns are SQL expressions rather than names (PostgreSQL, SQLite). */
  readonly expressions?: boolean
  /** A partial index's predicate (PostgreSQL, SQLite). */
  readonly where?: string
  /**
   * MySQL/MariaDB: index only the first N characters of these columns
   * (`name(20)`), which TEXT and BLOB columns need; the other databases
   * index the whole value, as SQLAlchemy's `mysql_length` does.
   */
  readonly prefixLengths?: Readonly<Record<string, number>>
  /**
   * PostgreSQL: the index's access method (`gin`, `gist`, `brin`, `hash`,
   * `spgist`); absent, a B-tree. The other databases build their own kind
   * and ignore it, as SQLAlchemy drops `postgresql_using` there.
   */
  readonly using?: string
  /**
   * Key columns sorted descending (`{ created_at: 'desc' }`); absent or
   * `'asc'`, ascending. Keyed by the column name, or by the expression as
   * written in `columns`.
   */
  readonly order?: Readonly<Record<string, IndexOrder>>
  /**
   * PostgreSQL: where NULLs sort in a key column, when not the default
   * (last ascending, first descending). MySQL and SQLite always sort NULLs
   * lowest and ignore it.
   */
  readonly nulls?: Readonly<Record<string, 'first' | 'last'>>
  /**
   * PostgreSQL: a key column's operator class when not its type's default
   * (`{ data: 'jsonb_path_ops' }`, `{ name: 'text_pattern_ops' }`); ignored
   * elsewhere, as SQLAlchemy drops `postgresql_ops`.
   */
  readonly opclass?: Readonly<Record<string, string>>
  /** PostgreSQL: columns stored in the index but not keys (a covering index, `INCLUDE (...)`); ignored elsewhere. */
  readonly include?: readonly string[]
  /**
   * PostgreSQL 15+: a unique index that holds NULLs equal, so at most one
   * row has NULL keys. Elsewhere refused: a unique index there lets any
   * number through, so ignoring it would accept what PostgreSQL refuses.
   */
  readonly nullsNotDistinct?: boolean
  /**
   * PostgreSQL: the index's storage parameters (`WITH (fillfactor = 70)`,
   * `{ fillfactor: 70, fastupdate: false }`); ignored elsewhere, as
   * SQLAlchemy drops `postgresql_with`.
   */
  readonly storage?: Readonly<Record<string, string | number | boolean>>
  /** MySQL/MariaDB: a FULLTEXT index; elsewhere a plain one, as SQLAlchemy drops `mysql_prefix`. */
  readonly fulltext?: boolean
  /** MySQL/MariaDB: a SPATIAL index on a geometry column; elsewhere a plain one. */
  readonly spatial?: boolean
  /**
   * MySQL 8's INVISIBLE, MariaDB 10.6's IGNORED index: kept up to date but
   * not used by the optimizer, so that dropping it can be tried out and
   * undone at once. Elsewhere ignored, as SQLAlchemy drops `mysql_*`
   * options: it changes which plans are chosen, not what the index holds.
   */
  readonly invisible?: boolean
}

/**
 * The direction a key column of an index is sorted in.
 *
 * @example
 * const order: Readonly<Record<string, IndexOrder>> = { created_at: 'desc' }
 */
export type IndexOrder = 'asc' | 'desc'

/**
 * MySQL/MariaDB table options; other dialects ignore them. Absent, a table
 * is `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`: InnoDB is the engine with
 * transactions and foreign keys, and utf8mb4 the charset that stores all of
 * Unicode (MySQL's `utf8` stops at three bytes), whatever the server's defaults.
 *
 * @example
 * const options: MysqlTableOptions = { engine: 'MyISAM', charset: 'latin1', collate: 'latin1_swedish_ci' }
 */
export interface MysqlTableOptions {
  readonly engine?: string
  readonly charset?: string
  readonly collate?: string
  /**
   * The number the table's AUTO_INCREMENT column starts at (`AUTO_INCREMENT=1000`),
   * set when the table is made. Not compared: once rows are in, the server
   * keeps the next number there, so `pull` reads it only from a table
   * holding no rows.
   */
  readonly autoIncrement?: number
}

/**
 * SQLite table options, set when the table is made; other dialects ignore
 * them. `strict`: each column holds only values of its declared type, which
 * must be INT, INTEGER, REAL, TEXT, BLOB or ANY. `withoutRowid`: the rows
 * are stored in the primary key's order, with no rowid
 * (https://www.sqlite.org/withoutrowid.html, https://www.sqlite.org/stricttables.html).
 *
 * @example
 * const options: SqliteTableOptions = { strict: true, withoutRowid: true }
 */
export interface SqliteTableOptions {
  readonly strict?: boolean
  readonly withoutRowid?: boolean
}

/**
 * A table in the schema model: what models declare, introspection reads
 * and autogenerate compares.
 *
 * @example
 * const tags: Table = {
 *   name: 'tags',
 *   columns: [
 *     { name: 'id', type: { kind: 'integer' }, primaryKey: true },
 *     { name: 'label', type: { kind: 'text' } },
 *   ],
 * }
 */
export interface Table {
  readonly name: string
  readonly schema?: string
  readonly columns: readonly Column[]
  readonly primaryKey?: PrimaryKeyConstraint
  readonly foreignKeys?: readonly ForeignKeyConstraint[]
  readonly uniqueConstraints?: readonly UniqueConstraint[]
  readonly checkConstraints?: readonly CheckConstraint[]
  readonly indexes?: readonly Index[]
  readonly comment?: string
  readonly mysql?: MysqlTableOptions
  readonly sqlite?: SqliteTableOptions
  /** PostgreSQL: the partition key of a partitioned table; other dialects ignore it. */
  readonly postgresql?: PostgresTableOptions
  /**
   * Models only: the database of a multi-database project the table lives
   * in (Flask-SQLAlchemy's `__bind_key__`); absent, the default database.
   * Introspected tables never carry it, and autogenerate drops it.
   */
  readonly bind?: string
}
