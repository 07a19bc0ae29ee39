import { groupedDefault } from './default-expression.js'
import { ansiColumnDefinition, renderDefaultValue } from '../default/column.js'
import { commentOnStatement } from '../default/comment.js'
import { createCompiler } from '../default/compiler.js'
import { quoteWith } from '../default/identifier.js'
import type { DialectCompiler, DialectTraits } from '../types.js'
import { postgresType } from './column-type.js'
import { postgresHandlers } from './handlers.js'
import { postgresBind, postgresLiteral } from './literal.js'
import { postgresVersionCheck } from './version-check.js'

/**
 * PostgreSQL's traits: transactional DDL, `$n` parameters (at most 65535 per
 * statement, the wire protocol's Int16 count), 63-byte identifiers
 * (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
 *
 * @example
 * postgresCompiler.traits.paramStyle // 'dollar'
 */
const postgresTraits: DialectTraits = {
  transactionalDdl: true,
  beginTransaction: 'BEGIN',
  commitTransaction: 'COMMIT',
  paramStyle: 'dollar',
  maxParams: 65535,
  maxIdentifierLength: 63,
  alterColumn: true,
  partialIndexes: true,
  expressionIndexes: true,
  indexPrefixLengths: false,
  indexMethods: true,
  indexNullsOrder: true,
  indexOperatorClasses: true,
  indexInclude: true,
  indexNullsNotDistinct: true,
  indexStorage: true,
  indexKinds: false,
  indexVisibility: false,
  deferrableForeignKeys: true,
  deferrableUniques: true,
  comments: true,
}

/** The compiler of the shared defaults with PostgreSQL's spec. */
const compiler = createCompiler({
  dialect: 'postgresql',
  traits: postgresTraits,
  quoteIdentifier: quoteWith('"', 63, 'bytes'),
  renderLiteral: postgresLiteral,
  renderType: postgresType,
  renderDefault: (value, ctx) => (value.kind === 'expression' ? groupedDefault(value.sql) : renderDefaultValue(value, ctx)),
  columnDefinition: ansiColumnDefinition,
  bindValue: postgresBind,
  commentOn: commentOnStatement,
  handlers: postgresHandlers,
})

/**
 * The PostgreSQL compiler: double-quoted identifiers (refused past 63 bytes,
 * which PostgreSQL would silently truncate), identity columns, COMMENT ON,
 * and a version-row check whose failure names the rows (postgresVersionCheck).
 *
 * @example
 * postgresCompiler.quoteTable({ schema: 'app', table: 'user' }) // '"app"."user"'
 */
export const postgresCompiler: DialectCompiler = { ...compiler, versionTable: postgresVersionCheck(compiler) }
