import { AthanorError } from '../../../core/errors.js'
import { constraintTypeOf } from '../../../ops/reverse-constraint.js'
import type { Handler } from '../../default/context.js'

/**
 * MySQL drops each kind of constraint its own way
 * (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html): a foreign key
 * with DROP FOREIGN KEY, a unique constraint as the index it is, the primary
 * key with DROP PRIMARY KEY. A check uses DROP CONSTRAINT, which MariaDB
 * (10.2+) and MySQL 8.0.19+ both accept; MySQL's DROP CHECK is unknown to
 * MariaDB.
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlDropConstraint({ kind: 'drop_constraint', table: 't', name: 'fk_a', type: 'foreignkey' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` DROP FOREIGN KEY `fk_a`' }]
 */
export const mysqlDropConstraint: Handler<'drop_constraint'> = (op, ctx) => {
  const table = ctx.quoteTable(op)
  const name = ctx.quoteIdentifier(op.name)
  const type = constraintTypeOf(op)
  switch (type) {
    case 'foreignkey':
      return [{ sql: `ALTER TABLE ${table} DROP FOREIGN KEY ${name}` }]
    case 'unique':
      return [{ sql: `ALTER TABLE ${table} DROP INDEX ${name}` }]
    case 'check':
      return [{ sql: `ALTER TABLE ${table} DROP CONSTRAINT ${name}` }]
    case 'primary':
      return [{ sql: `ALTER TABLE ${table} DROP PRIMARY KEY` }]
    case undefined:
      throw new AthanorError(
        'MYSQL_CONSTRAINT_TYPE_REQUIRED',
        `MySQL needs the constraint type to drop "${op.name}" on table "${op.table}": ` +
          "pass type 'foreignkey', 'unique', 'check' or 'primary'",
      )
  }
}
