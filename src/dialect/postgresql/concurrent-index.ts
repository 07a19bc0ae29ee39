import type { Handler } from '../default/context.js'
import { createIndex, dropIndex } from '../default/ops/index.js'

// https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY:
// the build takes a lock that lets writes go on, and cannot run inside a transaction block.
const concurrent = (sql: string) => sql.replace(/^(CREATE (?:UNIQUE )?INDEX|DROP INDEX) /, '$1 CONCURRENTLY ')

/** The statements with CONCURRENTLY added, when the operation asks for it. */
function concurrently(asked: boolean | undefined, compiled: ReturnType<Handler<'create_index'>>): ReturnType<Handler<'create_index'>> {
  if (asked !== true || !Array.isArray(compiled)) return compiled
  return compiled.map((statement) => ({ ...statement, sql: concurrent(statement.sql), outsideTransaction: true }))
}

/**
 * CREATE INDEX, with CONCURRENTLY when the operation asks for it.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresCreateIndex({ kind: 'create_index', table: 't', index: { name: 'ix', columns: ['a'] }, concurrently: true }, ctx)
 * // [{ sql: 'CREATE INDEX CONCURRENTLY "ix" ON "t" ("a")', outsideTransaction: true }]
 */
export const postgresCreateIndex: Handler<'create_index'> = (op, ctx) => concurrently(op.concurrently, createIndex(op, ctx))

/**
 * DROP INDEX, with CONCURRENTLY when the operation asks for it.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresDropIndex({ kind: 'drop_index', table: 't', name: 'ix', concurrently: true }, ctx)
 * // [{ sql: 'DROP INDEX CONCURRENTLY "ix"', outsideTransaction: true }]
 */
export const postgresDropIndex: Handler<'drop_index'> = (op, ctx) => concurrently(op.concurrently, dropIndex(op, ctx))
