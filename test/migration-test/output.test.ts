import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { assertCleanError, cli } from '../helpers/cli.js'
import { assertGolden } from '../helpers/golden.js'
import { FORGETS_COLUMN, testProject } from './projects.js'

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url))
const MARS_LABS = fileURLToPath(new URL('../../examples/mars-labs/', import.meta.url))
// The configured databases are moved to files of a folder of the test's own, to see that none is created.
const configured = mkdtempSync(join(tmpdir(), 'athanor-mars-labs-'))
const DATABASES = ['default.db', 'db1.db', 'db2.db'].map((name) => join(configured, name))
const ENV = {
  DATABASE_URL: `sqlite:///${DATABASES[0]}`,
  DATABASE_URL_DB1: `sqlite:///${DATABASES[1]}`,
  DATABASE_URL_DB2: `sqlite:///${DATABASES[2]}`,
}
const marsLabs = (...argv: string[]) => cli(['-d', join(MARS_LABS, 'migrations'), 'test', ...argv], ENV)
after(() => rmSync(configured, { recursive: true, force: true }))

describe('athanor test on the MARS-labs example', () => {
  test('passes, in the text of the golden file, and leaves its databases alone', async () => {
    const result = await marsLabs()
    assert.equal(result.status, 0, result.stdout + result.stderr)
    assert.equal(result.stderr, '')
    assertGolden(GOLDEN, 'mars-labs.txt', result.stdout)
    assert.deepEqual(
      DATABASES.filter((file) => existsSync(file)),
      [],
      'no configured database was created',
    )
  })

  test('--format json is one document: passed, the counts, and each database with its scratch databases and tests', async () => {
    const result = await marsLabs('--format', 'json')
    assert.equal(result.status, 0)
    const report = JSON.parse(result.stdout)
    assert.deepEqual(Object.keys(report), ['passed', 'summary', 'databases'])
    assert.equal(report.passed, true)
    assert.deepEqual(report.summary, { tests: 18, passed: 15, failed: 0, skipped: 3 })
    assert.deepEqual(
      report.databases.map((d: { database: string }) => d.database),
      ['default', 'db1', 'db2'],
    )
    for (const database of report.databases) {
      assert.deepEqual(Object.keys(database), ['database', 'scratch', 'tests'])
      assert.deepEqual(database.scratch, ['SQLite in memory', 'SQLite in memory', 'SQLite in memory'])
      assert.deepEqual(
        database.tests.map((t: { name: string }) => t.name),
        ['heads', 'upgrade', 'models', 'stairway', 'merges', 'offline'],
      )
      for (const outcome of database.tests) {
        assert.deepEqual(Object.keys(outcome), ['name', 'status', 'summary', 'details', 'durationMs'])
        assert.equal(typeof outcome.durationMs, 'number')
      }
    }
    const untimed = (text: string) => text.replace(/"durationMs": \d+/g, '"durationMs": 0')
    assert.equal(untimed((await marsLabs('--json')).stdout), untimed(result.stdout), '--json is --format json')
  })

  test('--format junit is JUnit XML: a suite per database, a case per test, skipped ones marked', async () => {
    const result = await marsLabs('--format', 'junit')
    assert.equal(result.status, 0)
    const xml = result.stdout
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n/)
    assert.match(xml, /^<testsuites name="athanor test" tests="18" failures="0" errors="0" skipped="3" time="[\d.]+">$/m)
    assert.deepEqual(
      [...xml.matchAll(/<testsuite name="([^"]+)" tests="6" failures="0" errors="0" skipped="1"/g)].map((m) => m[1]),
      ['athanor.default', 'athanor.db1', 'athanor.db2'],
    )
    assert.equal([...xml.matchAll(/<testcase classname="athanor\.\w+" name="\w+: [^"]+" time="[\d.]+"/g)].length, 18)
    assert.equal([...xml.matchAll(/<skipped message="no merge points"\/>/g)].length, 3)
    assert.match(xml, /<\/testsuites>\n$/)
    assert.equal(xml.split('<testsuite ').length, xml.split('</testsuite>').length, 'every suite is closed')
  })
})

describe('athanor test output on a failing project', () => {
  const project = testProject('sqlite', FORGETS_COLUMN)
  after(() => project.cleanup())

  test('text: a FAIL line naming the revision and the leftover, the rest still run, exit 1', async () => {
    const result = await cli([...project.args, 'test'])
    assert.equal(result.status, 1)
    assertGolden(GOLDEN, 'forgets-column.txt', result.stdout)
  })

  test('junit: the failure carries the summary as its message', async () => {
    const result = await cli([...project.args, 'test', '--format', 'junit'])
    assert.equal(result.status, 1)
    assert.match(result.stdout, /<testsuites name="athanor test" tests="6" failures="1" errors="0" skipped="2"/)
    assert.match(
      result.stdout,
      new RegExp(
        '<testcase classname="athanor" name="stairway: [^"]+" time="[\\d.]+">\\n\\s+' +
          '<failure message="downgrade of b2000000002 \\(add email\\) left column users.email behind" type="failed">',
      ),
    )
  })

  test('a format it does not know is a usage error', async () => {
    assertCleanError(await cli([...project.args, 'test', '--format', 'yaml']), { code: 'INVALID_OPTION' }, "'text', 'json', 'junit'")
    assertCleanError(await cli([...project.args, 'test', 'extra']), { code: 'UNEXPECTED_ARGUMENT' })
  })
})
