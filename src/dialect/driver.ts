import type { DatabaseUrl } from '../core/database-url.js'
import type { DialectName } from '../core/dialect-name.js'
import type { Statement } from './compile-types.js'
import type { Row } from '../ops/operation-sink.js'
import type { RowValue } from '../ops/operation.js'

/**
 * The little a runner needs from a database driver. Each dialect folder
 * adapts its driver to this; nothing above the runtime sees a driver.
 *
 * Rows come back with integers as numbers (a bigint beyond 2^53 as a
 * `bigint`, never a rounded number), exact decimals as strings, timestamps
 * as `Date` and dates as `YYYY-MM-DD` strings, on every dialect.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * try {
 *   if (!(await connection.hasTable('athanor_version'))) console.log('at base')
 * } finally { await connection.close() }
 */
export interface DatabaseConnection {
  readonly dialect: DialectName
  /** Runs one statement; without params it may hold several, `;`-separated. */
  execute(statement: Statement): Promise<void>
  /**
   * Runs statements in order, as one by one, stopping at the first that
   * fails; in one round trip where the driver can send several at once with
   * their values (mysql2 binds values in the client).
   */
  executeBatch(statements: readonly Statement[]): Promise<void>
  /**
   * Where the driver sends several statements as one text: `statement`
   * (without values) goes ahead of the next statement or query, in its
   * round trip; a failure of it fails that call, before that call's own
   * statement runs. Meant for a session setting the next call depends on
   * (MySQL's `USE` of a tenant's database).
   */
  sendWithNext?(statement: Statement): void
  query(sql: string, params?: readonly RowValue[]): Promise<Row[]>
  /**
   * Whether a table exists: in `schema` when given, else where unqualified
   * names resolve (PostgreSQL's current schema, MySQL's current database).
   */
  hasTable(name: string, schema?: string): Promise<boolean>
  /**
   * What holds `name` where unqualified names resolve: a table, a view or
   * something else, with its columns; `undefined` when nothing does. For
   * athanor's own tables, which a person may have altered or replaced.
   */
  describeTable(name: string): Promise<TableShape | undefined>
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  readonly inTransaction: boolean
  /**
   * The session's transaction state as the server reports it after the
   * last statement: the runner checks it after each statement of a
   * migration, so a statement that ended or opened a transaction behind
   * its back is caught before anything else runs.
   */
  transactionState(): Promise<TransactionState>
  close(): Promise<void>
  /**
   * Stops the statement this connection is running, from a second
   * connection (PostgreSQL's pg_cancel_backend, MySQL's KILL QUERY), and
   * resolves once the connection is idle again: whatever runs next on it
   * (a ROLLBACK) runs after. Nothing happens when no statement runs.
   */
  cancel(): Promise<void>
  /**
   * Each statement runs to its end inside the call (better-sqlite3), so
   * nothing else runs while one does: what stops a step lands only between
   * the script's own awaits, never inside an operation (see StepGuard.run).
   */
  readonly synchronous?: boolean
  /**
   * A statement is written to the server at once, behind those still in
   * flight, which the server runs and answers in order (pg's pipeline
   * mode): a caller may send several before the first answer comes.
   */
  readonly pipelined?: boolean
}

/**
 * Whether a transaction is open (a failed one still open counts), and
 * whether statements outside one commit by themselves: always on PostgreSQL
 * and SQLite, which have no such setting; off on MySQL after
 * `SET autocommit = 0`.
 *
 * @example
 * const state: TransactionState = { open: true, autocommit: true } // inside BEGIN … COMMIT
 */
export interface TransactionState {
  readonly open: boolean
  readonly autocommit: boolean
}

/**
 * What a database holds under a name, as far as athanor checks its own
 * version and history tables before it reads or writes them.
 *
 * @example
 * import { openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const shape = await connection.describeTable('athanor_version')
 * shape?.kind // 'table'
 * shape?.columns.map((column) => `${column.name} ${column.family}`) // ['version_num text']
 */
export interface TableShape {
  /** A `table`; a `view` (materialized or not); or `other`, such as a sequence or an index of that name. */
  readonly kind: 'table' | 'view' | 'other'
  /** In the order the table declares them. */
  readonly columns: readonly ColumnShape[]
}

/**
 * One column of a {@link TableShape}.
 *
 * @example
 * const column: ColumnShape = { name: 'version_num', type: 'character varying(32)', family: 'text', nullable: false, filled: false }
 */
export interface ColumnShape {
  readonly name: string
  /** The type as the database spells it, for messages. */
  readonly type: string
  /** What it stores: text, whole numbers, or anything else (SQLite: by its type's affinity). */
  readonly family: 'text' | 'integer' | 'other'
  readonly nullable: boolean
  /** An insert that leaves it out still gives it a value: a default, an identity or autoincrement, a generated column. */
  readonly filled: boolean
}

/** Where a connection was going, for the one-line failure message. */
export interface ConnectionTarget {
  /** `PostgreSQL`, `MySQL/MariaDB`. */
  readonly server: string
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password?: string
}

/**
 * A way to reach one database family: a client library adapted to
 * {@link DatabaseConnection}. A dialect may have several (PostgreSQL: `pg`,
 * or an embedded server); `registry.ts` picks one for a URL.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const driver = await dialectNamed('sqlite').drivers[0].load()
 * const connection = await driver.open(parseDatabaseUrl('sqlite:///app.db'))
 */
export interface Driver {
  readonly name: string
  open(url: DatabaseUrl): Promise<DatabaseConnection>
}
