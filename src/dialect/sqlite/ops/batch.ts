import { AthanorError } from '../../../core/errors.js'
import type { Statement } from '../../compile-types.js'
import type { Handler } from '../../default/context.js'

/**
 * `batch_alter_table` on SQLite. `auto` compiles the changes as ALTER TABLE
 * when SQLite can make all of them and asks for one rebuild otherwise, as
 * Alembic's batch mode does; `always` asks for the rebuild; `never` refuses
 * what ALTER TABLE cannot do.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * sqliteBatchAlterTable({ kind: 'batch_alter_table', table: 't', recreate: 'always', ops: [] }, ctx)
 * // { kind: 'rebuild', op: { kind: 'batch_alter_table', … }, reason: "recreate: 'always'" }
 */
export const sqliteBatchAlterTable: Handler<'batch_alter_table'> = (op, ctx) => {
  if (op.recreate === 'always') return { kind: 'rebuild', op, reason: "recreate: 'always'" }
  const statements: Statement[] = []
  for (const sub of op.ops) {
    const compiled = ctx.compile(sub)
    if (Array.isArray(compiled)) {
      statements.push(...compiled)
      continue
    }
    if (op.recreate === 'never') {
      throw new AthanorError(
        'SQLITE_ALTER_UNSUPPORTED',
        `SQLite cannot ${compiled.op.kind} on table "${compiled.op.table}" (${compiled.reason}) with ALTER TABLE; ` +
          "it needs a table rebuild, and the batch says recreate: 'never'",
      )
    }
    return { kind: 'rebuild', op, reason: compiled.reason }
  }
  return statements
}
