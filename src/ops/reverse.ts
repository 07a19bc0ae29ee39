import { AthanorError } from '../core/errors.js'
import type { ForeignKeyConstraint, CheckConstraint, UniqueConstraint } from '../schema/types.js'
import { columnPlace } from './column-place.js'
import type {
  BatchOperation,
  ColumnChanges,
  ColumnPlace,
  ConstraintType,
  Operation,
  OperationKind,
  OperationOf,
  TableRef,
} from './operation.js'
import { applyColumnChanges, identityBefore } from './reverse-column.js'
import { constraintTypeOf } from './reverse-constraint.js'
import { viewReversers } from './reverse-view.js'
import { storedCodeReversers } from './reverse-stored-code.js'
import { pgObjectReversers } from './reverse-pg-objects.js'

type Reverser<K extends OperationKind> = (op: OperationOf<K>) => Operation

/** An index built or dropped concurrently is undone the same way (and one guarded by IF [NOT] EXISTS, guarded). */
function concurrently(op: { readonly concurrently?: boolean }): { concurrently?: true } {
  return op.concurrently === true ? { concurrently: true } : {}
}

function ref(op: TableRef): TableRef {
  return op.schema === undefined ? { table: op.table } : { table: op.table, schema: op.schema }
}

/** Where an added column stood, for the drop that undoes the add to put back when it is undone in turn. */
function existingPlace(op: ColumnPlace): { existingPlace?: ColumnPlace } {
  const place = columnPlace(op)
  return place === undefined ? {} : { existingPlace: place }
}

function irreversible(kind: OperationKind, what: string, why: string): AthanorError {
  return new AthanorError('IRREVERSIBLE_OPERATION', `Cannot reverse ${kind} on ${what}: ${why}`)
}

const reversers: { readonly [K in OperationKind]: Reverser<K> } = {
  create_table: (op) => ({
    kind: 'drop_table',
    table: op.table.name,
    ...(op.table.schema === undefined ? {} : { schema: op.table.schema }),
    existing: op.table,
  }),
  drop_table: (op) => {
    if (op.existing === undefined) throw irreversible(op.kind, `table "${op.table}"`, 'the table as it was (`existing`) is not known')
    const schema = op.schema ?? op.existing.schema
    return { kind: 'create_table', table: { ...op.existing, name: op.table, ...(schema === undefined ? {} : { schema }) } }
  },
  rename_table: (op) => ({ kind: 'rename_table', ...ref(op), table: op.newName, newName: op.table }),
  rename_index: (op) => {
    const { existing, ...rest } = op
    return {
      ...rest,
      name: op.newName,
      newName: op.name,
      ...(existing === undefined ? {} : { existing: { ...existing, name: op.newName } }),
    }
  },
  rename_constraint: (op) => ({ ...op, name: op.newName, newName: op.name }),
  alter_index: (op) => ({ ...op, invisible: !op.invisible }),
  set_table_comment: (op) => {
    if (op.existing === undefined) throw irreversible(op.kind, `table "${op.table}"`, 'the comment it had (`existing`) is not known')
    return { kind: 'set_table_comment', ...ref(op), comment: op.existing, existing: op.comment }
  },
  add_column: (op) => ({ kind: 'drop_column', ...ref(op), column: op.column.name, existing: op.column, ...existingPlace(op) }),
  drop_column: (op) => {
    if (op.existing === undefined) {
      throw irreversible(op.kind, `table "${op.table}" column "${op.column}"`, 'the column as it was (`existing`) is not known')
    }
    return { kind: 'add_column', ...ref(op), column: { ...op.existing, name: op.column }, ...op.existingPlace }
  },
  alter_column: (op) => {
    const { changes, existing } = op
    const needed = (['type', 'nullable', 'serverDefault', 'comment', 'collation', 'identity', 'numbering', 'srid'] as const).filter(
      (k) => changes[k] !== undefined,
    )
    if (needed.length > 0 && existing === undefined) {
      throw irreversible(
        op.kind,
        `table "${op.table}" column "${op.column}"`,
        `the previous ${needed.join(', ')} (\`existing\`) is not known`,
      )
    }
    const back: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {}
    if (existing !== undefined) {
      if (changes.type !== undefined) back.type = existing.type
      if (changes.type !== undefined && op.reverseUsing !== undefined) back.using = op.reverseUsing
      if (changes.nullable !== undefined) back.nullable = existing.primaryKey === true ? false : (existing.nullable ?? true)
      if (changes.serverDefault !== undefined) back.serverDefault = existing.serverDefault ?? null
      if (changes.comment !== undefined) back.comment = existing.comment ?? null
      if (changes.collation !== undefined) back.collation = existing.collation ?? null
      if (changes.srid !== undefined) back.srid = existing.srid ?? null
      if (changes.identity !== undefined) back.identity = identityBefore(existing, changes.identity)
      if (changes.numbering !== undefined)
        back.numbering = existing.autoincrement === true ? (existing.numbering ?? { kind: 'identity' }) : null
    }
    // Invisible or not, a column is the one or the other: its way back needs nothing of what it was.
    if (changes.invisible !== undefined) back.invisible = existing === undefined ? !changes.invisible : existing.invisible === true
    if (changes.newName !== undefined) back.newName = op.column
    const column = changes.newName ?? op.column
    return {
      kind: 'alter_column',
      ...ref(op),
      column,
      changes: back,
      ...(existing === undefined ? {} : { existing: applyColumnChanges({ ...existing, name: op.column }, changes) }),
      ...(changes.using === undefined ? {} : { reverseUsing: changes.using }),
    }
  },
  create_index: (op) => ({
    kind: 'drop_index',
    ...ref(op),
    name: op.index.name,
    existing: op.index,
    ...concurrently(op),
    ...(op.ifNotExists === true ? { ifExists: true } : {}),
  }),
  drop_index: (op) => {
    if (op.existing === undefined) {
      throw irreversible(op.kind, `index "${op.name}" of table "${op.table}"`, 'the index as it was (`existing`) is not known')
    }
    const guard = op.ifExists === true ? { ifNotExists: true } : {}
    return { kind: 'create_index', ...ref(op), index: { ...op.existing, name: op.name }, ...concurrently(op), ...guard }
  },
  create_unique_constraint: (op) => dropOf(op, 'unique'),
  create_foreign_key: (op) => dropOf(op, 'foreignkey'),
  create_check_constraint: (op) => dropOf(op, 'check'),
  drop_constraint: (op) => {
    const what = op.name === '' ? `an unnamed constraint of table "${op.table}"` : `constraint "${op.name}" of table "${op.table}"`
    const type = constraintTypeOf(op)
    if (type === 'primary') throw irreversible(op.kind, what, 'there is no operation that adds a primary key')
    if (op.existing === undefined || type === undefined) {
      throw irreversible(op.kind, what, 'the constraint as it was (`existing`) is not known')
    }
    // Dropped unnamed, it comes back unnamed.
    const name = op.name === '' ? {} : { name: op.name }
    switch (type) {
      case 'foreignkey':
        return { kind: 'create_foreign_key', ...ref(op), constraint: { ...(op.existing as ForeignKeyConstraint), ...name } }
      case 'check':
        return { kind: 'create_check_constraint', ...ref(op), constraint: { ...(op.existing as CheckConstraint), ...name } }
      case 'unique':
        return { kind: 'create_unique_constraint', ...ref(op), constraint: { ...(op.existing as UniqueConstraint), ...name } }
    }
  },
  // PostgreSQL has no way to mark a constraint unvalidated again, and none is
  // needed: the constraint's own reverse drops it. Validating once more is
  // harmless, so the operation is its own reverse.
  validate_constraint: (op) => op,
  execute: (op) => {
    // A comment autogenerate writes where the author must act (an enum's removed label, a domain's new
    // base type) runs nothing; the downgrade gets it too, as the step back needs the same hand.
    if (op.sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'))) return op
    throw irreversible(
      op.kind,
      `SQL ${JSON.stringify(op.sql.length > 60 ? `${op.sql.slice(0, 57)}...` : op.sql)}`,
      'raw SQL has no known inverse; write the downgrade by hand',
    )
  },
  batch_alter_table: (op) => ({
    ...op,
    // Each change of a batch reverses within the same batch, in reverse order.
    ops: op.ops.map((sub) => reverseOperation(sub) as BatchOperation).reverse(),
  }),
  bulk_insert: (op) => {
    throw irreversible(op.kind, `table "${op.table}"`, 'inserted rows are not identified; write the downgrade by hand')
  },
  create_view: viewReversers.create_view,
  drop_view: viewReversers.drop_view,
  replace_view: viewReversers.replace_view,
  set_view_comment: viewReversers.set_view_comment,
  ...pgObjectReversers,
  ...storedCodeReversers,
}

/**
 * A created constraint is undone by dropping it, remembering it for the way
 * back: by name, or, created unnamed, by its key columns or a check by its
 * expression (the database named it otherwise: see `op.dropConstraint`).
 */
function dropOf(
  op: OperationOf<'create_unique_constraint' | 'create_foreign_key' | 'create_check_constraint'>,
  type: ConstraintType,
): Operation {
  const c = op.constraint
  const address =
    c.name !== undefined ? { name: c.name } : 'expression' in c ? { name: '', expression: c.expression } : { name: '', columns: c.columns }
  // A guarded add (a script outside a transaction) is undone by a guarded drop, so the downgrade can run again too.
  const guarded = ('orReplace' in op && op.orReplace === true) || ('ifNotExists' in op && op.ifNotExists === true)
  const guard = guarded ? { ifExists: true } : {}
  return { kind: 'drop_constraint', ...ref(op), ...address, type, ...guard, existing: c }
}

/**
 * The operation that undoes `op`: what autogenerate writes into a
 * downgrade. Drops and alters reverse only when they carry `existing` (the
 * object as it was); raw SQL, bulk inserts and dropped primary keys cannot,
 * and throw `IRREVERSIBLE_OPERATION` naming the object.
 * A PostgreSQL `using` is not carried over: the way back takes the alter's
 * `reverseUsing`, when autogenerate found it needs one.
 *
 * @example
 * reverseOperation({ kind: 'rename_table', table: 'a', newName: 'b' })
 * // { kind: 'rename_table', table: 'b', newName: 'a' }
 */
export function reverseOperation(op: Operation): Operation {
  // Keyed by kind, so the reverser matches `op`; TypeScript cannot correlate
  // the union through the lookup, hence the widening.
  const reverser = reversers[op.kind] as (op: Operation) => Operation
  return reverser(op)
}

/**
 * The operations that undo `ops`, in reverse order: a downgrade for an
 * upgrade.
 *
 * @example
 * reverseOperations([
 *   { kind: 'rename_table', table: 'user', newName: 'users' },
 *   { kind: 'create_index', table: 'users', index: { name: 'ix_users_email', columns: ['email'] } },
 * ]) // [the drop of ix_users_email, the rename of users back to user]
 */
export function reverseOperations(ops: readonly Operation[]): Operation[] {
  // A constraint added NOT VALID and then validated is undone by its drop alone: a VALIDATE before the drop would only scan.
  const key = (op: TableRef, name: string) => `${op.schema ?? ''}.${op.table}.${name}`
  const added = new Set(
    ops.flatMap((op) =>
      (op.kind === 'create_check_constraint' || op.kind === 'create_foreign_key') && op.constraint.name !== undefined
        ? [key(op, op.constraint.name)]
        : [],
    ),
  )
  return ops
    .filter((op) => op.kind !== 'validate_constraint' || !added.has(key(op, op.name)))
    .map(reverseOperation)
    .reverse()
}
