import assert from 'node:assert/strict'
import { test } from 'node:test'
import { junitXml } from '../../src/cli/test-junit.js'
import { testReportLines } from '../../src/cli/test-text.js'
import type { TestReport } from '../../src/command/test.js'

const REPORT: TestReport = {
  passed: false,
  databases: [
    {
      database: 'db1',
      scratch: [
        'database athanor_test_0a1b2c3d4e on postgresql://ci@db:5432',
        'database athanor_test_0a1b2c3d4e on postgresql://ci@db:5432',
      ],
      tests: [
        { name: 'heads', status: 'passed', summary: 'head a1', details: [], durationMs: 1 },
        {
          name: 'stairway',
          status: 'failed',
          summary: 'downgrade of b2 (say "<hi>" & bye) left column users.email behind',
          details: ['downgrade of b2 left index ix_users_email on users behind', 'bell \u0007 rung'],
          durationMs: 1500,
        },
        { name: 'merges', status: 'skipped', summary: 'no merge points', details: [], durationMs: 0 },
      ],
    },
  ],
}

test('text: the database in front of each line, further failures indented, one scratch database named once', () => {
  assert.deepEqual(testReportLines(REPORT), [
    'db1: scratch: database athanor_test_0a1b2c3d4e on postgresql://ci@db:5432',
    'db1: ok    single head: head a1',
    'db1: FAIL  stairway (upgrade, downgrade, upgrade each revision): downgrade of b2 (say "<hi>" & bye) left column users.email behind',
    'db1:         downgrade of b2 left index ix_users_email on users behind',
    'db1:         bell \u0007 rung',
    'db1: skip  merge points in every order: no merge points',
    '3 tests: 1 passed, 1 failed, 1 skipped',
  ])
})

test('junit: text escaped for XML, characters XML cannot hold removed, times in seconds', () => {
  const xml = junitXml(REPORT)
  assert.match(xml, /<testsuites name="athanor test" tests="3" failures="1" errors="0" skipped="1" time="1\.501">/)
  assert.match(xml, /<testsuite name="athanor\.db1" tests="3" failures="1" errors="0" skipped="1" time="1\.501">/)
  assert.match(
    xml,
    /<failure message="downgrade of b2 \(say &quot;&lt;hi&gt;&quot; &amp; bye\) left column users\.email behind" type="failed">/,
  )
  assert.match(xml, /\ndowngrade of b2 left index ix_users_email on users behind\nbell {2}rung<\/failure>/)
  assert.ok(!xml.includes('\u0007'), 'no BEL character')
  assert.match(xml, /<testcase classname="athanor\.db1" name="merges: merge points in every order" time="0\.000">\n/)
  assert.match(xml, /time="0\.000">\n\s+<skipped message="no merge points"\/>/)
})
