import { createCompiler } from '../default/compiler.js'
import { noCommentStatement } from '../default/comment.js'
import { quoteWith } from '../default/identifier.js'
import type { DialectCompiler, DialectTraits } from '../types.js'
import { sqliteColumnDefinition, sqliteDefault } from './column.js'
import { sqliteType } from './column-type.js'
import { sqliteHandlers } from './handlers.js'
import { sqliteBind, sqliteLiteral } from './literal.js'

/**
 * SQLite's traits. DDL is transactional (https://sqlite.org/lang_transaction.html);
 * the parameter limit is SQLITE_MAX_VARIABLE_NUMBER's default since 3.32.
 *
 * @example
 * sqliteCompiler.traits.transactionalDdl // true
 */
const sqliteTraits: DialectTraits = {
  transactionalDdl: true,
  beginTransaction: 'BEGIN',
  commitTransaction: 'COMMIT',
  paramStyle: 'question',
  maxParams: 32766,
  alterColumn: false,
  partialIndexes: true,
  expressionIndexes: true,
  indexPrefixLengths: false,
  indexMethods: false,
  indexNullsOrder: false,
  indexOperatorClasses: false,
  indexInclude: false,
  indexNullsNotDistinct: false,
  indexStorage: false,
  indexKinds: false,
  indexVisibility: false,
  deferrableForeignKeys: true,
  deferrableUniques: false,
  comments: false,
}

const quoteIdentifier = quoteWith('"')

/**
 * The SQLite compiler: double-quoted identifiers, `?` parameters.
 *
 * @example
 * sqliteCompiler.compileSql({ kind: 'rename_table', table: 'a', newName: 'b' }, 'offline')
 * // [{ sql: 'ALTER TABLE "a" RENAME TO "b"' }]
 */
export const sqliteCompiler: DialectCompiler = createCompiler({
  dialect: 'sqlite',
  traits: sqliteTraits,
  quoteIdentifier,
  renderLiteral: sqliteLiteral,
  renderType: sqliteType,
  renderDefault: sqliteDefault,
  columnDefinition: sqliteColumnDefinition,
  bindValue: sqliteBind,
  // A foreign key's target is always in the referring table's own database;
  // the grammar has no schema there (https://sqlite.org/syntax/foreign-key-clause.html).
  quoteReferredTable: (ref) => quoteIdentifier(ref.table),
  commentOn: noCommentStatement,
  handlers: sqliteHandlers,
})
