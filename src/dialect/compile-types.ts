import type { RowValue } from '../ops/operation.js'

/**
 * One SQL statement, without a trailing `;`. `params` appear only in online
 * mode; offline statements carry every value inline as a literal, because
 * they are printed as a script.
 *
 * @example
 * const s: Statement = { sql: 'INSERT INTO "t" ("a") VALUES (?)', params: [1] }
 */
export interface Statement {
  readonly sql: string
  readonly params?: readonly RowValue[]
  /** The database refuses it inside a transaction block (PostgreSQL's CONCURRENTLY). */
  readonly outsideTransaction?: boolean
  /**
   * A trigger or routine whose body holds `;`, where the dialect's command-line
   * client splits a script at `;` (MySQL's, https://mariadb.com/kb/en/delimiters/):
   * a printed script sets another DELIMITER around it; a driver sends it whole.
   */
  readonly compound?: boolean
  /**
   * athanor's own cleanup inside a step, not a statement of the migration
   * (the drop of the index a failed concurrent build left INVALID): the
   * step's statement journal neither counts nor records it, so a stopped
   * step resumes at the statement that failed, and the script's statements
   * still match what ran.
   */
  readonly housekeeping?: boolean
}

/**
 * `online` statements are run through a driver and may bind parameters;
 * `offline` statements are printed (`upgrade --sql`) and inline every value.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const insert: BulkInsertOp = { kind: 'bulk_insert', table: 'plans', rows: [{ id: 1, name: 'free' }] }
 * dialectNamed('postgresql').compiler.compileSql(insert, 'online')
 * // [{ sql: 'INSERT INTO "plans" ("id", "name") VALUES ($1, $2)', params: [1, 'free'] }]
 * dialectNamed('postgresql').compiler.compileSql(insert, 'offline') // [{ sql: `INSERT INTO "plans" ("id", "name") VALUES (1, 'free')` }]
 */
export type CompileMode = 'online' | 'offline'

/**
 * How a column name or type reached an error message: the table and column
 * being defined, so the message can name them.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('mysql').compiler.renderType({ kind: 'string' }, { table: 'user', column: 'email' })
 * // throws: MySQL needs a length for VARCHAR: column "email" of table "user" has none
 */
export interface ColumnAt {
  readonly table?: string
  readonly column?: string
}

/**
 * What the runtime needs to know about a dialect beyond its SQL text.
 *
 * @example
 * import { dialectNamed, openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const { traits } = dialectNamed(connection.dialect).compiler
 * if (traits.transactionalDdl) await connection.execute({ sql: traits.beginTransaction })
 */
export interface DialectTraits {
  /** DDL runs inside a transaction and rolls back with it (not MySQL: DDL commits implicitly). */
  readonly transactionalDdl: boolean
  /** The statement that opens a transaction in a printed script. */
  readonly beginTransaction: string
  /** The statement that commits it. */
  readonly commitTransaction: string
  /** Bound parameters are `?` or PostgreSQL's numbered `$1`. */
  readonly paramStyle: 'question' | 'dollar'
  /** Most parameters one statement may bind (bulk inserts are split to fit). */
  readonly maxParams: number
  /** Longest identifier the server keeps intact; longer ones are refused. */
  readonly maxIdentifierLength?: number
  /** `ALTER TABLE` can change a column's type, nullability or default in place (SQLite cannot). */
  readonly alterColumn: boolean
  /** `WHERE` on `CREATE INDEX`. */
  readonly partialIndexes: boolean
  /** Indexes on SQL expressions rather than columns. */
  readonly expressionIndexes: boolean
  /**
   * An index may cover only the first N characters of a column (MySQL's
   * `name(20)`); where it cannot, the whole value is indexed, as SQLAlchemy
   * drops `mysql_length` on other databases.
   */
  readonly indexPrefixLengths: boolean
  /** Indexes name their access method (PostgreSQL's `USING gin`); elsewhere `using` is ignored. */
  readonly indexMethods: boolean
  /** Index keys say where NULLs sort (PostgreSQL's NULLS FIRST/LAST); elsewhere NULLs sort lowest and `nulls` is ignored. */
  readonly indexNullsOrder: boolean
  /** Index keys name an operator class (PostgreSQL's `jsonb_path_ops`); elsewhere `opclass` is ignored. */
  readonly indexOperatorClasses: boolean
  /** Indexes carry non-key columns (PostgreSQL's `INCLUDE`); elsewhere `include` is ignored. */
  readonly indexInclude: boolean
  /** Unique indexes may hold NULLs equal (PostgreSQL 15's NULLS NOT DISTINCT); elsewhere refused. */
  readonly indexNullsNotDistinct: boolean
  /** Indexes take storage parameters (PostgreSQL's `WITH (fillfactor = 70)`); elsewhere `storage` is ignored. */
  readonly indexStorage: boolean
  /** FULLTEXT and SPATIAL indexes (MySQL/MariaDB); elsewhere they are plain indexes. */
  readonly indexKinds: boolean
  /**
   * Indexes the optimizer may be told to leave alone (MySQL 8's INVISIBLE,
   * MariaDB 10.6's IGNORED); elsewhere `invisible` is ignored.
   */
  readonly indexVisibility: boolean
  /** A foreign key may be DEFERRABLE [INITIALLY DEFERRED] (MySQL and MariaDB refuse the words). */
  readonly deferrableForeignKeys: boolean
  /** A unique constraint may be DEFERRABLE [INITIALLY DEFERRED] (PostgreSQL's; SQLite, MySQL and MariaDB check each row at once). */
  readonly deferrableUniques: boolean
  /** Table and column comments are stored. */
  readonly comments: boolean
}

/**
 * What a dialect keeps of an index beyond its columns, uniqueness and
 * predicate: compiled where true, and the same flags say what autogenerate
 * compares (see DiffHooks.indexTraits).
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const traits: IndexTraits = dialectNamed('mysql').compiler.traits
 * traits.indexPrefixLengths // true
 */
export type IndexTraits = Pick<
  DialectTraits,
  | 'indexPrefixLengths'
  | 'indexMethods'
  | 'indexNullsOrder'
  | 'indexOperatorClasses'
  | 'indexInclude'
  | 'indexNullsNotDistinct'
  | 'indexStorage'
  | 'indexKinds'
  | 'indexVisibility'
>
