import { AthanorError } from '../../../errors.js'
import type { Operation } from '../../../ops/operation.js'
import type { Statement } from '../../types.js'
import type { CompileContext } from '../../default/context.js'

/**
 * Thrown by the SQLite compiler for a change its ALTER TABLE cannot make
 * (https://sqlite.org/lang_altertable.html#otheralter). The executors catch
 * it and rebuild the table instead; compiled on its own (no database to
 * read the table from) it is the error the user sees.
 *
 * @example
 * try { sqliteCompiler.compile(op, 'offline') } catch (e) { if (e instanceof TableRebuildRequired) console.log(e.reason) }
 */
export class TableRebuildRequired extends AthanorError {
  constructor(
    readonly op: Operation & { readonly table: string },
    readonly reason: string,
    /** The compile context (dialect and mode) the rebuild is written in. */
    readonly ctx?: CompileContext,
  ) {
    super('SQLITE_ALTER_UNSUPPORTED', `SQLite cannot ${op.kind} on table "${op.table}" (${reason}) with ALTER TABLE; it needs a table rebuild`)
  }
}

/**
 * The one place where SQLite meets a change its ALTER TABLE cannot make:
 * type, nullability or default of a column, and constraints on an existing
 * table. It throws {@link TableRebuildRequired}, which the live and offline
 * executors turn into a table rebuild (see ./run-live.ts and ./shadow.ts).
 *
 * @example
 * return sqliteTableRebuild(op, ctx, 'column "email" (nullability)')
 */
export function sqliteTableRebuild(op: Operation & { readonly table: string }, ctx: CompileContext, what: string): Statement[] {
  throw new TableRebuildRequired(op, what, ctx)
}
