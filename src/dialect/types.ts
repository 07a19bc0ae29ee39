import type { DialectName } from '../core/dialect-name.js'
import type { ColumnType } from '../schema/types.js'
import type { Operation, RowValue, TableRef } from '../ops/operation.js'
import type { ColumnAt, CompileMode, DialectTraits, Statement } from './compile-types.js'
import type { CompileContext } from './default/context.js'

export type { ColumnAt, CompileMode, DialectName, DialectTraits, Statement }

/**
 * Statements for the version table, which holds one row per applied head.
 * The table may be given schema-qualified as a {@link TableRef}.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * dialectNamed('postgresql').compiler.versionTable.insert('athanor_version', 'ae1027a6acf').sql
 * // INSERT INTO "athanor_version" ("version_num") VALUES ('ae1027a6acf')
 */
export interface VersionTableSql {
  create(table: string | TableRef): Statement
  insert(table: string | TableRef, id: string): Statement
  delete(table: string | TableRef, id: string): Statement
  update(table: string | TableRef, from: string, to: string): Statement
  select(table: string | TableRef): Statement
  /**
   * A statement that fails unless the table holds exactly `rows`: a step's
   * read-back sent in the batch that records it, ahead of its COMMIT.
   * It fails where a scalar subquery of two rows is an error (PostgreSQL,
   * MySQL/MariaDB); SQLite, which never takes such a batch, reads back.
   */
  expect(table: string | TableRef, rows: readonly string[]): Statement
  /**
   * What the table held, read from the failure of {@link expect}, where
   * the dialect's check carries it (PostgreSQL); `undefined` for any other
   * failure. With it a step's record may carry its COMMIT: a failed check
   * still names the rows after the rollback has undone them.
   */
  rowsInFailure?(error: unknown): string[] | undefined
}

/**
 * A change the dialect's ALTER TABLE cannot make, which the table rebuild
 * makes instead (SQLite: https://sqlite.org/lang_altertable.html#otheralter).
 * The compiler returns it; the executor hands it to the dialect's
 * `tableRebuild`, live or into an offline script.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const alter: AlterColumnOp = { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }
 * const compiled = dialectNamed('sqlite').compiler.compile(alter, 'online')
 * if (compiled.kind === 'rebuild') console.log(compiled.reason) // column "email": nullability
 */
export interface TableRebuild {
  readonly kind: 'rebuild'
  readonly op: Operation & { readonly table: string }
  /** What needs the rebuild, for messages: `column "email": nullability`. */
  readonly reason: string
  /** The compile context (dialect and mode) the rebuild is written in. */
  readonly ctx: CompileContext
}

/**
 * What compiling one operation gives: the statements to run, or the table
 * rebuild that stands for them.
 *
 * @example
 * import { dialects, openConnection } from './registry.js'
 * const connection = await openConnection(parseDatabaseUrl('sqlite:///app.db'))
 * const compiled = dialects.sqlite.compiler.compile({ kind: 'drop_table', table: 'sessions' }, 'online')
 * if (compiled.kind === 'sql') for (const s of compiled.statements) await connection.execute(s)
 */
export type CompiledOperation = { readonly kind: 'sql'; readonly statements: Statement[] } | TableRebuild

/**
 * Turns operations into SQL text for one dialect. Every identifier is
 * quoted, every value is a safe literal or a bound parameter.
 *
 * @example
 * import { dialectNamed } from './registry.js'
 * const sqlite = dialectNamed('sqlite').compiler
 * sqlite.compileSql({ kind: 'drop_table', table: 'user' }, 'offline')
 * // [{ sql: 'DROP TABLE "user"' }]
 */
export interface DialectCompiler {
  readonly dialect: DialectName
  readonly traits: DialectTraits
  quoteIdentifier(name: string): string
  quoteTable(ref: TableRef): string
  renderLiteral(value: RowValue): string
  renderType(type: ColumnType, at?: ColumnAt): string
  /** The statements for `op`, or the table rebuild that makes it. */
  compile(op: Operation, mode: CompileMode): CompiledOperation
  /**
   * The statements for `op`; a change that needs a table rebuild is a
   * `SQLITE_ALTER_UNSUPPORTED` error, for callers with no table to rebuild.
   */
  compileSql(op: Operation, mode: CompileMode): Statement[]
  readonly versionTable: VersionTableSql
}
