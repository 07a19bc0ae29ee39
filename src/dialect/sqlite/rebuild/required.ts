import type { Operation } from '../../../ops/operation.js'
import type { CompileContext, RebuildResult } from '../../default/context.js'

/**
 * The one place where SQLite meets a change its ALTER TABLE cannot make:
 * type, nullability or default of a column, and constraints on an existing
 * table (https://sqlite.org/lang_altertable.html#otheralter). The handler
 * answers with a rebuild, which the compiler returns to the executor, live
 * (./run-live.ts) or offline (./shadow.ts).
 *
 * @example
 * import type { Handler } from '../../default/context.js'
 * const setNotNull: Handler<'alter_column'> = (op, ctx) => sqliteTableRebuild(op, ctx, `column "${op.column}": nullability`)
 */
export function sqliteTableRebuild(op: Operation & { readonly table: string }, _ctx: CompileContext, what: string): RebuildResult {
  return { kind: 'rebuild', op, reason: what }
}
