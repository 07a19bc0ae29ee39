import { AthanorError } from '../../../core/errors.js'
import { constraintTypeOf } from '../../../ops/reverse-constraint.js'
import type { DropConstraintOp } from '../../../ops/operation.js'
import type { Statement } from '../../compile-types.js'
import type { CompileContext, Handler } from '../../default/context.js'

/**
 * MySQL drops each kind of constraint its own way
 * (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html): a foreign key
 * with DROP FOREIGN KEY, a unique constraint as the index it is, the primary
 * key with DROP PRIMARY KEY. A check uses DROP CONSTRAINT, which MariaDB
 * (10.2+) and MySQL 8.0.19+ both accept; MySQL's DROP CHECK is unknown to
 * MariaDB. `ifExists` writes IF EXISTS for a check and a foreign key
 * (MariaDB's DROP FOREIGN KEY IF EXISTS, the reverse of a key added
 * `ifNotExists`; MySQL 8 has no such clause and refuses it).
 *
 * @example
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * mysqlDropConstraint({ kind: 'drop_constraint', table: 't', name: 'fk_a', type: 'foreignkey' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` DROP FOREIGN KEY `fk_a`' }]
 */
export const mysqlDropConstraint: Handler<'drop_constraint'> = (op, ctx) => {
  const guarded = op.ifExists === true ? 'IF EXISTS ' : ''
  if (guarded !== '' && constraintTypeOf(op) !== 'check' && constraintTypeOf(op) !== 'foreignkey') {
    throw new AthanorError(
      'UNSUPPORTED_FEATURE',
      `ifExists drops only a check or a foreign key on MySQL/MariaDB, not "${op.name}" on table "${op.table}"`,
    )
  }
  if (op.name === '' && op.columns !== undefined && op.type !== 'primary') return dropByColumns(op, op.columns, ctx)
  if (op.name === '' && op.type !== 'primary') {
    throw new AthanorError('INVALID_CONSTRAINT', `dropping a constraint of table "${op.table}" on MySQL needs its name or its columns`)
  }
  const table = ctx.quoteTable(op)
  const name = ctx.quoteIdentifier(op.name)
  const type = constraintTypeOf(op)
  switch (type) {
    case 'foreignkey':
      return [{ sql: `ALTER TABLE ${table} DROP FOREIGN KEY ${guarded}${name}` }]
    case 'unique':
      return [{ sql: `ALTER TABLE ${table} DROP INDEX ${name}` }]
    case 'check':
      return [{ sql: `ALTER TABLE ${table} DROP CONSTRAINT ${guarded}${name}` }]
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

const KINDS = { foreignkey: ['FOREIGN KEY', 'DROP FOREIGN KEY'], unique: ['UNIQUE', 'DROP INDEX'] } as const

/**
 * A foreign key or unique constraint addressed by its columns (one MySQL
 * named, as `t_ibfk_1`): its name is looked up in information_schema when
 * the statements run, and the DROP is prepared from it, so the same text
 * works live and offline. Two matches stop at "Subquery returns more than 1
 * row"; none drops a name that says what was looked for, which MySQL
 * reports as missing.
 */
function dropByColumns(op: DropConstraintOp, columns: readonly string[], ctx: CompileContext): Statement[] {
  const type = constraintTypeOf(op)
  if (type !== 'foreignkey' && type !== 'unique')
    throw new AthanorError(
      'INVALID_CONSTRAINT',
      `MySQL drops an unnamed constraint of table "${op.table}" by its columns only as type 'foreignkey' or 'unique'`,
    )
  const [constraintType, drop] = KINDS[type]
  const literal = (value: string) => ctx.renderLiteral(value)
  const prefix = `ALTER TABLE ${ctx.quoteTable(op)} ${drop} `
  const missing = ctx.quoteIdentifier(`(no ${type} on ${op.table} (${columns.join(', ')}))`)
  const schema = op.schema === undefined ? 'DATABASE()' : literal(op.schema)
  const lookup = [
    `SET @athanor_drop = COALESCE((SELECT CONCAT(${literal(prefix)}, '\`', REPLACE(tc.CONSTRAINT_NAME, '\`', '\`\`'), '\`')`,
    '  FROM information_schema.TABLE_CONSTRAINTS tc',
    `  WHERE tc.TABLE_SCHEMA = ${schema} AND tc.TABLE_NAME = ${literal(op.table)} AND tc.CONSTRAINT_TYPE = '${constraintType}'`,
    "  AND (SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ',') FROM information_schema.KEY_COLUMN_USAGE k",
    '    WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME)',
    `    = ${literal(columns.join(','))}), ${literal(prefix + missing)})`,
  ].join('\n')
  return [
    { sql: lookup },
    { sql: 'PREPARE athanor_drop FROM @athanor_drop' },
    { sql: 'EXECUTE athanor_drop' },
    { sql: 'DEALLOCATE PREPARE athanor_drop' },
  ]
}
