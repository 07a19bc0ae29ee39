import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { useTestDatabase } from '../helpers/databases.js'

// A step's record carries its COMMIT only because a failed check still says
// what the table held once the rollback has undone it.

const { versionTable } = postgresCompiler

describe('postgresql: the version-row check', () => {
  const db = useTestDatabase('postgresql')

  test('passes on exactly the expected rows and fails naming the rows found otherwise', async () => {
    await db.query('CREATE TABLE athanor_version (version_num VARCHAR(32) PRIMARY KEY)')
    await db.query(`INSERT INTO athanor_version VALUES ('b2'), ('a"1')`)
    assert.deepEqual(await db.query(versionTable.expect('athanor_version', ['a"1', 'b2']).sql), [{ version_rows_as_expected: null }])
    for (const expected of [['b2'], ['a"1', 'c3'], []]) {
      const error = await db.query(versionTable.expect('athanor_version', expected).sql).then(
        () => assert.fail(`expected ${expected.join(', ')} passed`),
        (failure: unknown) => failure,
      )
      assert.deepEqual(versionTable.rowsInFailure?.(error), ['a"1', 'b2'])
    }
    await db.query('DELETE FROM athanor_version')
    const empty = await db.query(versionTable.expect('athanor_version', ['b2']).sql).catch((failure: unknown) => failure)
    assert.deepEqual(versionTable.rowsInFailure?.(empty), [])
    await db.query('DROP TABLE athanor_version')
  })

  test('reads rows from no other failure', () => {
    assert.equal(versionTable.rowsInFailure?.(new Error('invalid input syntax for type integer: "12a"')), undefined)
    assert.equal(versionTable.rowsInFailure?.(new Error('relation "athanor_version" does not exist')), undefined)
  })
})
