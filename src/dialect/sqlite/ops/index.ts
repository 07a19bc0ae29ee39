import type { Handler } from '../../default/context.js'
import { createIndexSql } from '../../default/ops/index.js'

/**
 * SQLite names an index in an attached database by qualifying the index,
 * not the table: `CREATE INDEX "aux"."ix" ON "t" (...)`
 * (https://sqlite.org/lang_createindex.html).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * sqliteCreateIndex({ kind: 'create_index', table: 't', schema: 'aux', index: { name: 'ix', columns: ['a'] } }, ctx)
 * // [{ sql: 'CREATE INDEX "aux"."ix" ON "t" ("a")' }]
 */
export const sqliteCreateIndex: Handler<'create_index'> = (op, ctx) => {
  const name = ctx.quoteTable({ table: op.index.name, ...(op.schema === undefined ? {} : { schema: op.schema }) })
  return [{ sql: createIndexSql(name, ctx.quoteIdentifier(op.table), op.index, op, ctx) }]
}
