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

// The first revision's upgrade runs in the base-to-head test (1), twice in the stairway (2, 3) and in the offline
// script's rendering (4). A signal there must stop the run, not fail one test and go on, nor let the run finish
// and then say it came after the work.
for (const [when, run] of [
  ['the stairway', 2],
  ['the offline script test', 4],
] as const) {
  test(`a stop signal during ${when} ends athanor test with INTERRUPTED (SQLite)`, async () => {
    const controller = new AbortController()
    const stop = `__athanorStop${run}`
    Object.assign(globalThis, { [stop]: () => controller.abort('SIGINT') })
    after(() => Reflect.deleteProperty(globalThis, stop))
    const counted = [
      `  const runs = ((globalThis as Record<string, unknown>).testRuns${run} as number | undefined ?? 0) + 1`,
      `  Object.assign(globalThis, { testRuns${run}: runs })`,
      `  if (runs === ${run}) (globalThis as Record<string, () => void>).${stop}!()`,
    ].join('\n')
    const project = testProject('sqlite', [{ ...SOUND[0]!, upgrade: `${SOUND[0]!.upgrade}\n${counted}` }, SOUND[1]!])
    after(() => project.cleanup())
    const error = await testMigrations({ directory: project.migrations, url: project.url, signal: controller.signal }).then(
      (report) => assert.fail(`not stopped: ${JSON.stringify(report.databases[0]?.tests.map((t) => [t.name, t.status, t.summary]))}`),
      (thrown: unknown) => thrown,
    )
    assert.ok(error instanceof AthanorError && error.code === 'INTERRUPTED', String(error))
  })
}
