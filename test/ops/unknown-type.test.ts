import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { type ColumnTypeInput, t, toColumnType } from '../../src/schema/column-types.js'
import { cli } from '../helpers/cli.js'
import { tableNames, temporaryProjects } from '../helpers/project.js'

// A type name the ops do not know, from a JavaScript script or a loosely
// typed one, is refused at the op, not compiled to a column without a type.

const project = temporaryProjects()

test('unknown type names and kinds are refused, naming the valid forms', () => {
  for (const input of ['jsonb', 'varchar(20)', 'nonsense', '', { kind: 'nope' }, null]) {
    assert.throws(
      () => toColumnType(input as unknown as ColumnTypeInput),
      (error) =>
        isAthanorError(error, 'INVALID_TYPE') && /unknown column type/.test(error.message) && /t\.raw\('\.\.\.'\)/.test(error.message),
      JSON.stringify(input),
    )
  }
  assert.deepEqual(toColumnType('uuid'), { kind: 'uuid' })
  assert.deepEqual(toColumnType(t.raw('jsonb')), { kind: 'raw', sql: 'jsonb' })
})

test('in a script, the migration fails naming its revision and leaves nothing of itself', async () => {
  const made = project([
    {
      id: 'r1',
      down: null,
      ext: 'js',
      upgrade: [
        "  await op.createTable('t', [{ name: 'id', type: 'integer', primaryKey: true }])",
        "  await op.addColumn('t', { name: 'data', type: 'varchar(20)' })",
      ].join('\n'),
    },
  ])
  const result = await cli([...made.base, 'upgrade'])
  assert.equal(result.status, 1)
  assert.match(result.stderr, /^error: upgrade of revision r1 \(.*\) failed: unknown column type "varchar\(20\)"/m)
  assert.ok(!tableNames(made.dbPath).includes('t'))
})
