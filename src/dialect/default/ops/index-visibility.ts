import { AthanorError } from '../../../core/errors.js'
import { visibilityWords } from '../index-clauses.js'
import type { Handler } from '../context.js'

/**
 * `ALTER TABLE t ALTER INDEX i IGNORED` (MariaDB 10.6) or `… INVISIBLE`
 * (MySQL 8), and `NOT IGNORED` or `VISIBLE` back: the index stays as it is,
 * only the optimizer's use of it changes (https://mariadb.com/kb/en/ignored-indexes/,
 * https://dev.mysql.com/doc/refman/8.0/en/invisible-indexes.html). Both
 * words are written, each in a comment only its own server runs (see
 * visibilityWords). A dialect without such indexes refuses it, naming the
 * index and its table.
 *
 * @example
 * import type { CompileContext } from '../context.js'
 * declare const ctx: CompileContext
 * alterIndexVisibility({ kind: 'alter_index', table: 't', name: 'ix', invisible: true }, ctx)
 * // MySQL: [{ sql: 'ALTER TABLE `t` ALTER INDEX `ix` /*M!100600 IGNORED*\/ /*!80000 INVISIBLE*\/' }]
 */
export const alterIndexVisibility: Handler<'alter_index'> = (op, ctx) => {
  if (!ctx.traits.indexVisibility) {
    throw new AthanorError(
      'UNSUPPORTED_OPERATION',
      `alter_index of index "${op.name}" on table "${op.table}": ${ctx.dialect} has no invisible indexes (MySQL 8 and MariaDB 10.6 have)`,
    )
  }
  return [{ sql: `ALTER TABLE ${ctx.quoteTable(op)} ALTER INDEX ${ctx.quoteIdentifier(op.name)} ${visibilityWords(!op.invisible)}` }]
}
