import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { assertCleanError, cli, runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { startBin, waitUntil } from '../helpers/process.js'
import { type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'
import { atR1, versions } from './timeout-fixtures.js'
import { retryDelayMs } from '../../src/runtime/ddl-lock-retry.js'
import { statementTarget } from '../../src/dialect/statement-target.js'

// On PostgreSQL a migration's lock wait is bounded by default (2 s): an
// ALTER TABLE queued for its ACCESS EXCLUSIVE lock behind a long
// transaction would otherwise queue every later query on the table. The
// migration that times out is rolled back and run again after a growing,
// jittered wait, one stderr line per retry; after the last attempt the run
// fails with DDL_LOCK_TIMEOUT, at the revision before, the lock released.

const project = temporaryProjects()

function r2(upgrade: readonly string[], options: { transactional?: boolean } = {}): RevisionDef {
  return {
    id: 'r2',
    down: 'r1',
    ext: 'js',
    message: 'add extra',
    upgrade: upgrade.map((sql) => `  await op.execute('${sql}')`).join('\n'),
    downgrade: "  await op.execute('ALTER TABLE t_r1 DROP COLUMN IF EXISTS extra')",
    ...(options.transactional === false ? { extra: 'export const transactional = false' } : {}),
  }
}

async function hasExtra(db: TestDatabase): Promise<boolean> {
  const found = await db.query("SELECT 1 FROM information_schema.columns WHERE table_name = 't_r1' AND column_name = 'extra'")
  return found.length > 0
}

const retryLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('r2: waited'))

describe('PostgreSQL: a migration that times out on a lock is retried', () => {
  const db = useTestDatabase('postgresql')

  test('by default: rolled back, retried once the holder lets go, and readers never wait for the holder', async () => {
    const { made, base } = await atR1(db, project, r2(['ALTER TABLE t_r1 ADD COLUMN extra INT']))
    // The application's transaction has read the table: ALTER TABLE needs it to end first.
    const holder = await db.connect()
    const reader = await db.connect()
    try {
      await holder.begin()
      await holder.query('SELECT count(*) FROM t_r1')
      const run = startBin([...base, 'upgrade', '--ddl-lock-retries', '20', '--ddl-lock-retry-delay', '100ms'], { cwd: made.root })
      await waitUntil('the first retry is announced', () => retryLines(run.stderr()).length > 0, run)
      // With the DDL's lock request given up between attempts, a reader of
      // the table gets through while the holder still holds its lock; with
      // no lock timeout it would queue behind the ALTER until the holder ended.
      const read = await reader.query('SELECT count(*) AS n FROM t_r1')
      assert.equal(Number(read[0]?.['n']), 0)
      assert.equal(await hasExtra(db), false)
      await holder.rollback()
      const result = await run.done
      assert.equal(result.status, 0, result.stderr)
      const [line] = retryLines(result.stderr)
      assert.match(line ?? '', /^r2: waited 2 s for a lock on t_r1 \(ALTER TABLE t_r1 ADD COLUMN extra INT\), held by another session; /)
      assert.match(line ?? '', /rolled back attempt 1 of 21, trying again in \d+ ms$/)
      assert.deepEqual(await versions(db), ['r2'])
      assert.equal(await hasExtra(db), true)
    } finally {
      await holder.close()
      await reader.close()
    }
  })

  test('a holder that never lets go: DDL_LOCK_TIMEOUT after the last attempt, at the revision before, the lock released', async () => {
    const { made, base } = await atR1(db, project, r2(['CREATE TABLE made_by_r2 (id INT)', 'LOCK TABLE t_r1 IN ACCESS EXCLUSIVE MODE']))
    made.config("export default { ddlLockTimeout: '200ms', ddlLockRetries: 2, ddlLockRetryDelay: '50ms' }\n")
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.execute({ sql: 'LOCK TABLE t_r1 IN ACCESS SHARE MODE' })
      const result = await runBin([...base, 'upgrade'], { cwd: made.root })
      assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        /^error: upgrade of revision r2 \(.*r2_add_extra\.js\) failed: /,
        'waited longer than ddlLockTimeout (200 ms) for a lock another session holds',
        'gave up after 3 attempts (ddlLockRetries 2), each rolled back',
      )
      assert.equal(retryLines(result.stderr).length, 2)
      assert.match(retryLines(result.stderr)[1] ?? '', /for a lock on t_r1 \(LOCK TABLE t_r1 IN ACCESS EXCLUSIVE MODE\).* attempt 2 of 3,/)
      assert.deepEqual(await versions(db), ['r1'])
      assert.equal((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'made_by_r2'")).length, 0)
      const [row] = await db.query("SELECT status FROM athanor_version_history WHERE revision = 'r2'")
      assert.equal(row?.['status'], 'rolled-back')
      // The migration lock is free: another run takes it at once.
      const next = await runBin([...base, 'upgrade', 'r1', '--lock-timeout', '0'], { cwd: made.root })
      assert.equal(next.status, 0, next.stderr)
    } finally {
      await holder.rollback()
      await holder.close()
    }
  })

  test('operations sent ahead of their answers time out and are retried the same way, the statement named', async () => {
    const r2Ops: RevisionDef = {
      ...r2([]),
      upgrade: [
        "  await op.createTable('made_by_r2', [{ name: 'id', type: 'integer', primaryKey: true }])",
        "  await op.addColumn('t_r1', { name: 'extra', type: 'integer' })",
        "  await op.bulkInsert('made_by_r2', [{ id: 1 }])",
      ].join('\n'),
    }
    const { made, base } = await atR1(db, project, r2Ops)
    made.config("export default { ddlLockTimeout: '200ms', ddlLockRetries: 1, ddlLockRetryDelay: '50ms' }\n")
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.execute({ sql: 'LOCK TABLE t_r1 IN ACCESS SHARE MODE' })
      const result = await runBin([...base, 'upgrade'], { cwd: made.root })
      assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        'waited longer than ddlLockTimeout (200 ms) for a lock another session holds',
        'gave up after 2 attempts (ddlLockRetries 1), each rolled back',
      )
      assert.match(
        retryLines(result.stderr)[0] ?? '',
        /^r2: waited 200 ms for a lock on "t_r1" \(ALTER TABLE "t_r1" ADD COLUMN "extra" INTEGER\), held by another session; /,
      )
      assert.deepEqual(await versions(db), ['r1'])
      assert.equal(await hasExtra(db), false)
      assert.equal((await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'made_by_r2'")).length, 0)
    } finally {
      await holder.rollback()
      await holder.close()
    }
  })

  test('SIGINT during the wait between attempts: nothing of the migration is left, exit 130', async () => {
    const { made, base } = await atR1(db, project, r2(['ALTER TABLE t_r1 ADD COLUMN extra INT']))
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.query('SELECT count(*) FROM t_r1')
      const args = [...base, 'upgrade', '--ddl-lock-timeout', '200ms', '--ddl-lock-retry-delay', '60s']
      const run = startBin(args, { cwd: made.root })
      await waitUntil('the first retry is announced', () => retryLines(run.stderr()).length > 0, run)
      run.child.kill('SIGINT')
      const result = await run.done
      assertCleanError(result, { code: 'INTERRUPTED' }, 'interrupted by SIGINT during r2 (add extra): rolled back r2; at r1')
    } finally {
      await holder.rollback()
      await holder.close()
    }
    assert.deepEqual(await versions(db), ['r1'])
    assert.equal(await hasExtra(db), false)
  })

  test("a lock_timeout the database's settings give the session stays in place of the default, and is retried", async () => {
    const { made, base } = await atR1(db, project, r2(['ALTER TABLE t_r1 ADD COLUMN extra INT']))
    await db.query(`ALTER DATABASE "${db.name}" SET lock_timeout = '300ms'`)
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.query('SELECT count(*) FROM t_r1')
      const result = await runBin([...base, 'upgrade', '--ddl-lock-retries', '1', '--ddl-lock-retry-delay', '50ms'], { cwd: made.root })
      assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        "waited longer than the database's lock timeout",
        'gave up after 2 attempts (ddlLockRetries 1)',
      )
      assert.match(retryLines(result.stderr)[0] ?? '', /^r2: waited 300 ms for a lock on t_r1 /)
    } finally {
      await holder.rollback()
      await holder.close()
      await db.query(`ALTER DATABASE "${db.name}" RESET lock_timeout`)
    }
    assert.deepEqual(await versions(db), ['r1'])
  })

  test('--ddl-lock-timeout 0 turns the default off: the migration waits for the holder', async () => {
    const { made, base } = await atR1(db, project, r2(['ALTER TABLE t_r1 ADD COLUMN extra INT']))
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.query('SELECT count(*) FROM t_r1')
      const run = startBin([...base, 'upgrade', '--ddl-lock-timeout', '0'], { cwd: made.root })
      await waitUntil('the ALTER TABLE waits for its lock', async () => (await waitingOnLock(db)) > 0, run)
      // Past the default timeout, and still waiting rather than retrying.
      await sleep(2_500)
      assert.equal(await waitingOnLock(db), 1)
      assert.deepEqual(retryLines(run.stderr()), [])
      await holder.rollback()
      const result = await run.done
      assert.equal(result.status, 0, result.stderr)
      assert.deepEqual(await versions(db), ['r2'])
    } finally {
      await holder.close()
    }
  })

  test('outside a transaction no default lock timeout: CREATE INDEX CONCURRENTLY outwaits an old transaction', async () => {
    const { made, base } = await atR1(db, project, r2(['CREATE INDEX CONCURRENTLY ix_t_r1_note ON t_r1 (note)'], { transactional: false }))
    const holder = await db.connect()
    try {
      // A writer's open transaction: the index build waits for it to end.
      await holder.begin()
      await holder.execute({ sql: 'INSERT INTO t_r1 (id) VALUES (1)' })
      const run = startBin([...base, 'upgrade'], { cwd: made.root })
      await waitUntil('the index build waits for the older transaction', async () => (await waitingOnLock(db)) > 0, run)
      await sleep(2_500)
      assert.equal(await waitingOnLock(db), 1)
      await holder.rollback()
      const result = await run.done
      assert.equal(result.status, 0, result.stderr)
      assert.deepEqual(retryLines(result.stderr), [])
      assert.deepEqual(await versions(db), ['r2'])
      const [index] = await db.query(
        "SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_t_r1_note'",
      )
      assert.equal(index?.['valid'], true)
    } finally {
      await holder.close()
    }
  })
})

/** Sessions of the test database waiting for a heavyweight lock. */
async function waitingOnLock(db: TestDatabase): Promise<number> {
  const rows = await db.query(
    'SELECT count(*) AS n FROM pg_stat_activity ' +
      "WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
  )
  return Number(rows[0]?.['n'])
}

describe('MariaDB: no default, and a lock timeout is not retried but journaled', () => {
  const db = useTestDatabase('mysql')

  test('ddlLockTimeout ends the wait for the metadata lock; resolve --continue runs the rest once the holder is done', async () => {
    const { made, base } = await atR1(
      db,
      project,
      r2(['CREATE TABLE made_by_r2 (id INT PRIMARY KEY)', 'ALTER TABLE t_r1 ADD COLUMN extra INT']),
      ['made_by_r2'],
    )
    made.config("export default { ddlLockTimeout: '1s' }\n")
    const holder = await db.connect()
    try {
      await holder.begin()
      await holder.query('SELECT count(*) FROM t_r1')
      const result = await runBin([...base, 'upgrade'], { cwd: made.root })
      assertCleanError(result, { code: 'DDL_LOCK_TIMEOUT' }, 'r2', 'waited longer than ddlLockTimeout (1 s)')
      assert.deepEqual(retryLines(result.stderr), [])
    } finally {
      await holder.rollback()
      await holder.close()
    }
    assert.deepEqual(await versions(db), ['r1'])
    const [row] = await db.query("SELECT status, statements_done FROM athanor_version_history WHERE revision = 'r2'")
    assert.deepEqual([row?.['status'], Number(row?.['statements_done'])], ['failed', 1])
    const resolved = await runBin([...base, 'resolve', 'r2', '--continue'], { cwd: made.root })
    assert.equal(resolved.status, 0, resolved.stderr)
    assert.deepEqual(await versions(db), ['r2'])
    const columns = await db.query(
      'SELECT column_name FROM information_schema.columns ' +
        "WHERE table_schema = DATABASE() AND table_name = 't_r1' AND column_name = 'extra'",
    )
    assert.equal(columns.length, 1)
  })
})

describe('the retry options are checked like every setting', () => {
  test('--ddl-lock-retries that is not a count exits 2 naming the option', async () => {
    const made = project(portableChain(['r1']))
    for (const value of ['-1', 'lots', '1.5', '101']) {
      const result = await cli([...target(made.migrations, made.url), 'upgrade', '--ddl-lock-retries', value])
      assertCleanError(result, { code: 'INVALID_OPTION' }, 'ddlLockRetries (--ddl-lock-retries)', 'a whole number from 0 to 100')
    }
  })

  test('--ddl-lock-retry-delay that is not a duration exits 2 naming the option', async () => {
    const made = project(portableChain(['r1']))
    const result = await cli([...target(made.migrations, made.url), 'upgrade', '--ddl-lock-retry-delay', 'soon'])
    assertCleanError(result, { code: 'INVALID_OPTION' }, 'ddlLockRetryDelay (--ddl-lock-retry-delay)', '"soon"')
  })

  test('a config value of the wrong form names the file and the option', async () => {
    const made = project(portableChain(['r1']))
    made.config("export default { ddlLockRetries: '3' }\n")
    assertCleanError(await cli([...target(made.migrations, made.url), 'upgrade']), 'athanor.config.ts', 'ddlLockRetries', '"3"')
  })

  test('the retry line names the table a statement locks, where its shape tells', () => {
    const cases: ReadonlyArray<[string, string | undefined]> = [
      ['ALTER TABLE public.items ADD COLUMN note text', 'public.items'],
      ['-- why\nDROP TABLE IF EXISTS "Old Items"', '"Old Items"'],
      ['CREATE UNIQUE INDEX CONCURRENTLY ix ON ONLY items (name)', 'items'],
      ['LOCK TABLE items IN ACCESS EXCLUSIVE MODE', 'items'],
      ["UPDATE items SET note = 'x'", 'items'],
      ['SELECT 1', undefined],
    ]
    for (const [sql, table] of cases) assert.equal(statementTarget(sql), table, sql)
  })

  test('the backoff doubles and is jittered between half and all of each step, up to a minute', () => {
    assert.deepEqual(
      [1, 2, 3].map((retry) => retryDelayMs(1_000, retry, () => 0)),
      [500, 1_000, 2_000],
    )
    assert.deepEqual(
      [1, 2, 3].map((retry) => retryDelayMs(1_000, retry, () => 1)),
      [1_000, 2_000, 4_000],
    )
    assert.equal(
      retryDelayMs(1_000, 20, () => 1),
      60_000,
    )
  })
})
