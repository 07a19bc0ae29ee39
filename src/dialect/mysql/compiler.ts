import { renderDefaultValue } from '../default/column.js'
import { noCommentStatement } from '../default/comment.js'
import { createCompiler } from '../default/compiler.js'
import { quoteWith } from '../default/identifier.js'
import type { DialectCompiler, DialectTraits } from '../types.js'
import { mysqlColumnDefinition } from './column.js'
import { mysqlType } from './column-type.js'
import { mysqlHandlers } from './handlers.js'
import { mysqlBind, mysqlLiteral } from './literal.js'

/**
 * MySQL/MariaDB traits. DDL is not transactional: each statement commits
 * implicitly (https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html).
 * No partial indexes; expression indexes need MySQL 8.0.13 (MariaDB has
 * none and will refuse them). Identifiers up to 64 characters.
 *
 * @example
 * mysqlCompiler.traits.transactionalDdl // false
 */
const mysqlTraits: DialectTraits = {
  transactionalDdl: false,
  beginTransaction: 'START TRANSACTION',
  commitTransaction: 'COMMIT',
  paramStyle: 'question',
  maxParams: 65535,
  maxIdentifierLength: 64,
  alterColumn: true,
  partialIndexes: false,
  expressionIndexes: true,
  indexPrefixLengths: true,
  indexMethods: false,
  indexNullsOrder: false,
  indexOperatorClasses: false,
  indexInclude: false,
  indexNullsNotDistinct: false,
  indexStorage: false,
  indexKinds: true,
  indexVisibility: true,
  deferrableForeignKeys: false,
  deferrableUniques: false,
  comments: true,
}

/**
 * The MySQL/MariaDB compiler: backtick identifiers, `?` parameters, inline
 * comments, MODIFY/CHANGE COLUMN. Expression defaults are written as given;
 * MySQL 8.0.13+ wants them parenthesised (`(uuid())`) except
 * CURRENT_TIMESTAMP, so write them that way.
 *
 * @example
 * mysqlCompiler.quoteIdentifier('we`ird') // '`we``ird`'
 */
export const mysqlCompiler: DialectCompiler = createCompiler({
  dialect: 'mysql',
  traits: mysqlTraits,
  quoteIdentifier: quoteWith('`', 64),
  renderLiteral: mysqlLiteral,
  renderType: mysqlType,
  renderDefault: (value, ctx) => renderDefaultValue(value, ctx),
  columnDefinition: mysqlColumnDefinition,
  bindValue: mysqlBind,
  commentOn: noCommentStatement,
  handlers: mysqlHandlers,
})
