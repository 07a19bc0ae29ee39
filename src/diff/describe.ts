import type { Operation, TableRef } from '../ops/operation.js'
import { describePgObjectOperation } from './describe-pg-objects.js'

const named = (view: { readonly name: string; readonly schema?: string }) =>
  view.schema === undefined ? view.name : `${view.schema}.${view.name}`
// A PostgreSQL routine with its argument types: overloads share the name.
const signed = (routine: { readonly name: string; readonly schema?: string; readonly arguments?: string }) =>
  routine.arguments === undefined ? named(routine) : `${named(routine)}(${routine.arguments})`
const viewWord = (view: { readonly materialized?: boolean | undefined }) => (view.materialized === true ? 'materialized view' : 'view')
const schemaOf = (schema: string | undefined) => (schema === undefined ? {} : { schema })
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
    case 'set_table_comment':
      return `${op.comment === null ? 'remove' : 'set'} comment on table ${at(op)}`
    case 'add_column':
      return `add column ${at(op)}.${op.column.name}`
    case 'drop_column':
      return `remove column ${at(op)}.${op.column}`
    case 'alter_column': {
      const what = Object.keys(op.changes)
        .filter((k) => k !== 'newName')
        .map((k) => (k === 'serverDefault' ? 'default' : k))
      const newName = op.changes.newName
      if (newName === undefined) return `alter column ${at(op)}.${op.column} (${what.join(', ')})`
      const rename = `rename column ${at(op)}.${op.column} to ${newName}`
      return what.length === 0 ? rename : `${rename}, and alter it (${what.join(', ')})`
    }
    case 'create_index':
      return `add index ${op.index.name} on ${at(op)}`
    case 'drop_index':
      return `remove index ${op.name} on ${at(op)}`
    case 'create_unique_constraint':
      return `add ${constraintWords('unique constraint', op.constraint.name)} on ${at(op)} (${op.constraint.columns.join(', ')})`
    case 'create_foreign_key':
      return (
        `add ${constraintWords('foreign key', op.constraint.name)} on ${at(op)} ` +
        `(${op.constraint.columns.join(', ')}) -> ${op.constraint.referredTable}`
      )
    case 'create_check_constraint':
      return `add ${constraintWords('check constraint', op.constraint.name)} on ${at(op)}`
    case 'drop_constraint': {
      const word = op.type === undefined ? 'constraint' : `${op.type} constraint`
      return `remove ${constraintWords(word, op.name)} on ${at(op)}${unnamedKey(op)}`
    }
    case 'alter_index':
      return `make index ${op.name} on ${at(op)} ${op.invisible ? 'invisible' : 'visible'}`
    case 'rename_index':
      return `rename index ${op.name} on ${at(op)} to ${op.newName}`
    case 'rename_constraint':
      return `rename ${op.type} constraint ${op.name} on ${at(op)} to ${op.newName}`
    case 'validate_constraint':
      return `validate constraint ${op.name} on ${at(op)}`
    case 'execute':
      return `execute ${op.sql}`
    case 'bulk_insert':
      return `insert ${op.rows.length} rows into ${at(op)}`
    case 'batch_alter_table':
      return describeOperationLines(op).join('\n')
    case 'create_view':
      return `add ${viewWord(op.view)} ${named(op.view)}`
    case 'drop_view':
      return `remove ${viewWord({ materialized: op.materialized ?? op.existing?.materialized })} ${named(op)}`
    case 'replace_view':
      return `change ${viewWord(op.view)} ${named(op.view)} (definition)`
    case 'set_view_comment':
      return `${op.comment === null ? 'remove comment on' : 'set comment on'} ${viewWord(op)} ${named(op)}`
    case 'create_trigger':
      return `add trigger ${op.trigger.name} on ${at({ table: op.trigger.table, ...schemaOf(op.trigger.schema) })}`
    case 'drop_trigger':
      return `remove trigger ${op.name} on ${at(op)}`
    case 'create_routine':
      return `add ${op.routine.routineKind} ${signed(op.routine)}`
    case 'drop_routine':
      return `remove ${op.routineKind} ${signed(op)}`
    case 'replace_routine':
      return `change ${op.routine.routineKind} ${signed(op.routine)} (definition)`
    default:
      return describePgObjectOperation(op)
  }
}

/**
 * One line per change an operation makes: a batch (a SQLite table rebuild)
 * gives one per change it holds, so each is printed and counted as one
 * difference, with the same prefix and indent as any other.
 *
 * @example
 * describeOperationLines({
 *   kind: 'batch_alter_table',
 *   table: 'users',
 *   recreate: 'auto',
 *   ops: [
 *     { kind: 'alter_column', table: 'users', column: 'bio', changes: { newName: 'about' } },
 *     { kind: 'drop_column', table: 'users', column: 'age' },
 *   ],
 * })
 * // ['rename column users.bio to about', 'remove column users.age']
 */
export function describeOperationLines(op: Operation): string[] {
  return op.kind === 'batch_alter_table' ? op.ops.flatMap((inner) => describeOperationLines(inner)) : [describeOperation(op)]
}

/** A constraint's word and its name, or the word alone for a constraint without one (SQLite's). */
function constraintWords(word: string, name: string | undefined): string {
  return name === undefined || name === '' ? word : `${word} ${name}`
}

/** What tells an unnamed constraint apart: its columns, or its expression. */
function unnamedKey(op: { name: string; columns?: readonly string[]; expression?: string }): string {
  if (op.name !== '') return ''
  if (op.columns !== undefined) return ` (${op.columns.join(', ')})`
  return op.expression === undefined ? '' : ` (${op.expression})`
}
