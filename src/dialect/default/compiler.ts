import type { Operation, TableRef } from '../../ops/operation.js'
import { AthanorError } from '../../core/errors.js'
import type { CompiledOperation, CompileMode, DialectCompiler, Statement, TableRebuild } from '../types.js'
import type { CompileContext, DialectSpec, Handler, RebuildResult } from './context.js'
import { versionTableSql } from './version-table.js'

/**
 * Builds a {@link DialectCompiler} from a dialect's spec: binds its
 * primitives into a context per mode and dispatches each operation through
 * the spec's handler table.
 *
 * @example
 * import type { DialectSpec } from './context.js'
 * declare const spec: DialectSpec
 * createCompiler(spec).compile({ kind: 'execute', sql: 'VACUUM' }, 'online') // { kind: 'sql', statements: [{ sql: 'VACUUM' }] }
 */
export function createCompiler(spec: DialectSpec): DialectCompiler {
  const quoteTable = (ref: TableRef): string =>
    ref.schema === undefined ? spec.quoteIdentifier(ref.table) : `${spec.quoteIdentifier(ref.schema)}.${spec.quoteIdentifier(ref.table)}`

  const contextFor = (mode: CompileMode): CompileContext => {
    const ctx: CompileContext = {
      dialect: spec.dialect,
      traits: spec.traits,
      mode,
      quoteIdentifier: spec.quoteIdentifier,
      quoteTable,
      quoteReferredTable: (ref) => (spec.quoteReferredTable === undefined ? quoteTable(ref) : spec.quoteReferredTable(ref, quoteTable)),
      renderLiteral: spec.renderLiteral,
      renderType: spec.renderType,
      renderDefault: (value, at) => spec.renderDefault(value, ctx, at),
      columnDefinition: (column, table, how) => spec.columnDefinition(column, table, how, ctx),
      placeholder: (index) => (spec.traits.paramStyle === 'dollar' ? `$${index}` : '?'),
      bindValue: spec.bindValue,
      commentOn: (target, comment) => spec.commentOn(target, comment, ctx),
      compile: (op) => dispatch(op, ctx),
      compileSql: (op) => statementsOnly(dispatch(op, ctx), ctx),
    }
    return ctx
  }
  const contexts: Record<CompileMode, CompileContext> = { online: contextFor('online'), offline: contextFor('offline') }

  function dispatch(op: Operation, ctx: CompileContext): Statement[] | RebuildResult {
    // The table is keyed by kind, so the handler found matches `op`; TypeScript
    // cannot correlate the two through a union, hence the widening.
    const handler = spec.handlers[op.kind] as Handler<Operation['kind']> as (
      op: Operation,
      ctx: CompileContext,
    ) => Statement[] | RebuildResult
    return handler(op, ctx)
  }

  function compile(op: Operation, ctx: CompileContext): CompiledOperation {
    const result = dispatch(op, ctx)
    return Array.isArray(result) ? { kind: 'sql', statements: result } : { ...result, ctx }
  }

  return {
    dialect: spec.dialect,
    traits: spec.traits,
    quoteIdentifier: spec.quoteIdentifier,
    quoteTable,
    renderLiteral: spec.renderLiteral,
    renderType: spec.renderType,
    compile: (op, mode) => compile(op, contexts[mode]),
    compileSql: (op, mode) => statementsOnly(dispatch(op, contexts[mode]), contexts[mode]),
    versionTable: versionTableSql(quoteTable, spec.quoteIdentifier, spec.renderLiteral),
  }
}

/**
 * The statements of a compiled operation, where the caller has no table to
 * rebuild (an offline compile with no shadow, a sub-operation that must be
 * plain SQL): a rebuild is then the error the user sees.
 */
function statementsOnly(result: Statement[] | RebuildResult, ctx: CompileContext): Statement[] {
  if (Array.isArray(result)) return result
  throw rebuildUnavailable({ ...result, ctx })
}

/**
 * The error for a change that needs a table rebuild where none can run.
 *
 * @example
 * import { dialects } from '../registry.js'
 * const alter: AlterColumnOp = { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false } }
 * const compiled = dialects.sqlite.compiler.compile(alter, 'offline')
 * if (compiled.kind === 'rebuild') throw rebuildUnavailable(compiled)
 * // SQLite cannot alter_column on table "user" (column "email": nullability) with ALTER TABLE; it needs a table rebuild
 */
export function rebuildUnavailable(rebuild: TableRebuild): AthanorError {
  return new AthanorError(
    'SQLITE_ALTER_UNSUPPORTED',
    `SQLite cannot ${rebuild.op.kind} on table "${rebuild.op.table}" (${rebuild.reason}) with ALTER TABLE; it needs a table rebuild`,
  )
}
