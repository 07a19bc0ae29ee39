import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { cli, type CliResult } from '../helpers/cli.js'
import {
  CONCURRENT_INDEX,
  CONFLICTING_MERGE,
  DRIFTED_MODELS,
  FORGETS_COLUMN,
  FORGETS_ENUM,
  FORGETS_INDEX,
  FORGETS_VIEW,
  LIVE_ONLY_INDEX,
  OFFLINE_FAILS,
  RENAMES_CHECKED_COLUMN,
  SOUND,
  SOUND_MODELS,
  TWO_HEADS,
  testProject,
} from './projects.js'
import { assertScratchDropped } from './scratch.js'
import type { RevisionDef } from '../helpers/project.js'

interface JsonReport {
  readonly passed: boolean
  readonly databases: readonly {
    readonly scratch: readonly string[]
    readonly tests: readonly { name: string; status: string; summary: string; details: string[] }[]
  }[]
}

async function runTest(
  dialect: DialectName,
  revisions: readonly RevisionDef[],
  models?: string,
): Promise<{ result: CliResult; report: JsonReport }> {
  const project = testProject(dialect, revisions, models)
  after(() => project.cleanup())
  const result = await cli([...project.args, 'test', '--format', 'json'])
  assert.equal(result.stderr, '', 'nothing on stderr')
  const report = JSON.parse(result.stdout) as JsonReport
  if (dialect === 'sqlite') assert.equal(existsSync(project.dbPath), false, 'the --url SQLite file is never created')
  await assertScratchDropped(
    dialect,
    report.databases.flatMap((d) => d.scratch),
  )
  return { result, report }
}

function outcome(report: JsonReport, name: string) {
  const found = report.databases[0]?.tests.find((t) => t.name === name)
  assert.ok(found, `test ${name} is reported`)
  return found
}

function failsWith(result: CliResult, report: JsonReport, name: string, ...mentions: RegExp[]): void {
  assert.equal(result.status, 1, result.stdout)
  assert.equal(report.passed, false)
  const failure = outcome(report, name)
  assert.equal(failure.status, 'failed', JSON.stringify(failure))
  const text = [failure.summary, ...failure.details].join('\n')
  for (const mention of mentions) assert.match(text, mention)
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`athanor test on ${dialect}`, { concurrency: false }, () => {
    test('a sound project with models and seed rows passes every test', async () => {
      const { result, report } = await runTest(dialect, SOUND, SOUND_MODELS)
      assert.equal(result.status, 0, result.stdout)
      assert.equal(report.passed, true)
      const statuses = Object.fromEntries(report.databases[0]!.tests.map((t) => [t.name, t.status]))
      assert.deepEqual(statuses, {
        heads: 'passed',
        upgrade: 'passed',
        models: 'passed',
        stairway: 'passed',
        merges: 'skipped',
        offline: 'passed',
      })
    })

    test('two heads fail the heads test, naming both', async () => {
      const { result, report } = await runTest(dialect, TWO_HEADS)
      failsWith(result, report, 'heads', /2 heads/, /b2000000002/, /d4000000004/)
    })

    test('a downgrade that forgets a column fails the stairway, naming the revision and the column', async () => {
      const { result, report } = await runTest(dialect, FORGETS_COLUMN)
      failsWith(result, report, 'stairway', /downgrade of b2000000002 \(add email\) left column (\w+\.)?users\.email behind/)
    })

    test('a downgrade that forgets an index fails the stairway, naming the revision and the index', async () => {
      const { result, report } = await runTest(dialect, FORGETS_INDEX)
      failsWith(result, report, 'stairway', /downgrade of c3000000003 \(index names\) left index ix_users_name on (\w+\.)?users behind/)
    })

    test('a downgrade that forgets a view fails the stairway, naming the view', async () => {
      const { result, report } = await runTest(dialect, FORGETS_VIEW)
      failsWith(result, report, 'stairway', /downgrade of c3000000003 \(view of names\) left view (\w+\.)?user_names behind/)
    })

    test('a model the migrations do not build fails the models test', async () => {
      const { result, report } = await runTest(dialect, SOUND, DRIFTED_MODELS)
      failsWith(result, report, 'models', /1 difference/, /add column (\w+\.)?users\.phone/)
    })

    test('a merge whose branches conflict in one order fails the merge test, naming the order', async () => {
      const { result, report } = await runTest(dialect, CONFLICTING_MERGE)
      failsWith(
        result,
        report,
        'merges',
        /merge a7000000007 \(merge teams\) through f6000000006 then e5000000005: upgrade to f6000000006 failed/,
      )
    })

    test('an index made only live fails the offline test, naming it', async () => {
      const { result, report } = await runTest(dialect, LIVE_ONLY_INDEX)
      failsWith(result, report, 'offline', /the --sql script does not make index ix_users_name on (\w+\.)?users/)
    })

    test('an index built concurrently outside a transaction passes the offline test: the script runs as psql runs it', async () => {
      const { result, report } = await runTest(dialect, CONCURRENT_INDEX)
      assert.equal(outcome(report, 'offline').status, 'passed', JSON.stringify(outcome(report, 'offline')))
      assert.equal(result.status, 0, result.stdout)
    })

    test('a --sql script that fails on a new database fails the offline test, naming the statement', async () => {
      const { result, report } = await runTest(dialect, OFFLINE_FAILS)
      failsWith(
        result,
        report,
        'offline',
        /the --sql script fails on a new database: .*no_such_table/,
        /INSERT INTO no_such_table VALUES \(1\)/,
      )
    })
  })
}

describe('athanor test on postgresql, enum types', () => {
  test('a downgrade that forgets an enum type fails the stairway, naming the type', async () => {
    const { result, report } = await runTest('postgresql', FORGETS_ENUM)
    failsWith(result, report, 'stairway', /downgrade of b2000000002 \(add mood\) left enum public\.mood behind/)
  })
})

describe('athanor test on sqlite, a renamed column an unnamed check reads', () => {
  test('passes the stairway: the check reads the same after its text is rewritten', async () => {
    const { result, report } = await runTest('sqlite', RENAMES_CHECKED_COLUMN)
    assert.equal(outcome(report, 'stairway').status, 'passed', JSON.stringify(outcome(report, 'stairway')))
    assert.equal(result.status, 0, result.stdout)
  })
})
