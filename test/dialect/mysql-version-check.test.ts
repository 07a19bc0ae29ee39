import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { useTestDatabase } from '../helpers/databases.js'

// A step's record carries its COMMIT in the same batch only because a wrong
// set of version rows makes the check itself fail, before that COMMIT runs.

const { versionTable } = mysqlCompiler

describe('mysql: the version-row check', () => {
  const db = useTestDatabase('mysql')

  test('passes on exactly the expected rows and raises an error otherwise', async () => {
    await db.query('CREATE TABLE athanor_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)')
    const fails = async (expected: string[]) => {
      const error = await db.query(versionTable.expect('athanor_version', expected).sql).then(
        () => assert.fail(`expected ${expected.join(', ') || 'base'} passed`),
        (failure: unknown) => failure,
      )
      assert.match(String((error as Error).message), /more than 1 row/)
    }
    assert.deepEqual(await db.query(versionTable.expect('athanor_version', []).sql), [{ version_rows_as_expected: null }])
    await fails(['b2'])
    await db.query(`INSERT INTO athanor_version VALUES ('b2'), ('a''1')`)
    assert.deepEqual(await db.query(versionTable.expect('athanor_version', ["a'1", 'b2']).sql), [{ version_rows_as_expected: null }])
    for (const expected of [['b2'], ["a'1", 'c3'], ["a'1", 'b2', 'c3'], []]) await fails(expected)
    await db.query('DROP TABLE athanor_version')
  })
})
