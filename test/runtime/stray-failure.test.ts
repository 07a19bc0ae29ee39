import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { MigrationFailedError } from '../../src/core/error-classes.js'
import { handOverStrayFailure, markRunning } from '../../src/core/thrown.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { StepGuard, StepStopped } from '../../src/runtime/step-guard.js'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { errorLines } from '../helpers/process.js'
import { type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { target } from '../concurrency/fixtures.js'

// A script's timer that throws, or a promise it did not await that rejects,
// fails outside the run's await. The migration fails as if it had thrown
// inside: rolled back, the migrations before it kept (on SQLite they share
// an uncommitted batch with it), its history row written, and the usual
// closing line says where the database is.

const project = temporaryProjects()

const STRAYS = {
  "a timer's throw": "setTimeout(() => { throw new Error('timer boom') }, 10)",
  'an unawaited rejection': "Promise.reject(new Error('timer boom'))",
}

function chain(stray: string): RevisionDef[] {
  return [
    { id: 'e01', down: null, ext: 'js', upgrade: "  await op.createTable('t_e01', [{ name: 'id', type: 'integer', primaryKey: true }])" },
    {
      id: 'e02',
      down: 'e01',
      ext: 'js',
      message: 'add x',
      upgrade: [
        "  await op.addColumn('t_e01', { name: 'x', type: 'integer' })",
        `  ${stray}`,
        '  await new Promise((done) => setTimeout(done, 100))',
      ].join('\n'),
    },
  ]
}

async function columns(db: TestDatabase): Promise<string[]> {
  const sql =
    db.dialect === 'sqlite'
      ? "SELECT name FROM pragma_table_info('t_e01') ORDER BY cid"
      : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 't_e01' ORDER BY ordinal_position"
  return (await db.query(sql)).map((row) => String(row['name']))
}

for (const server of ['sqlite', 'postgresql'] as const) {
  describe(`${server}: a failure outside a script's await`, () => {
    const db = useTestDatabase(server)

    for (const [what, stray] of Object.entries(STRAYS)) {
      test(`${what} fails its migration only; the ones before it are kept`, async () => {
        await db.query('DROP TABLE IF EXISTS athanor_version')
        await db.query('DROP TABLE IF EXISTS athanor_version_history')
        await db.query('DROP TABLE IF EXISTS t_e01')
        await db.release()
        const made = project(chain(stray))
        const run = await runBin([...target(made.migrations, db.url), 'upgrade'], { cwd: made.root })
        assert.equal(run.status, 1, run.stderr)
        const errors = errorLines(run.stderr)
        assert.equal(errors.length, 1, run.stderr)
        assert.match(
          errors[0]!,
          /^error: upgrade of revision e02 \(.*e02_add_x\.js\) failed outside its await \(.*\): timer boom; rolled back e02; at e01$/,
        )
        assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace')
        assert.match(run.stderr, /^The database .* is at e01\.$/m)
        assert.deepEqual(
          (await db.query('SELECT version_num FROM athanor_version')).map((row) => row['version_num']),
          ['e01'],
        )
        assert.deepEqual(await columns(db), ['id'], 'e02 is rolled back, e01 kept')
        assert.deepEqual(
          (await db.query('SELECT revision, status FROM athanor_version_history ORDER BY id')).map((row) => [
            row['revision'],
            row['status'],
          ]),
          [
            ['e01', 'succeeded'],
            ['e02', 'rolled-back'],
          ],
        )
        await db.release()
      })
    }
  })
}

describe('a failure outside any script run, during a locked run', () => {
  const connection = SqliteConnection.open(':memory:')
  after(() => connection.close())
  const guard = () => new StepGuard({}, connection, dialectNamed('sqlite').sessionTimeouts)
  const step = async () => {}

  test('between steps: the next step is stopped before it begins, and only that one', async () => {
    const runs = guard()
    const stopped = await runs.watchStrayFailures(async () => {
      await runs.run(step, true)
      assert.equal(handOverStrayFailure(new Error('late timer')), true)
      const error = await runs.run(step, true).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      await runs.run(step, true)
      return error
    })
    assert.ok(stopped instanceof StepStopped)
    assert.equal(stopped.started, false)
    assert.equal(stopped.stop.kind, 'stray-failure')
  })

  test('after the last step: the command fails once its work is done, naming the last migration run', async () => {
    await assert.rejects(
      guard().watchStrayFailures(async () => {
        markRunning({ revision: 'e02', direction: 'upgrade', source: 'versions/e02_add_x.js' })
        markRunning(undefined)
        handOverStrayFailure(new Error('late timer'))
      }),
      (error: unknown) =>
        error instanceof MigrationFailedError &&
        error.revision === 'e02' &&
        /committed its migrations, the last being upgrade of revision e02 \(versions\/e02_add_x\.js\): late timer$/.test(error.message),
    )
  })

  test('with no script run: what was thrown, as it is', async () => {
    const thrown = new Error('config timer')
    await assert.rejects(
      guard().watchStrayFailures(async () => {
        handOverStrayFailure(thrown)
      }),
      (error: unknown) => error === thrown,
    )
  })

  test('outside a locked run nobody takes it: the CLI ends the process', () => {
    assert.equal(handOverStrayFailure(new Error('late timer')), false)
  })
})
