import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { testMigrations } from '../../src/command/test.js'
import { AthanorError } from '../../src/core/errors.js'
import { SOUND, testProject } from './projects.js'
import { assertScratchDropped } from './scratch.js'

test('a stop signal ends athanor test with INTERRUPTED, and the scratch database it was on is dropped (PostgreSQL)', async () => {
  const project = testProject('postgresql', SOUND)
  after(() => project.cleanup())
  const controller = new AbortController()
  controller.abort('SIGINT')
  const url = project.args[project.args.indexOf('--url') + 1]!
  const error = await testMigrations({ directory: project.migrations, url, signal: controller.signal }).then(
    () => assert.fail('the run was not stopped'),
    (thrown: unknown) => thrown,
  )
  assert.ok(error instanceof AthanorError && error.code === 'INTERRUPTED', String(error))
  const label = /on (database athanor_test_[0-9a-f]+ on \S+);/.exec(error.message)?.[1]
  assert.ok(label, error.message)
  await assertScratchDropped('postgresql', [label])
})
