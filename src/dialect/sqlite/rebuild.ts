import { AthanorError } from '../../errors.js'
import type { Operation } from '../../ops/operation.js'
import type { Statement } from '../types.js'
import type { CompileContext } from '../default/context.js'

/**
 * The one place where SQLite meets a change its ALTER TABLE cannot make
 * (https://sqlite.org/lang_altertable.html#otheralter): type, nullability or
 * default of a column, and constraints on an existing table. Today it refuses
 * with `SQLITE_ALTER_UNSUPPORTED`; the table rebuild (create the new table,
 * copy, drop, rename) will be compiled here.
 *
 * @example
 * return sqliteTableRebuild(op, ctx, 'column "email" (nullability)')
 */
export function sqliteTableRebuild(op: Operation & { readonly table: string }, _ctx: CompileContext, what: string): Statement[] {
  throw new AthanorError(
    'SQLITE_ALTER_UNSUPPORTED',
    `SQLite cannot ${op.kind} on table "${op.table}" (${what}) with ALTER TABLE; it needs a table rebuild`,
  )
}
