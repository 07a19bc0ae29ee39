import { alterIndexVisibility } from '../default/ops/index-visibility.js'
import { storedCodeHandlers } from '../default/ops/stored-code.js'
import { viewHandlers } from '../default/ops/view.js'
import { batchAlterTable } from '../default/ops/batch.js'
import type { Handlers } from '../default/context.js'
import { pgOnlyRefusals } from '../default/ops/pg-only.js'
import { dropColumn } from '../default/ops/column.js'
import { mysqlAddColumn } from './ops/add-column.js'
import { createCheckConstraint, createUniqueConstraint, constraintCheckedWhenAdded } from '../default/ops/constraint.js'
import { execute, makeBulkInsert } from '../default/ops/data.js'
import { createIndex } from '../default/ops/index.js'
import { dropTable } from '../default/ops/table.js'
import { mysqlAlterColumn } from './ops/alter-column.js'
import { mysqlDropConstraint } from './ops/drop-constraint.js'
import { mysqlCreateForeignKey } from './ops/foreign-key.js'
import { withOnlineDdl } from './ops/online-ddl.js'
import { mysqlCreateTable, mysqlDropIndex, mysqlEmptyRow, mysqlRenameTable, mysqlSetTableComment } from './ops/table.js'
import { mysqlRenameConstraint, mysqlRenameIndex } from './ops/rename.js'
import { mariadbSequenceHandlers } from './ops/sequence.js'

const views = viewHandlers({ materialized: false, replaceInPlace: true, behaviour: 'sql-security' })
const storedCode = storedCodeHandlers({
  routines: true,
  triggerNamedWithinTable: false,
  routineArguments: false,
  replaceRoutineInPlace: false,
  clientDelimiter: true,
})

/**
 * MySQL/MariaDB's dispatch table.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * mysqlHandlers.drop_index({ kind: 'drop_index', table: 't', name: 'ix' }, ctx)
 * // [{ sql: 'DROP INDEX `ix` ON `t`' }]
 */
export const mysqlHandlers: Handlers = {
  create_table: mysqlCreateTable,
  drop_table: dropTable,
  rename_table: mysqlRenameTable,
  set_table_comment: mysqlSetTableComment,
  add_column: withOnlineDdl(mysqlAddColumn),
  drop_column: withOnlineDdl(dropColumn),
  alter_column: withOnlineDdl(mysqlAlterColumn),
  create_index: withOnlineDdl(createIndex),
  drop_index: withOnlineDdl(mysqlDropIndex),
  create_unique_constraint: createUniqueConstraint,
  create_foreign_key: mysqlCreateForeignKey,
  create_check_constraint: createCheckConstraint,
  drop_constraint: mysqlDropConstraint,
  rename_index: mysqlRenameIndex,
  alter_index: alterIndexVisibility,
  rename_constraint: mysqlRenameConstraint,
  validate_constraint: constraintCheckedWhenAdded,
  execute,
  bulk_insert: makeBulkInsert(mysqlEmptyRow),
  batch_alter_table: batchAlterTable,
  create_view: views.create_view,
  drop_view: views.drop_view,
  replace_view: views.replace_view,
  set_view_comment: views.set_view_comment,
  ...storedCode,
  ...pgOnlyRefusals('MySQL/MariaDB'),
  // MariaDB's sequences; MySQL has none, and refuses them (see mysqlSequencesRefused).
  ...mariadbSequenceHandlers,
}
