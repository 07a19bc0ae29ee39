import type { Operation, TableRef } from '../ops/operation.js'

const at = (ref: TableRef) => (ref.schema === undefined ? ref.table : `${ref.schema}.${ref.table}`)

/**
 * One line saying what an operation changes, for `check` and the console
 * (a batch gives one line per change it holds).
 *
 * @example
 * describeOperation({ kind: 'add_column', table: 'users', column: { name: 'email', type: { kind: 'text' } } })
 * // 'add column users.email'
 */
export function describeOperation(op: Operation): string {
  switch (op.kind) {
    case 'create_table':
      return `add table ${at({ table: op.table.name, ...(op.table.schema === undefined ? {} : { schema: op.table.schema }) })}`
    case 'drop_table':
      return `remove table ${at(op)}`
    case 'rename_table':
      return `rename table ${at(op)} to ${op.newName}`
    case 'add_column':
      return `add column ${at(op)}.${op.column.name}`
    case 'drop_column':
      return `remove column ${at(op)}.${op.column}`
    case 'alter_column': {
      const what = Object.keys(op.changes).map((k) =>
        k === 'serverDefault' ? 'default' : k === 'newName' ? `name to ${op.changes.newName}` : k,
      )
      return `alter column ${at(op)}.${op.column} (${what.join(', ')})`
    }
    case 'create_index':
      return `add index ${op.index.name} on ${at(op)}`
    case 'drop_index':
      return `remove index ${op.name} on ${at(op)}`
    case 'create_unique_constraint':
      return `add unique constraint ${op.constraint.name ?? ''} on ${at(op)} (${op.constraint.columns.join(', ')})`
    case 'create_foreign_key':
      return (
        `add foreign key ${op.constraint.name ?? ''} on ${at(op)} ` +
        `(${op.constraint.columns.join(', ')}) -> ${op.constraint.referredTable}`
      )
    case 'create_check_constraint':
      return `add check constraint ${op.constraint.name ?? ''} on ${at(op)}`
    case 'drop_constraint':
      return `remove ${op.type === undefined ? '' : `${op.type} `}constraint ${op.name} on ${at(op)}`
    case 'execute':
      return `execute ${op.sql}`
    case 'bulk_insert':
      return `insert ${op.rows.length} rows into ${at(op)}`
    case 'batch_alter_table':
      return op.ops.map(describeOperation).join('\n')
  }
}
