import { alterIndexVisibility } from '../default/ops/index-visibility.js'
import { storedCodeHandlers } from '../default/ops/stored-code.js'
import { viewHandlers } from '../default/ops/view.js'
import type { Handlers } from '../default/context.js'
import { pgOnlyRefusals } from '../default/ops/pg-only.js'
import { dropColumn } from '../default/ops/column.js'
import { constraintCheckedWhenAdded } from '../default/ops/constraint.js'
import { bulkInsert, execute } from '../default/ops/data.js'
import { dropIndex } from '../default/ops/index.js'
import { dropTable, renameTable, setTableComment } from '../default/ops/table.js'
import {
  sqliteAddColumn,
  sqliteAlterColumn,
  sqliteCreateCheck,
  sqliteCreateForeignKey,
  sqliteCreateUnique,
  sqliteDropConstraint,
} from './ops/alter.js'
import { sqliteBatchAlterTable } from './ops/batch.js'
import { sqliteCreateTable } from './ops/create-table.js'
import { sqliteCreateIndex } from './ops/index.js'
import { constraintRenameRefused, indexMadeAgain } from '../default/ops/rename.js'

const views = viewHandlers({ materialized: false, replaceInPlace: false, columnNames: true })
const storedCode = storedCodeHandlers({
  routines: false,
  triggerNamedWithinTable: false,
  routineArguments: false,
  replaceRoutineInPlace: false,
  clientDelimiter: false,
})

/**
 * SQLite's dispatch table. DROP COLUMN needs SQLite 3.35 and RENAME COLUMN
 * 3.25; better-sqlite3 bundles a newer one.
 *
 * @example
 * import type { CompileContext } from '../default/context.js'
 * declare const ctx: CompileContext
 * sqliteHandlers.drop_table({ kind: 'drop_table', table: 't' }, ctx) // [{ sql: 'DROP TABLE "t"' }]
 */
export const sqliteHandlers: Handlers = {
  create_table: sqliteCreateTable,
  drop_table: dropTable,
  rename_table: renameTable,
  set_table_comment: setTableComment,
  add_column: sqliteAddColumn,
  drop_column: dropColumn,
  alter_column: sqliteAlterColumn,
  create_index: sqliteCreateIndex,
  drop_index: dropIndex,
  create_unique_constraint: sqliteCreateUnique,
  create_foreign_key: sqliteCreateForeignKey,
  create_check_constraint: sqliteCreateCheck,
  drop_constraint: sqliteDropConstraint,
  rename_index: indexMadeAgain,
  alter_index: alterIndexVisibility,
  rename_constraint: constraintRenameRefused,
  validate_constraint: constraintCheckedWhenAdded,
  execute,
  bulk_insert: bulkInsert,
  batch_alter_table: sqliteBatchAlterTable,
  create_view: views.create_view,
  drop_view: views.drop_view,
  replace_view: views.replace_view,
  set_view_comment: views.set_view_comment,
  ...storedCode,
  ...pgOnlyRefusals('SQLite'),
}
