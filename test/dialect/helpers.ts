import type { DialectCompiler } from '../../src/dialect/types.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Table } from '../../src/schema/types.js'

/** The SQL texts an operation compiles to. */
export function sqlOf(compiler: DialectCompiler, op: Operation, mode: 'online' | 'offline' = 'offline'): string[] {
  return compiler.compileSql(op, mode).map((s) => s.sql)
}

/** A table exercising most of the model: composite-free PK, FK actions, defaults, enum, comments, index. */
export const account: Table = {
  name: 'account',
  comment: "user's accounts",
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true },
    { name: 'email', type: { kind: 'string', length: 120 }, nullable: false, unique: true, comment: 'login' },
    { name: 'status', type: { kind: 'enum', values: ['active', 'closed'] }, serverDefault: { kind: 'literal', value: 'active' } },
    { name: 'admin', type: { kind: 'boolean' }, nullable: false, serverDefault: { kind: 'literal', value: false } },
    { name: 'score', type: { kind: 'numeric', precision: 10, scale: 2 }, serverDefault: { kind: 'literal', value: 0.5 } },
    { name: 'created', type: { kind: 'timestamp' }, serverDefault: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
    { name: 'org_id', type: { kind: 'bigint' } },
  ],
  foreignKeys: [
    {
      name: 'fk_account_org',
      columns: ['org_id'],
      referredTable: 'org',
      referredColumns: ['id'],
      onDelete: 'CASCADE',
      onUpdate: 'SET NULL',
    },
  ],
  checkConstraints: [{ name: 'ck_score', expression: 'score >= 0' }],
  indexes: [{ name: 'ix_account_created', columns: ['created'] }],
}

/** A weird name: a double quote, a backtick, a semicolon and a comment marker. */
export const WEIRD = 'we"ird`; DROP TABLE x; --'
