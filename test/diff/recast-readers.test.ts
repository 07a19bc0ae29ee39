import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readersOverRecast } from '../../src/diff/recast-readers.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import type { ColumnType, Table } from '../../src/schema/types.js'

const postgresql = diffHooksFor('postgresql')

/** A table whose column `v` is of `type`, under a check and indexes that read it and some that do not. */
const tasks = (type: ColumnType): Table => ({
  name: 'tasks',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'v', type },
  ],
  checkConstraints: [
    { name: 'ck_v', expression: "v <> 'x'" },
    { name: 'ck_id', expression: 'id > 0' },
  ],
  indexes: [
    { name: 'ix_partial', columns: ['id'], where: "v = 'x'" },
    { name: 'ix_expression', columns: ["(v = 'x')"], expressions: true },
    { name: 'ix_plain', columns: ['v'] },
  ],
})

/** The names of the readers made again when `v` moves from `from` to `to`. */
const madeAgain = (from: ColumnType, to: ColumnType, hooks = postgresql): string[] => {
  const alter: Operation = { kind: 'alter_column', table: 'tasks', column: 'v', changes: { type: to }, existing: { name: 'v', type: from } }
  const { drop } = readersOverRecast(tasks(from), tasks(to), [alter], { drop: [], create: [] }, hooks)
  return drop.map((op) => ('name' in op ? op.name : ''))
}

const READERS = ['ck_v', 'ix_partial', 'ix_expression']

describe('readersOverRecast', () => {
  it('makes again the readers of a column moved from one enum type to another with the same labels', () => {
    assert.deepEqual(madeAgain({ kind: 'raw', sql: 'status' }, { kind: 'raw', sql: 'task_status' }), READERS)
  })

  it('makes them again across families of built-in types, and between JSON and JSONB', () => {
    assert.deepEqual(madeAgain({ kind: 'integer' }, { kind: 'text' }), READERS)
    assert.deepEqual(madeAgain({ kind: 'text' }, { kind: 'raw', sql: 'status' }), READERS)
    assert.deepEqual(madeAgain({ kind: 'json', binary: true }, { kind: 'json' }), READERS)
    assert.deepEqual(madeAgain({ kind: 'raw', sql: 'integer[]' }, { kind: 'raw', sql: 'bigint[]' }), READERS)
  })

  it('leaves them be within a family, whatever the modifiers', () => {
    assert.deepEqual(madeAgain({ kind: 'integer' }, { kind: 'bigint' }), [])
    assert.deepEqual(madeAgain({ kind: 'string', length: 10 }, { kind: 'text' }), [])
    assert.deepEqual(madeAgain({ kind: 'raw', sql: 'varchar(10)[]' }, { kind: 'raw', sql: 'varchar(20)[]' }), [])
  })

  it('leaves them be where the database does not keep expressions typed', () => {
    assert.deepEqual(madeAgain({ kind: 'raw', sql: 'status' }, { kind: 'raw', sql: 'task_status' }, diffHooksFor('mysql')), [])
  })
})
