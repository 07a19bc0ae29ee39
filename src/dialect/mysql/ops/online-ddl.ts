import type { OnlineDdl, OperationKind } from '../../../ops/operation.js'
import type { Handler } from '../../default/context.js'

type OnlineKind = Extract<OperationKind, 'add_column' | 'drop_column' | 'alter_column' | 'create_index' | 'drop_index'>

/**
 * A handler whose statements carry the operation's `ALGORITHM=` and `LOCK=`:
 * after a comma in ALTER TABLE, after a space in CREATE INDEX
 * (https://dev.mysql.com/doc/refman/8.0/en/alter-table.html,
 * https://mariadb.com/kb/en/alter-table/#algorithm). DROP INDEX becomes
 * ALTER TABLE … DROP INDEX, as MariaDB's DROP INDEX takes no LOCK clause.
 * Other statements a handler writes (a comment, say) are left as they are.
 *
 * @example
 * import { addColumn } from '../../default/ops/column.js'
 * import type { CompileContext } from '../../default/context.js'
 * declare const ctx: CompileContext
 * withOnlineDdl(addColumn)({ kind: 'add_column', table: 't', column: { name: 'a', type: { kind: 'text' } }, algorithm: 'INSTANT' }, ctx)
 * // [{ sql: 'ALTER TABLE `t` ADD COLUMN `a` TEXT, ALGORITHM=INSTANT' }]
 */
export function withOnlineDdl<K extends OnlineKind>(handler: Handler<K>): Handler<K> {
  return (op, ctx) => {
    const compiled = handler(op, ctx)
    const clauses = onlineClauses(op)
    if (clauses.length === 0 || !Array.isArray(compiled)) return compiled
    return compiled.map((statement) => {
      const sql = asAlterTable(statement.sql)
      if (sql.startsWith('ALTER TABLE ')) return { ...statement, sql: `${sql}, ${clauses.join(', ')}` }
      if (/^CREATE (UNIQUE )?INDEX /.test(sql)) return { ...statement, sql: `${sql} ${clauses.join(' ')}` }
      return statement
    })
  }
}

function asAlterTable(sql: string): string {
  const drop = /^DROP INDEX (IF EXISTS )?(`(?:[^`]|``)+`) ON (.+)$/s.exec(sql)
  return drop === null ? sql : `ALTER TABLE ${drop[3]} DROP INDEX ${drop[1] ?? ''}${drop[2]}`
}

function onlineClauses(op: OnlineDdl): string[] {
  return [...(op.algorithm === undefined ? [] : [`ALGORITHM=${op.algorithm}`]), ...(op.lock === undefined ? [] : [`LOCK=${op.lock}`])]
}
