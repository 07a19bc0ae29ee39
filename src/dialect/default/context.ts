import type { Column, ColumnType, DefaultValue } from '../../schema/types.js'
import type { Operation, OperationKind, OperationOf, RowValue, TableRef } from '../../ops/operation.js'
import type { DialectName } from '../../core/dialect-name.js'
import type { ColumnAt, CompileMode, DialectTraits, Statement } from '../compile-types.js'

/**
 * Why a column definition is being written: in a `CREATE TABLE`, an
 * `ADD COLUMN`, or MySQL's `MODIFY`/`CHANGE` (which restates the column but
 * must not restate its keys).
 *
 * @example
 * declare const ctx: CompileContext
 * ctx.columnDefinition({ name: 'email', type: { kind: 'text' }, nullable: false }, { table: 'user' }, { purpose: 'add' })
 * // PostgreSQL: '"email" TEXT NOT NULL'
 */
export interface ColumnPurpose {
  readonly purpose: 'create' | 'add' | 'modify'
  /** SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT` is written on the column itself. */
  readonly inlinePrimaryKey?: { readonly name?: string }
}

/**
 * The primitives a handler writes SQL with, bound to one dialect and mode.
 *
 * @example
 * const drop: Handler<'drop_table'> = (op, ctx) => [{ sql: `DROP TABLE ${ctx.quoteTable(op)}` }]
 */
export interface CompileContext {
  readonly dialect: DialectName
  readonly traits: DialectTraits
  readonly mode: CompileMode
  quoteIdentifier(name: string): string
  quoteTable(ref: TableRef): string
  /** The table a foreign key refers to, as the dialect allows it written. */
  quoteReferredTable(ref: TableRef): string
  renderLiteral(value: RowValue): string
  renderType(type: ColumnType, at?: ColumnAt): string
  renderDefault(value: DefaultValue, at?: ColumnAt): string
  columnDefinition(column: Column, table: TableRef, how: ColumnPurpose): string
  /** The placeholder for the `index`-th (1-based) parameter of a statement. */
  placeholder(index: number): string
  /** A value as the driver should bind it (online mode). */
  bindValue(value: RowValue): RowValue
  /**
   * Statements that set a table's or column's comment (`null` removes it),
   * for dialects that store comments apart from the DDL (PostgreSQL's
   * COMMENT ON); empty where comments are inline (MySQL) or unknown (SQLite).
   */
  commentOn(target: TableRef & { readonly column?: string }, comment: string | null): Statement[]
  /** Compiles another operation through the same dialect and mode. */
  compile(op: Operation): Statement[] | RebuildResult
  /** The same, for an operation that never needs a table rebuild here. */
  compileSql(op: Operation): Statement[]
}

/**
 * Compiles one kind of operation.
 *
 * @example
 * const execute: Handler<'execute'> = (op) => [{ sql: op.sql }]
 */
export type Handler<K extends OperationKind> = (op: OperationOf<K>, ctx: CompileContext) => Statement[] | RebuildResult

/**
 * A handler's answer for a change only a table rebuild can make (see
 * `TableRebuild` in ../types.ts, which adds the context).
 *
 * @example
 * const setNotNull: Handler<'alter_column'> = (op) => ({ kind: 'rebuild', op, reason: `column "${op.column}": nullability` })
 */
export interface RebuildResult {
  readonly kind: 'rebuild'
  readonly op: Operation & { readonly table: string }
  readonly reason: string
}

/**
 * A dialect's full dispatch table. Each dialect spells out every kind (reusing
 * a default handler by name) rather than spreading the defaults, so adding a
 * kind to `Operation` fails to compile until every dialect has decided.
 *
 * @example
 * import { sqliteHandlers } from '../sqlite/handlers.js'
 * const { execute, ...withoutExecute } = sqliteHandlers
 * // @ts-expect-error: property 'execute' is missing
 * const handlers: Handlers = withoutExecute
 */
export type Handlers = { readonly [K in OperationKind]: Handler<K> }

/**
 * What a dialect supplies to {@link createCompiler}: its quoting, literals,
 * types, column definitions and handlers.
 *
 * @example
 * import { createCompiler } from './compiler.js'
 * declare const spec: DialectSpec
 * const compiler = createCompiler({ ...spec, traits: { ...spec.traits, transactionalDdl: false } })
 * compiler.traits.transactionalDdl // false
 */
export interface DialectSpec {
  readonly dialect: DialectName
  readonly traits: DialectTraits
  quoteIdentifier(name: string): string
  renderLiteral(value: RowValue): string
  renderType(type: ColumnType, at?: ColumnAt): string
  renderDefault(value: DefaultValue, ctx: CompileContext, at?: ColumnAt): string
  columnDefinition(column: Column, table: TableRef, how: ColumnPurpose, ctx: CompileContext): string
  bindValue(value: RowValue): RowValue
  /** Overrides how a foreign key's target is written; the default is `quoteTable`. */
  quoteReferredTable?(ref: TableRef, quoteTable: (ref: TableRef) => string): string
  commentOn(target: TableRef & { readonly column?: string }, comment: string | null, ctx: CompileContext): Statement[]
  readonly handlers: Handlers
}
