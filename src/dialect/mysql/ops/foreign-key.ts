import { foreignKeyClause } from '../../default/constraint.js'
import type { Handler } from '../../default/context.js'

/**
 * ADD FOREIGN KEY; with `ifNotExists` and a name, MariaDB's `FOREIGN KEY IF
 * NOT EXISTS` (https://mariadb.com/kb/en/alter-table/#add-foreign-key), so a
 * script outside a transaction that stopped after the key can run again: a
 * second run finds the key of that name on the table and passes with a note
 * (1061), where the plain ADD fails (errno 121). MySQL 8 has no such clause
 * and refuses it, as it refuses `createIndex(…, { ifNotExists: true })`. A
 * key without a name has nothing to be found by, and is added as it is.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * const constraint = { name: 'fk', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'] }
 * mysqlCreateForeignKey({ kind: 'create_foreign_key', table: 'orders', constraint, ifNotExists: true }, ctx)
 * // [{ sql: 'ALTER TABLE `orders` ADD CONSTRAINT `fk` FOREIGN KEY IF NOT EXISTS (`user_id`) REFERENCES `users` (`id`)' }]
 */
export const mysqlCreateForeignKey: Handler<'create_foreign_key'> = (op, ctx) => {
  const guard = op.ifNotExists === true && op.constraint.name !== undefined ? 'IF NOT EXISTS ' : ''
  return [{ sql: `ALTER TABLE ${ctx.quoteTable(op)} ADD ${foreignKeyClause(op.constraint, ctx, guard)}` }]
}
