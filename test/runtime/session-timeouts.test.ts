import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli, runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'
import { atR1, versions } from './timeout-fixtures.js'

// statementTimeout and ddlLockTimeout become the session's own limits
// (PostgreSQL's statement_timeout and lock_timeout, MariaDB's
// max_statement_time and lock_wait_timeout): a statement past one is
// stopped by the server, and the run ends with one line naming the
// migration and the limit, its step rolled back and the lock released.

const project = temporaryProjects()

function r2(upgrade: readonly string[]): RevisionDef {
  return {
    id: 'r2',
    down: 'r1',
    ext: 'js',
    message: 'slow',
    upgrade: upgrade.map((sql) => `  await op.execute('${sql}')`).join('\n'),
    downgrade: "  await op.execute('DROP TABLE IF EXISTS half')",
  }
}

async function assertLockFree(made: Project, base: readonly string[]): Promise<void> {
  const next = await runBin([...base, 'upgrade', 'r1', '--lock-timeout', '0'], { cwd: made.root })
  assert.equal(next.status, 0, next.stderr)
}

describe('PostgreSQL: statementTimeout and ddlLockTimeout', () => {
  const db = useTestDatabase('postgresql')

  test('--statement-timeout: the server cancels the statement; the migration is rolled back', async () => {
    const { made, base } = await atR1(db, project, r2(['CREATE TABLE half (id INT)', 'SELECT pg_sleep(30)']), ['half'])
    const started = performance.now()
    const result = await runBin([...base, 'upgrade', '--statement-timeout', '300ms'], { cwd: made.root })
    assertCleanError(
      result,
      /^error: upgrade of revision r2 \(.*r2_slow\.js\) failed: a statement ran longer than statementTimeout \(300 ms\)/,
    )
    assert.ok(performance.now() - started < 20_000)
    assert.deepEqual(await versions(db), ['r1'])
    assert.equal((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half'")).length, 0)
    await assertLockFree(made, base)
  })

  test('ddlLockTimeout (config): an ALTER TABLE that waits behind another transaction gives up', async () => {
    const { made, base } = await atR1(db, project, r2(['ALTER TABLE t_r1 ADD COLUMN extra INT']), ['half'])
    made.config("export default { ddlLockTimeout: '300ms' }\n")
    // The application's transaction reads the table: ALTER TABLE needs it to end first.
    const app = await db.connect()
    try {
      await app.begin()
      await app.query('SELECT count(*) FROM t_r1')
      const result = await runBin([...base, 'upgrade'], { cwd: made.root })
      assertCleanError(
        result,
        /^error: upgrade of revision r2 \(.*r2_slow\.js\) failed: /,
        'a statement waited longer than ddlLockTimeout (300 ms) for a lock another session holds',
      )
      assert.deepEqual(await versions(db), ['r1'])
      await assertLockFree(made, base)
    } finally {
      await app.rollback()
      await app.close()
    }
    const columns = await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 't_r1' AND column_name = 'extra'")
    assert.equal(columns.length, 0)
  })
})

describe('MariaDB: statementTimeout', () => {
  const db = useTestDatabase('mysql')

  test('max_statement_time stops the statement; the journal says which one', async () => {
    const { made, base } = await atR1(db, project, r2(['SELECT SLEEP(30)']), ['half'])
    const started = performance.now()
    const result = await runBin([...base, 'upgrade', '--statement-timeout', '300ms'], { cwd: made.root })
    assertCleanError(result, 'r2', 'a statement ran longer than statementTimeout (300 ms)', 'max_statement_time exceeded')
    assert.ok(performance.now() - started < 20_000)
    assert.deepEqual(await versions(db), ['r1'])
    const [row] = await db.query("SELECT status, statement FROM athanor_version_history WHERE revision = 'r2'")
    assert.equal(row?.['statement'], 'SELECT SLEEP(30)')
    await runBin([...base, 'resolve', 'r2', '--rolled-back'], { cwd: made.root })
    await assertLockFree(made, base)
  })
})

describe('the timeouts are checked like every setting', () => {
  test('a config value that is not a duration names the file and the option', async () => {
    const made = project(portableChain(['r1']))
    made.config("export default { statementTimeout: 'soon' }\n")
    assertCleanError(await cli([...target(made.migrations, made.url), 'upgrade']), 'athanor.config.ts', 'statementTimeout', '"soon"')
  })
})
