import { AthanorError } from '../../../errors.js'
import type { Handler } from '../../default/context.js'
import { TableRebuildRequired } from '../rebuild/required.js'

/**
 * `batch_alter_table` on SQLite. `auto` compiles the changes as ALTER TABLE
 * when SQLite can make all of them and asks for one rebuild otherwise, as
 * Alembic's batch mode does; `always` asks for the rebuild; `never` refuses
 * what ALTER TABLE cannot do.
 *
 * @example
 * sqliteBatchAlterTable({ kind: 'batch_alter_table', table: 't', recreate: 'always', ops: [] }, ctx) // throws TableRebuildRequired
 */
export const sqliteBatchAlterTable: Handler<'batch_alter_table'> = (op, ctx) => {
  if (op.recreate === 'always') throw new TableRebuildRequired(op, "recreate: 'always'", ctx)
  try {
    return op.ops.flatMap((sub) => ctx.compile(sub))
  } catch (error) {
    if (!(error instanceof TableRebuildRequired)) throw error
    if (op.recreate === 'never') {
      throw new AthanorError('SQLITE_ALTER_UNSUPPORTED', `${error.message}, and the batch says recreate: 'never'`, { cause: error })
    }
    throw new TableRebuildRequired(op, error.reason, ctx)
  }
}
