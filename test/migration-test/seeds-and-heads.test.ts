import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { AthanorError } from '../../src/core/errors.js'
import type { Operations } from '../../src/ops/operations.js'
import { testDataOf } from '../../src/script/test-data.js'
import { cli } from '../helpers/cli.js'
import { requiredColumn, TWO_HEADS, testProject } from './projects.js'

const DATABASES = { names: ['default', 'db1'] }
const seed = async (_op: Operations) => {}

describe('testData', () => {
  test('a function seeds a single database, or the default one of several', () => {
    assert.equal(testDataOf({ testData: seed }, 'a.ts', undefined), seed)
    assert.equal(testDataOf({ testData: seed }, 'a.ts', { name: 'default', isDefault: true, ...DATABASES }), seed)
    assert.equal(testDataOf({ testData: seed }, 'a.ts', { name: 'db1', isDefault: false, ...DATABASES }), undefined)
  })

  test('an object seeds the databases it names, and names only databases of the config', () => {
    const module = { testData: { db1: seed } }
    assert.equal(testDataOf(module, 'a.ts', { name: 'db1', isDefault: false, ...DATABASES }), seed)
    assert.equal(testDataOf(module, 'a.ts', { name: 'default', isDefault: true, ...DATABASES }), undefined)
    assert.throws(
      () => testDataOf({ testData: { db9: seed } }, 'a.ts', { name: 'db1', isDefault: false, ...DATABASES }),
      (error) => error instanceof AthanorError && error.code === 'SCRIPT_BAD_EXPORT' && /testData\.db9/.test(error.message),
    )
    assert.throws(() => testDataOf({ testData: { db1: seed } }, 'a.ts', undefined), /export 'testData' must be a function/)
  })

  test('seed rows make a NOT NULL column without a default fail base to head, naming the revision (PostgreSQL)', async () => {
    for (const seeded of [false, true]) {
      const project = testProject('postgresql', requiredColumn(seeded))
      after(() => project.cleanup())
      const result = await cli([...project.args, 'test'])
      if (!seeded) {
        assert.equal(result.status, 0, result.stdout)
        continue
      }
      assert.equal(result.status, 1, result.stdout)
      assert.match(result.stdout, /^FAIL {2}base to head: .*b2000000002.*"age".*null/im)
    }
  })
})

describe('expectedHeads', () => {
  test('heads the config expects pass; one more fails, naming it', async () => {
    const project = testProject('sqlite', TWO_HEADS)
    after(() => project.cleanup())
    project.config(
      "import { defineConfig } from 'athanor'\n\nexport default defineConfig({ expectedHeads: ['b2000000002', 'd4000000004'] })\n",
    )
    const both = await cli([...project.args, 'test'])
    assert.equal(both.status, 0, both.stdout)
    assert.match(both.stdout, /^ok {4}single head: heads (b2000000002, d4000000004|d4000000004, b2000000002); 3 revisions/m)
    project.config("import { defineConfig } from 'athanor'\n\nexport default defineConfig({ expectedHeads: ['b2000000002'] })\n")
    const one = await cli([...project.args, 'test'])
    assert.equal(one.status, 1)
    assert.match(one.stdout, /^FAIL {2}single head: head d4000000004 is not one of expectedHeads$/m)
    assert.match(one.stdout, /revision d4000000004 \(.*\) is not on the way from base to b2000000002/)
  })
})

describe('a revision graph that does not build', () => {
  test('fails the heads test with the graph error and skips the others', async () => {
    const project = testProject('sqlite', [{ id: 'a1000000001', down: 'zz0000000000' }])
    after(() => project.cleanup())
    const result = await cli([...project.args, 'test'])
    assert.equal(result.status, 1)
    assert.match(result.stdout, /^FAIL {2}single head: Revision a1000000001 .* has down revision 'zz0000000000', which no script defines$/m)
    assert.match(result.stdout, /^6 tests: 0 passed, 1 failed, 5 skipped$/m)
  })
})
