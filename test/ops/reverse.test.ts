import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperation, reverseOperations } from '../../src/ops/reverse.js'
import type { Column, Table } from '../../src/schema/types.js'

const table: Table = { name: 'user', schema: 'app', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }
const email: Column = {
  name: 'email',
  type: { kind: 'string', length: 80 },
  nullable: false,
  serverDefault: { kind: 'literal', value: '' },
  comment: 'login',
}

function irreversible(op: Operation, ...parts: string[]): void {
  assert.throws(
    () => reverseOperation(op),
    (e) => isAthanorError(e, 'IRREVERSIBLE_OPERATION') && e.message.includes(op.kind) && parts.every((p) => e.message.includes(p)),
  )
}

describe('reverseOperation', () => {
  test('create_table ↔ drop_table', () => {
    const drop = reverseOperation({ kind: 'create_table', table })
    assert.deepEqual(drop, { kind: 'drop_table', table: 'user', schema: 'app', existing: table })
    assert.deepEqual(reverseOperation(drop), { kind: 'create_table', table })
    irreversible({ kind: 'drop_table', table: 'user' }, '"user"', 'existing')
  })

  test('rename_table both ways', () => {
    const op: Operation = { kind: 'rename_table', table: 'a', schema: 's', newName: 'b' }
    assert.deepEqual(reverseOperation(op), { kind: 'rename_table', table: 'b', schema: 's', newName: 'a' })
    assert.deepEqual(reverseOperation(reverseOperation(op)), op)
  })

  test('add_column ↔ drop_column', () => {
    const drop = reverseOperation({ kind: 'add_column', table: 'user', column: email })
    assert.deepEqual(drop, { kind: 'drop_column', table: 'user', column: 'email', existing: email })
    assert.deepEqual(reverseOperation(drop), { kind: 'add_column', table: 'user', column: email })
    irreversible({ kind: 'drop_column', table: 'user', column: 'email' }, '"user"', '"email"')
  })

  test('alter_column with existing restores every changed part and renames back', () => {
    const op: Operation = {
      kind: 'alter_column',
      table: 'user',
      column: 'email',
      changes: { type: { kind: 'text' }, nullable: true, serverDefault: null, comment: 'new', newName: 'mail' },
      existing: email,
    }
    const back = reverseOperation(op)
    assert.deepEqual(back, {
      kind: 'alter_column',
      table: 'user',
      column: 'mail',
      changes: { type: email.type, nullable: false, serverDefault: email.serverDefault, comment: 'login', newName: 'email' },
      existing: { name: 'mail', type: { kind: 'text' }, nullable: true, comment: 'new' },
    })
    const again = reverseOperation(back)
    assert.equal(again.kind, 'alter_column')
    if (again.kind === 'alter_column') {
      assert.deepEqual(again.changes, { type: { kind: 'text' }, nullable: true, serverDefault: null, comment: 'new', newName: 'mail' })
      assert.equal(again.column, 'email')
    }
  })

  test('alter_column: a rename alone needs no existing; other changes do', () => {
    assert.deepEqual(reverseOperation({ kind: 'alter_column', table: 't', column: 'a', changes: { newName: 'b' } }), {
      kind: 'alter_column',
      table: 't',
      column: 'b',
      changes: { newName: 'a' },
    })
    irreversible({ kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false } }, '"t"', '"a"', 'nullable')
  })

  test('alter_column: a column without a default or comment gets them dropped on the way back', () => {
    const back = reverseOperation({
      kind: 'alter_column',
      table: 't',
      column: 'a',
      changes: { serverDefault: { kind: 'expression', sql: 'now()' }, comment: 'c' },
      existing: { name: 'a', type: { kind: 'timestamp' } },
    })
    assert.equal(back.kind === 'alter_column' && JSON.stringify(back.changes), JSON.stringify({ serverDefault: null, comment: null }))
  })

  test('index create ↔ drop', () => {
    const index = { name: 'ix', columns: ['a'], unique: true, where: 'a > 0' }
    const drop = reverseOperation({ kind: 'create_index', table: 't', schema: 's', index })
    assert.deepEqual(drop, { kind: 'drop_index', table: 't', schema: 's', name: 'ix', existing: index })
    assert.deepEqual(reverseOperation(drop), { kind: 'create_index', table: 't', schema: 's', index })
    irreversible({ kind: 'drop_index', table: 't', name: 'ix' }, '"ix"', '"t"')
  })

  test('constraints create ↔ drop, with the type kept for MySQL', () => {
    const fk = { name: 'fk', columns: ['a'], referredTable: 'p', referredColumns: ['id'], onDelete: 'CASCADE' } as const
    const uq = { name: 'uq', columns: ['a'] }
    const ck = { name: 'ck', expression: 'a > 0' }
    const pairs: [Operation, string][] = [
      [{ kind: 'create_foreign_key', table: 't', constraint: fk }, 'foreignkey'],
      [{ kind: 'create_unique_constraint', table: 't', constraint: uq }, 'unique'],
      [{ kind: 'create_check_constraint', table: 't', constraint: ck }, 'check'],
    ]
    for (const [create, type] of pairs) {
      const drop = reverseOperation(create)
      assert.equal(drop.kind, 'drop_constraint')
      assert.equal(drop.kind === 'drop_constraint' && drop.type, type)
      assert.deepEqual(reverseOperation(drop), create)
      const { type: _t, ...untyped } = drop as Extract<Operation, { kind: 'drop_constraint' }>
      assert.deepEqual(reverseOperation(untyped), create, `${type} inferred from existing`)
    }
    // Unnamed (SQLite keeps them so): dropped by key columns, a check by its expression, and back unnamed.
    const unnamed: Operation[] = [
      { kind: 'create_unique_constraint', table: 't', constraint: { columns: ['a'] } },
      { kind: 'create_foreign_key', table: 't', constraint: { columns: ['a'], referredTable: 'p', referredColumns: ['id'] } },
      { kind: 'create_check_constraint', table: 't', constraint: { expression: 'a > 0' } },
    ]
    for (const create of unnamed) {
      const drop = reverseOperation(create)
      assert.ok(drop.kind === 'drop_constraint' && drop.name === '' && (drop.columns !== undefined || drop.expression === 'a > 0'))
      assert.deepEqual(reverseOperation(drop), create)
    }
    irreversible({ kind: 'drop_constraint', table: 't', name: 'uq', type: 'unique' }, '"uq"', '"t"', 'existing')
    irreversible({ kind: 'drop_constraint', table: 't', name: 'pk', type: 'primary' }, '"pk"', 'primary key')
  })

  test('execute and bulk_insert are irreversible', () => {
    irreversible({ kind: 'execute', sql: 'UPDATE t SET a = 1' }, 'UPDATE t SET a = 1')
    irreversible({ kind: 'bulk_insert', table: 'seed', rows: [{ a: 1 }] }, '"seed"')
  })

  test('reverseOperations undoes a list in reverse order', () => {
    const ops: Operation[] = [
      { kind: 'create_table', table },
      { kind: 'add_column', table: 'user', schema: 'app', column: email },
    ]
    assert.deepEqual(reverseOperations(ops), [
      { kind: 'drop_column', table: 'user', schema: 'app', column: 'email', existing: email },
      { kind: 'drop_table', table: 'user', schema: 'app', existing: table },
    ])
  })
})
