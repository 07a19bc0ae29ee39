import assert from 'node:assert/strict'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cliOk, runBin, type CliResult } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { startBin, waitUntil } from '../helpers/process.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// The server ends the runner's session in the middle of a migration (a
// DBA's pg_terminate_backend or KILL, a restart, a failover): one line
// names the migration and says the server closed the connection, the
// usual closing line says where the database is, no Node warning, exit 1.

const project = temporaryProjects()

/**
 * r2: its statements `[first, last]` each way; between them it writes its
 * session's id to the marker file (when given one) and runs `long`, or
 * waits, idle, until the test writes `<marker>.go`.
 */
function victim(long?: string): RevisionDef {
  const body = (first: string, last: string) =>
    [
      `  await op.execute('${first}')`,
      "  if (op.x['marker']) {",
      "    const { existsSync, writeFileSync } = await import('node:fs')",
      "    const [me] = await op.query(op.dialect === 'postgresql' ? 'SELECT pg_backend_pid() AS id' : 'SELECT CONNECTION_ID() AS id')",
      "    writeFileSync(op.x['marker'], String(me.id))",
      long === undefined
        ? "    while (!existsSync(op.x['marker'] + '.go')) await new Promise((resolve) => setTimeout(resolve, 20))"
        : `    await op.execute('${long}')`,
      '  }',
      `  await op.execute('${last}')`,
    ].join('\n')
  return {
    id: 'r2',
    down: 'r1',
    ext: 'js',
    message: 'add half',
    upgrade: body('CREATE TABLE half (id INT)', 'CREATE TABLE after_wait (id INT)'),
    downgrade: body('DROP TABLE after_wait', 'DROP TABLE half'),
  }
}

/** The runner's session id, once the script has written it. */
async function runnerSession(marker: string, running: Parameters<typeof waitUntil>[2]): Promise<string> {
  await waitUntil('the migration has written its session id', () => existsSync(marker) && readFileSync(marker, 'utf8') !== '', running)
  return readFileSync(marker, 'utf8')
}

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

/** A fresh project at `at` on the test database; the next verb runs r2. */
async function projectAt(db: TestDatabase, r2: RevisionDef, at: string): Promise<{ made: Project; base: string[]; marker: string }> {
  await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, t_r1, half, after_wait')
  const made = project([...portableChain(['r1']), r2])
  const base = target(made.migrations, db.url)
  const first = await runBin([...base, 'upgrade', at], { cwd: made.root })
  assert.equal(first.status, 0, first.stderr)
  return { made, base, marker: join(made.root, 'marker') }
}

/** The migration's progress line, one clean error line matching `line`, the closing line, and nothing else: no Node warning. */
function assertLost(
  result: CliResult,
  expected: { code: 'CONNECTION_LOST' | 'MIGRATION_INCOMPLETE' },
  line: RegExp,
  db: TestDatabase,
  at: string,
): void {
  const error = assertCleanError(result, expected, line)
  const lines = result.stderr.split('\n').filter((text) => text !== '')
  assert.deepEqual(lines, [lines[0], error, `The database ${db.url} is at ${at}.`], result.stderr)
  assert.match(lines[0]!, /^Running (up|down)grade /)
}

/** What pg_terminate_backend makes of the runner's connection. */
const TERMINATED =
  'the connection to PostgreSQL at 127\\.0\\.0\\.1:5432 was closed by the server: terminating connection due to administrator command'

describe('PostgreSQL: the server ends the runner session mid-migration', () => {
  const db = useTestDatabase('postgresql')

  async function terminate(pid: string): Promise<void> {
    const [row] = await db.query(`SELECT pg_terminate_backend(${Number(pid)}) AS done`)
    assert.equal(row?.['done'], true)
  }

  test('during a statement: one line names the revision and the server reason; rolled back; current agrees', async () => {
    const { made, base, marker } = await projectAt(db, victim('SELECT pg_sleep(30)'), 'r1')
    const child = startBin([...base, 'upgrade', '-x', `marker=${marker}`], { cwd: made.root })
    const pid = await runnerSession(marker, child)
    const sleeping = `SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ${Number(pid)} AND state = 'active' AND query LIKE '%sleep%'`
    await waitUntil('pg_sleep runs', async () => Number((await db.query(sleeping))[0]?.['n']) > 0, child)
    await terminate(pid)
    const result = await child.done
    assertLost(
      result,
      { code: 'CONNECTION_LOST' },
      new RegExp(`^error: upgrade of revision r2 \\(.*r2_add_half\\.js\\) failed: ${TERMINATED}$`),
      db,
      'r1',
    )
    assert.deepEqual(await versions(db), ['r1'])
    assert.equal((await db.query("SELECT count(*) AS n FROM pg_tables WHERE tablename = 'half'"))[0]?.['n'], 0)
    assert.match((await cliOk([...base, 'current'])).stdout, /^r1\n/)
  })

  test('between two statements of a downgrade: the next statement fails the same way', async () => {
    const { made, base, marker } = await projectAt(db, victim(), 'r2')
    const child = startBin([...base, 'downgrade', '-x', `marker=${marker}`], { cwd: made.root })
    await terminate(await runnerSession(marker, child))
    writeFileSync(`${marker}.go`, '')
    const result = await child.done
    assertLost(
      result,
      { code: 'CONNECTION_LOST' },
      new RegExp(`^error: downgrade of revision r2 \\(.*r2_add_half\\.js\\) failed: ${TERMINATED}$`),
      db,
      'r2',
    )
    assert.deepEqual(await versions(db), ['r2'])
    assert.match((await cliOk([...base, 'current'])).stdout, /^r2 \(head\)\n/)
  })
})

describe('MariaDB: the server kills the runner session mid-migration', () => {
  const db = useTestDatabase('mysql')

  test('during a statement: one line names the revision and the lost connection; the journal and current agree', async () => {
    const { made, base, marker } = await projectAt(db, victim('SELECT SLEEP(30)'), 'r1')
    const child = startBin([...base, 'upgrade', '-x', `marker=${marker}`], { cwd: made.root })
    const id = await runnerSession(marker, child)
    const sleeping = `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID = ${Number(id)} AND INFO LIKE 'SELECT SLEEP%'`
    await waitUntil('SLEEP runs', async () => Number((await db.query(sleeping))[0]?.['n']) > 0, child)
    await db.query(`KILL ${Number(id)}`)
    const result = await child.done
    assertLost(
      result,
      { code: 'MIGRATION_INCOMPLETE' },
      new RegExp(
        '^error: upgrade of revision r2 \\(.*r2_add_half\\.js\\) failed at statement 2 of the migration: ' +
          'the connection to MySQL/MariaDB at 127\\.0\\.0\\.1:3306 was closed by the server or a proxy, which gave no reason; ' +
          'it ran outside a transaction, so statement 1 took effect .*resolve r2',
      ),
      db,
      'r1',
    )
    assert.deepEqual(await versions(db), ['r1'])
    const shown = (await cliOk([...base, 'current'])).stdout
    assert.match(shown, /^r1\n/)
    assert.match(shown, /Unfinished: upgrade of revision r2 .* stopped after statement 1 of/)
    await cliOk([...base, 'resolve', 'r2', '--rolled-back'])
  })

  test('between two statements: the kill heard while idle fails the next statement, naming the revision', async () => {
    const { made, base, marker } = await projectAt(db, victim(), 'r1')
    const child = startBin([...base, 'upgrade', '-x', `marker=${marker}`], { cwd: made.root })
    await db.query(`KILL ${Number(await runnerSession(marker, child))}`)
    writeFileSync(`${marker}.go`, '')
    const result = await child.done
    assertLost(
      result,
      { code: 'MIGRATION_INCOMPLETE' },
      new RegExp(
        '^error: upgrade of revision r2 \\(.*r2_add_half\\.js\\) failed .*: ' +
          'the connection to MySQL/MariaDB at 127\\.0\\.0\\.1:3306 was closed by the server or a proxy, which gave no reason; ',
      ),
      db,
      'r1',
    )
    assert.deepEqual(await versions(db), ['r1'])
    assert.match((await cliOk([...base, 'current'])).stdout, /Unfinished: upgrade of revision r2 /)
    await cliOk([...base, 'resolve', 'r2', '--rolled-back'])
  })
  test('while it writes the journal row that starts a migration: the line names that migration', async () => {
    const { made, base } = await projectAt(db, victim(), 'r1')
    // Another session holds the history rows, and the gap after them: the runner's `started` row waits, and is killed there.
    const holder = await db.connect()
    try {
      await holder.execute({ sql: 'START TRANSACTION' })
      await holder.query('SELECT id FROM athanor_version_history FOR UPDATE')
      const child = startBin([...base, 'upgrade'], { cwd: made.root })
      const waiting =
        `SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' ` +
        "AND INFO LIKE 'INSERT INTO%athanor_version_history%'"
      const runner = async () => (await db.query(waiting))[0]?.['id']
      await waitUntil('the started row waits', async () => (await runner()) !== undefined, child)
      await db.query(`KILL ${Number(await runner())}`)
      const result = await child.done
      assertLost(
        result,
        { code: 'CONNECTION_LOST' },
        /^error: upgrade of revision r2 \(.*r2_add_half\.js\) failed: the connection to MySQL\/MariaDB at 127\.0\.0\.1:3306 was closed by /,
        db,
        'r1',
      )
    } finally {
      await holder.close()
    }
    assert.deepEqual(await versions(db), ['r1'])
    assert.doesNotMatch((await cliOk([...base, 'current'])).stdout, /Unfinished/)
  })
})
