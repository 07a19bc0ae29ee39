import { batchAlterTable } from './ops/batch.js'
import type { Handlers } from './context.js'
import { alterColumn } from './ops/alter-column.js'
import { addColumn, dropColumn } from './ops/column.js'
import { createCheckConstraint, createForeignKey, createUniqueConstraint, dropConstraint } from './ops/constraint.js'
import { createTable } from './ops/create-table.js'
import { bulkInsert, execute } from './ops/data.js'
import { createIndex, dropIndex } from './ops/index.js'
import { dropTable, renameTable } from './ops/table.js'

/**
 * The SQL-standard handlers. PostgreSQL uses most of them as they are; the
 * other dialects list them next to their overrides.
 *
 * @example
 * const handlers: Handlers = { ...defaultHandlers, alter_column: myAlterColumn } // only for tests; dialects list every kind
 */
export const defaultHandlers: Handlers = {
  create_table: createTable,
  drop_table: dropTable,
  rename_table: renameTable,
  add_column: addColumn,
  drop_column: dropColumn,
  alter_column: alterColumn,
  create_index: createIndex,
  drop_index: dropIndex,
  create_unique_constraint: createUniqueConstraint,
  create_foreign_key: createForeignKey,
  create_check_constraint: createCheckConstraint,
  drop_constraint: dropConstraint,
  execute,
  bulk_insert: bulkInsert,
  batch_alter_table: batchAlterTable,
}
