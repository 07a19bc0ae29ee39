import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk, runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { temporaryProjects, type RevisionDef } from '../helpers/project.js'
import { target } from '../concurrency/fixtures.js'

// A statement that no transaction holds with its journal entry (DDL on
// MariaDB) can take effect and its session end before the entry is written:
// a DBA's KILL, a failover, a crashed server. The journal then said the
// statement never ran, and `resolve --continue` ran it again and failed on
// what it had made. Now the row marks the statement in flight before it
// runs, and everything that reads the row says it may or may not have
// taken effect, until the user says which with `--continue --from`.

const project = temporaryProjects()

const TABLE: RevisionDef = {
  id: 'b01',
  down: null,
  ext: 'js',
  message: 'table',
  upgrade: "  await op.createTable('big', [{ name: 'id', type: 'integer', primaryKey: true }])",
  downgrade: "  await op.dropTable('big')",
}

const COLUMNS: RevisionDef = {
  id: 'b02',
  down: 'b01',
  ext: 'js',
  message: 'columns',
  upgrade: [
    "  await op.addColumn('big', { name: 'c', type: 'integer' })",
    "  await op.addColumn('big', { name: 'd', type: 'integer' })",
  ].join('\n'),
  downgrade: "  await op.dropColumn('big', 'd')\n  await op.dropColumn('big', 'c')",
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 400; tries++) {
    const found = await probe()
    if (found !== undefined) return found
    await sleep(25)
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function columns(db: TestDatabase): Promise<string[]> {
  const rows = await db.query(
    'SELECT column_name AS c FROM information_schema.columns ' +
      "WHERE table_schema = DATABASE() AND table_name = 'big' ORDER BY ordinal_position",
  )
  return rows.map((row) => String(row['c']))
}

describe('mysql: a session killed between a DDL statement and its journal entry', () => {
  const db = useTestDatabase('mysql')

  test('leaves the statement marked as maybe done, and --continue --from settles it', async () => {
    const made = project([TABLE, COLUMNS])
    const base = target(made.migrations, db.url)
    await cliOk([...base, 'upgrade', 'b01'])
    const reader = await db.connect()
    const locker = await db.connect()
    let upgrade: ReturnType<typeof runBin> | undefined
    try {
      // The ALTER waits for a table lock: while it waits, the history rows are locked, so its entry waits after it.
      await reader.execute({ sql: 'START TRANSACTION' })
      await reader.query('SELECT * FROM big')
      upgrade = runBin([...base, 'upgrade'], { cwd: made.root })
      await until('the ALTER to wait', async () => {
        const rows = await db.query("SELECT id FROM information_schema.processlist WHERE info LIKE 'ALTER TABLE%big%'")
        return rows[0]
      })
      await locker.execute({ sql: 'START TRANSACTION' })
      await locker.query('SELECT id FROM athanor_version_history FOR UPDATE')
      await reader.execute({ sql: 'COMMIT' })
      const runner = await until('the journal entry to wait', async () => {
        const rows = await db.query(
          "SELECT id FROM information_schema.processlist WHERE info LIKE 'UPDATE %athanor_version_history%statements_done%'",
        )
        return rows[0]?.['id']
      })
      await db.query(`KILL ${Number(runner)}`)
      const failed = assertCleanError(await upgrade, 'b02', 'statement 1', 'may or may not have taken effect', '--from 2')
      assert.doesNotMatch(failed, /; statement 1 took effect/)
    } finally {
      await locker.execute({ sql: 'ROLLBACK' }).catch(() => undefined)
      await locker.close()
      await reader.close()
      await upgrade?.catch(() => undefined)
    }
    // The ALTER took effect, and nothing says it did not.
    assert.deepEqual(await columns(db), ['id', 'c'])
    const current = await cliOk([...base, 'current'])
    assert.match(current.stdout + current.stderr, /stopped during statement 1 of 2: ALTER TABLE .*may or may not have taken effect/)
    // Not settled by itself as a step that never began, and not run again by --continue.
    assertCleanError(await cli([...base, 'upgrade']), { code: 'UNRESOLVED_MIGRATION' }, 'b02', 'may or may not')
    assertCleanError(await cli([...base, 'resolve', 'b02', '--continue']), { code: 'UNCERTAIN_STATEMENT' }, 'statement 1', '--from')
    assertCleanError(await cli([...base, 'resolve', 'b02', '--continue', '--from', '5']), { code: 'UNCERTAIN_STATEMENT' }, '--from 5')
    assertCleanError(
      await cli([...base, 'resolve', 'b02', '--retry', '--from', '2']),
      { code: 'INVALID_OPTION' },
      '--from goes with --continue',
    )
    assert.deepEqual(await columns(db), ['id', 'c'])

    // The user looked: it took effect.
    await cliOk([...base, 'resolve', 'b02', '--continue', '--from', '2'])
    assert.deepEqual(await columns(db), ['id', 'c', 'd'])
    assert.match((await cliOk([...base, 'current'])).stdout, /^b02 \(head\)/m)
    await cliOk([...base, 'downgrade', 'base'])
    assert.deepEqual(await columns(db), [])
  })
})

describe('postgresql: a transactional = false script whose session ends between a statement and its entry', () => {
  const db = useTestDatabase('postgresql')

  test('leaves the statement marked as maybe done, and --continue --from runs it again when it did not', async () => {
    const slow: RevisionDef = {
      id: 'b02',
      down: 'b01',
      ext: 'js',
      message: 'outside',
      upgrade: [
        "  await op.execute('DO $$ BEGIN PERFORM pg_sleep(1.5); ALTER TABLE big ADD COLUMN q integer; END $$')",
        "  await op.execute('ALTER TABLE big ADD COLUMN r integer')",
      ].join('\n'),
      downgrade: "  await op.execute('ALTER TABLE big DROP COLUMN r')\n  await op.execute('ALTER TABLE big DROP COLUMN q')",
      extra: 'export const transactional = false',
    }
    const made = project([TABLE, slow])
    const base = target(made.migrations, db.url)
    await cliOk([...base, 'upgrade', 'b01'])
    const locker = await db.connect()
    let upgrade: ReturnType<typeof runBin> | undefined
    try {
      upgrade = runBin([...base, 'upgrade'], { cwd: made.root })
      await until('the statement to run', async () => {
        const rows = await db.query(
          "SELECT pid FROM pg_stat_activity WHERE query LIKE 'DO $$ BEGIN PERFORM pg_sleep%' AND state = 'active'",
        )
        return rows[0]
      })
      await locker.execute({ sql: 'BEGIN' })
      await locker.query('SELECT id FROM athanor_version_history FOR UPDATE')
      const runner = await until('the journal entry to wait', async () => {
        const rows = await db.query(
          'SELECT pid FROM pg_stat_activity ' +
            "WHERE query LIKE 'UPDATE %athanor_version_history%statements_done%' AND wait_event_type = 'Lock'",
        )
        return rows[0]?.['pid']
      })
      await db.query('SELECT pg_terminate_backend($1)', [Number(runner)])
      // The statement returned before its entry was sent: the run knows it took effect, though the row cannot say so.
      const failed = assertCleanError(
        await upgrade,
        'b02',
        'statement 1 took effect',
        'its history row still shows statement 1 running',
        "'athanor resolve b02 --continue --from 2'",
      )
      assert.doesNotMatch(failed, /may or may not/)
    } finally {
      await locker.execute({ sql: 'ROLLBACK' }).catch(() => undefined)
      await locker.close()
      await upgrade?.catch(() => undefined)
    }
    const columnsNow = async () =>
      (await db.query("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'big' ORDER BY ordinal_position")).map(
        (row) => String(row['c']),
      )
    assert.deepEqual(await columnsNow(), ['id', 'q'])
    const current = await cliOk([...base, 'current'])
    assert.match(current.stdout + current.stderr, /stopped during statement 1 of 2: DO .*may or may not have taken effect/)
    assertCleanError(await cli([...base, 'resolve', 'b02', '--continue']), { code: 'UNCERTAIN_STATEMENT' }, 'statement 1')
    // The user undid it by hand, then runs it again.
    await db.query('ALTER TABLE big DROP COLUMN q')
    await cliOk([...base, 'resolve', 'b02', '--continue', '--from', '1'])
    assert.deepEqual(await columnsNow(), ['id', 'q', 'r'])
    await cliOk([...base, 'downgrade', 'base'])
  })
})
