// Sequence options PostgreSQL would refuse fail where they are compiled,
// naming the sequence or column and the option: a SERIAL's and an
// identity's when migrate compiles the models, a free-standing sequence's
// when its CREATE or ALTER is compiled, before any statement reaches the server.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import { sequenceProblem } from '../../src/schema/sequence-defaults.js'
import type { Column } from '../../src/schema/types.js'

const compile = (op: Operation) => dialectNamed('postgresql').compiler.compileSql(op, 'offline')
const refused = (op: Operation, ...words: string[]) =>
  assert.throws(
    () => compile(op),
    (error: unknown) => isAthanorError(error, 'INVALID_MODEL') && words.every((word) => error.message.includes(word)),
  )
const table = (column: Column): Operation => ({ kind: 'create_table', table: { name: 't', columns: [column] } })

describe('sequence options PostgreSQL would refuse', () => {
  test('are named in a few words', () => {
    assert.equal(sequenceProblem({ start: 100, increment: -5, minValue: 1, maxValue: 1000, cache: 10 }), undefined)
    assert.equal(sequenceProblem({ start: 1.5 }), 'start 1.5 is not a whole number')
    assert.equal(sequenceProblem({ increment: 0 }), 'increment 0: a sequence must count by a whole number other than 0')
    assert.equal(sequenceProblem({ cache: 0 }), 'cache 0: it must be at least 1')
    assert.equal(sequenceProblem({ minValue: 10, maxValue: 10 }), 'minValue 10 is not below maxValue 10')
    assert.equal(sequenceProblem({ start: 5, minValue: 10 }), 'start 5 is outside the bounds 10 to …')
  })

  test('fail where they are compiled, naming the owner', () => {
    const id = { name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true } as const
    refused(
      table({ ...id, numbering: { kind: 'serial', sequence: 't_id_seq', increment: 0 } }),
      'column "id" of table "t"',
      'SERIAL',
      'increment 0',
    )
    refused(table({ ...id, numbering: { kind: 'identity', cache: 0 } }), 'column "id" of table "t" (identity)', 'cache 0')
    refused({ kind: 'create_sequence', sequence: { name: 'order_no', start: 0.5 } }, 'sequence order_no', 'start 0.5')
    refused({ kind: 'alter_sequence', name: 'order_no', changes: { increment: 0, minValue: null } }, 'sequence order_no', 'increment 0')
    assert.deepEqual(compile({ kind: 'alter_sequence', name: 'order_no', changes: { minValue: null, cache: 5 } }), [
      { sql: 'ALTER SEQUENCE "order_no" NO MINVALUE CACHE 5' },
    ])
  })
})
