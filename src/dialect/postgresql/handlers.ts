import { alterIndexVisibility } from '../default/ops/index-visibility.js'
import { storedCodeHandlers } from '../default/ops/stored-code.js'
import { postgresLiteral } from './literal.js'
import { viewHandlers } from '../default/ops/view.js'
import { batchAlterTable } from '../default/ops/batch.js'
import type { Handlers } from '../default/context.js'
import { dropColumn } from '../default/ops/column.js'
import { postgresAddColumn } from './serial-names.js'
import { createUniqueConstraint, validateConstraint } from '../default/ops/constraint.js'
import { bulkInsert, execute } from '../default/ops/data.js'
import { dropTable, renameTable, setTableComment } from '../default/ops/table.js'
import { postgresAlterColumn } from './alter-column.js'
import { postgresCreateTable } from './create-table.js'
import { postgresCreateIndex, postgresDropIndex } from './concurrent-index.js'
import { postgresDropConstraint } from './drop-constraint.js'
import { postgresDomainHandlers } from './domain-ops.js'
import { postgresCompositeHandlers } from './composite-ops.js'
import { postgresRangeHandlers } from './range-ops.js'
import { postgresObjectHandlers } from './object-ops.js'
import { postgresPartitionHandlers } from './partition-ops.js'
import { postgresSecurityHandlers } from './security-ops.js'
import { postgresCreateCheck, postgresCreateForeignKey } from './not-valid.js'
import { postgresCreateView } from './materialized-view.js'
import { alterIndexRename, renameConstraint } from '../default/ops/rename.js'

const views = viewHandlers({ materialized: true, replaceInPlace: false, createOrReplace: true, behaviour: 'reloptions', comments: true })
const storedCode = storedCodeHandlers({
  routines: true,
  triggerNamedWithinTable: true,
  routineArguments: true,
  replaceRoutineInPlace: true,
  clientDelimiter: false,
  // check_function_bodies off for the one statement, as pg_dump makes routines; the setting the session had is kept
  // in a variable of athanor's own and put back, so a script's own choice stands.
  uncheckedBody: (create) => [
    {
      sql:
        "SELECT set_config('athanor.check_function_bodies', current_setting('check_function_bodies'), false), " +
        "set_config('check_function_bodies', 'off', false)",
    },
    create,
    { sql: "SELECT set_config('check_function_bodies', current_setting('athanor.check_function_bodies'), false)" },
  ],
  // Named in the schema an unqualified CREATE makes it in: a routine such as the airlines demo's now() shares its
  // name and arguments with a built-in, which a bare DROP would find first.
  dropInSessionSchema: (keyword, nameWithArguments) => {
    const statement = `${keyword} %I.${nameWithArguments.replaceAll('%', '%%')}`
    const body = `BEGIN EXECUTE format(${postgresLiteral(statement)}, current_schema()); END`
    return { sql: `DO ${body.includes('$$') ? postgresLiteral(body) : `$$${body}$$`}` }
  },
})

/**
 * PostgreSQL's dispatch table: the SQL standard's statements, which
 * PostgreSQL follows, except for ALTER COLUMN.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * postgresHandlers.drop_index({ kind: 'drop_index', table: 't', schema: 's', name: 'ix' }, ctx)
 * // [{ sql: 'DROP INDEX "s"."ix"' }]
 */
export const postgresHandlers: Handlers = {
  create_table: postgresCreateTable,
  drop_table: dropTable,
  rename_table: renameTable,
  set_table_comment: setTableComment,
  add_column: postgresAddColumn,
  drop_column: dropColumn,
  alter_column: postgresAlterColumn,
  create_index: postgresCreateIndex,
  drop_index: postgresDropIndex,
  create_unique_constraint: createUniqueConstraint,
  create_foreign_key: postgresCreateForeignKey,
  create_check_constraint: postgresCreateCheck,
  drop_constraint: postgresDropConstraint,
  rename_index: alterIndexRename,
  alter_index: alterIndexVisibility,
  rename_constraint: renameConstraint,
  validate_constraint: validateConstraint,
  execute,
  bulk_insert: bulkInsert,
  batch_alter_table: batchAlterTable,
  create_view: postgresCreateView(views.create_view),
  drop_view: views.drop_view,
  replace_view: views.replace_view,
  set_view_comment: views.set_view_comment,
  ...storedCode,
  ...postgresObjectHandlers,
  ...postgresDomainHandlers,
  ...postgresCompositeHandlers,
  ...postgresRangeHandlers,
  ...postgresPartitionHandlers,
  ...postgresSecurityHandlers,
}
