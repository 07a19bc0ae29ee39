import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { BIN, runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { portableChain, portableUpgrade, target, waitLines } from './fixtures.js'

const project = temporaryProjects()

/** Polls until `check` holds; a generous cap turns a hang into a failure, and nothing asserts how long it took. */
async function until(what: string, check: () => Promise<boolean>, capMs = 25_000): Promise<void> {
  const deadline = Date.now() + capMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await sleep(50)
  }
}

async function backendsRunning(db: TestDatabase, fragment: string): Promise<number> {
  const rows = await db.query(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${db.name}' AND query LIKE '%${fragment}%' ` +
      "AND state = 'active' AND pid <> pg_backend_pid()",
  )
  return Number(rows[0]?.['n'] ?? 0)
}

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

describe('PostgreSQL: a runner killed mid-migration', () => {
  const db = useTestDatabase('postgresql')

  test('leaves the previous revision, schema and data, frees the lock, and the next upgrade just works', async () => {
    const [first] = portableChain(['a10000000001'])
    const sleeper: RevisionDef = {
      id: 'b20000000002',
      down: 'a10000000001',
      ext: 'js',
      upgrade: [
        portableUpgrade('b20000000002'),
        '  await op.execute("UPDATE migration_log SET direction = \'changed\'")',
        "  if (op.x['sleep']) await op.execute('SELECT pg_sleep(30)')",
      ].join('\n'),
    }
    const made = project([first!, sleeper])
    assert.equal((await runBin([...target(made.migrations, db.url), 'upgrade', 'a10000000001'], { cwd: made.root })).status, 0)
    const logBefore = await db.query('SELECT revision, direction FROM migration_log ORDER BY revision')

    const child = spawn(process.execPath, [BIN, ...target(made.migrations, db.url), 'upgrade', '-x', 'sleep=1'], {
      cwd: made.root,
      stdio: 'ignore',
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    await until('the migration to reach pg_sleep', async () => (await backendsRunning(db, 'pg_sleep(30)')) > 0)
    child.kill('SIGKILL')
    await exited
    // The server notices the dead client (client_connection_check_interval) and rolls back.
    await until('the dead runner’s backend to end', async () => (await backendsRunning(db, 'pg_sleep(30)')) === 0)

    assert.deepEqual(await versions(db), ['a10000000001'])
    assert.equal((await db.query("SELECT to_regclass('t_b20000000002') AS t"))[0]?.['t'], null)
    assert.deepEqual(await db.query('SELECT revision, direction FROM migration_log ORDER BY revision'), logBefore)
    const locks = await db.query(
      "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' " +
        `AND database = (SELECT oid FROM pg_database WHERE datname = '${db.name}')`,
    )
    assert.equal(Number(locks[0]?.['n']), 0)

    const next = await runBin([...target(made.migrations, db.url), 'upgrade', '--lock-timeout', '20'], { cwd: made.root })
    assert.equal(next.status, 0, next.stderr)
    assert.deepEqual(await versions(db), ['b20000000002'])
  })
})

describe('PostgreSQL: CREATE INDEX CONCURRENTLY while another runner waits', () => {
  const db = useTestDatabase('postgresql')

  test('both finish, no deadlock, the index is valid', async () => {
    const items: RevisionDef = {
      id: 'a10000000001',
      down: null,
      ext: 'js',
      upgrade: [
        "  await op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'text' }])",
        '  await op.execute("INSERT INTO items SELECT g, \'item \' || g FROM generate_series(1, 5000) AS g")',
      ].join('\n'),
    }
    const concurrently: RevisionDef = {
      id: 'b20000000002',
      down: 'a10000000001',
      ext: 'js',
      upgrade: [
        // Holds the lock until the other runner is seen polling for it (capped), so the index
        // is always built while a second runner waits. pg_stat_activity is cached per
        // transaction, hence pg_stat_clear_snapshot() on every turn.
        '  await op.execute(`DO $$ DECLARE turns int := 0; BEGIN LOOP PERFORM pg_stat_clear_snapshot();',
        '    EXIT WHEN turns > 400 OR EXISTS (SELECT 1 FROM pg_stat_activity ' +
          "WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'SELECT pg_try_advisory_lock%');",
        '    PERFORM pg_sleep(0.05); turns := turns + 1; END LOOP; END $$`)',
        "  await op.execute('CREATE INDEX CONCURRENTLY ix_items_name ON items (name)')",
      ].join('\n'),
      downgrade: "  await op.execute('DROP INDEX CONCURRENTLY ix_items_name')",
      extra: 'export const transactional = false',
    }
    const made = project([items, concurrently])
    const args = [...target(made.migrations, db.url), 'upgrade']
    const runs = await Promise.all([runBin(args, { cwd: made.root }), runBin(args, { cwd: made.root })])
    for (const run of runs) assert.equal(run.status, 0, run.stderr)
    // One ran the migrations; the other waited through the index build, then found nothing to do.
    const waited = runs.filter((run) => waitLines(run.stderr).length === 1)
    assert.equal(waited.length, 1, runs.map((run) => run.stderr).join('\n---\n'))
    assert.match(waited[0]!.stderr, /Nothing to upgrade/)
    assert.deepEqual(await versions(db), ['b20000000002'])
    const index = await db.query(
      "SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_items_name'",
    )
    assert.equal(index[0]?.['valid'], true)
    const history = await db.query("SELECT status FROM athanor_version_history WHERE revision = 'b20000000002'")
    assert.deepEqual(
      history.map((row) => row['status']),
      ['succeeded'],
    )
  })
})
