import type { DialectCompiler } from '../dialect/types.js'
import type { Table } from '../schema/types.js'

/**
 * Compiles every model table's CREATE TABLE for the database's dialect and
 * lets the first refusal through: a model the dialect cannot create (a
 * PostgreSQL column declared UNSIGNED, an autoincrement TEXT key, a MySQL
 * VARCHAR without a length) fails `migrate` and `check` with the compiler's
 * message naming the table and column, not `upgrade` after statements ran.
 *
 * @example
 * import { dialectNamed } from '../dialect/registry.js'
 * declare const models: Table[]
 * refuseUncreatableModels(models, dialectNamed('postgresql').compiler) // throws UNSUPPORTED_COLUMN for col.integer().unsigned()
 */
export function refuseUncreatableModels(models: readonly Table[], compiler: DialectCompiler): void {
  for (const table of models) compiler.compileSql({ kind: 'create_table', table }, 'offline')
}
