import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { runBin, STACK_FRAME } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { errorLines, startBin, waitUntil, type RunningBin } from '../helpers/process.js'
import { allRows, type Project, type RevisionDef, tableNames, temporaryProjects, versionRows } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// SIGINT and SIGTERM in the middle of a migration: the migration is rolled
// back (on MySQL/MariaDB, journaled where it stopped), the lock released,
// one line names the revision, and the status is 130 or 143. Each test
// signals the CLI while the migration's long statement runs on the server.

const project = temporaryProjects()

/** Long enough to be signalled in the middle on a loaded machine; better-sqlite3 cannot cut it short. */
const SQLITE_LONG_QUERY = longCount(1_500_000)

/** A statement that keeps SQLite busy for about a second per 7 million rows on this class of machine. */
function longCount(rows: number): string {
  return `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows}) SELECT count(*) FROM c`
}

/** r2: a table and a row, then a statement that runs until stopped. */
function sleeper(long: string, before: readonly string[] = ['CREATE TABLE half (id INT)', 'INSERT INTO half VALUES (1)']): RevisionDef {
  return {
    id: 'r2',
    down: 'r1',
    ext: 'js',
    message: 'add half',
    upgrade: [
      ...before.map((sql) => `  await op.execute('${sql}')`),
      // The test waits for this file (SQLite) or for the statement on the server.
      "  if (op.x['marker']) (await import('node:fs')).writeFileSync(op.x['marker'], 'running')",
      `  await op.execute('${long}')`,
    ].join('\n'),
    downgrade: "  await op.execute('DROP TABLE IF EXISTS half')",
  }
}

/** One project at r1, with r2 ready to be interrupted. */
async function atR1(r2: RevisionDef, url?: string): Promise<{ made: Project; base: string[] }> {
  const made = project([...portableChain(['r1']), r2])
  const base = target(made.migrations, url ?? made.url)
  const first = await runBin([...base, 'upgrade', 'r1'], { cwd: made.root })
  assert.equal(first.status, 0, first.stderr)
  return { made, base }
}

/** The run's one error line, without a stack; with the status of the signal. */
function assertStopped(result: { status: number; stderr: string }, status: number, line: RegExp): void {
  const lines = errorLines(result.stderr)
  assert.equal(lines.length, 1, result.stderr)
  assert.match(lines[0]!, line)
  assert.equal(result.status, status, result.stderr)
  assert.doesNotMatch(result.stderr, STACK_FRAME)
}

/** The lock is free: another runner takes it without waiting at all. */
async function assertLockFree(made: Project, base: readonly string[]): Promise<void> {
  const next = await runBin([...base, 'upgrade', 'r1', '--lock-timeout', '0'], { cwd: made.root })
  assert.equal(next.status, 0, next.stderr)
}

async function serverStatements(db: TestDatabase, fragment: string): Promise<number> {
  const sql =
    db.dialect === 'postgresql'
      ? `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${db.name}' AND state = 'active' AND query LIKE '${fragment}%'`
      : `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND INFO LIKE '${fragment}%'`
  return Number((await db.query(sql))[0]?.['n'] ?? 0)
}

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

async function tables(db: TestDatabase): Promise<string[]> {
  const sql =
    db.dialect === 'postgresql'
      ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
      : 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1'
  return (await db.query(sql)).map((row) => String(row['name']))
}

/** Starts the upgrade to r2 and signals it once `running` says its long statement runs. */
async function interrupt(
  made: Project,
  base: readonly string[],
  signal: NodeJS.Signals,
  running: (child: RunningBin) => Promise<void>,
  extra: readonly string[] = [],
): Promise<{ status: number; stderr: string; elapsedMs: number }> {
  const started = performance.now()
  const child = startBin([...base, 'upgrade', ...extra], { cwd: made.root })
  await running(child)
  child.child.kill(signal)
  const result = await child.done
  return { ...result, elapsedMs: performance.now() - started }
}

describe('SQLite: a signal during a migration', () => {
  test('SIGINT rolls the migration back once its statement returns, releases the lock, exits 130', async () => {
    const { made, base } = await atR1(sleeper(SQLITE_LONG_QUERY))
    const marker = join(made.root, 'marker')
    const logBefore = allRows(made.dbPath, 'migration_log')
    const result = await interrupt(made, base, 'SIGINT', (child) => waitUntil('the long query runs', () => existsSync(marker), child), [
      '-x',
      `marker=${marker}`,
    ])
    assertStopped(result, 130, /^error: interrupted by SIGINT during r2 \(add half\): rolled back r2; at r1$/)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.ok(!tableNames(made.dbPath).includes('half'))
    assert.deepEqual(allRows(made.dbPath, 'migration_log'), logBefore)
    await assertLockFree(made, base)
  })

  test("transactionMode 'single': SIGINT rolls the whole run back", async () => {
    const made = project([...portableChain(['r1']), sleeper(SQLITE_LONG_QUERY)])
    const marker = join(made.root, 'marker')
    const result = await interrupt(
      made,
      target(made.migrations, made.url),
      'SIGINT',
      (child) => waitUntil('the long query runs', () => existsSync(marker), child),
      ['--transaction-mode', 'single', '-x', `marker=${marker}`],
    )
    assertStopped(
      result,
      130,
      /^error: interrupted by SIGINT during r2 \(add half\): rolled back the whole run \(transactionMode 'single'\); at base$/,
    )
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.ok(!tableNames(made.dbPath).includes('t_r1'))
  })

  test('a second SIGINT while it stops exits at once; SQLite itself rolls the open transaction back', async () => {
    // Long enough that both signals land inside the statement even on a fast, idle machine.
    const { made, base } = await atR1(sleeper(longCount(8_000_000)))
    const marker = join(made.root, 'marker')
    const child = startBin([...base, 'upgrade', '-x', `marker=${marker}`], { cwd: made.root })
    await waitUntil('the long query runs', () => existsSync(marker), child)
    // Both arrive while the statement blocks the process (apart, or the kernel merges them into one):
    // the second is handled right after the first, before any rollback.
    child.child.kill('SIGINT')
    await sleep(50)
    child.child.kill('SIGINT')
    const result = await child.done
    assertStopped(result, 130, /^error: SIGINT again while stopping: exiting at once/)
    // The process ended inside the migration's transaction; the next connection that may write rolls it back.
    await assertLockFree(made, base)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.ok(!tableNames(made.dbPath).includes('half'))
  })

  test('SIGINT while stamp waits for the lock ends the wait at once; nothing changes', async () => {
    const { made, base } = await atR1(sleeper(SQLITE_LONG_QUERY))
    // Another runner holds the lock: athanor's lock file, in a write transaction.
    const holder = new Database(`${made.dbPath}-athanor-lock`)
    holder.exec('BEGIN IMMEDIATE')
    try {
      const child = startBin([...base, 'stamp', 'r2'], { cwd: made.root })
      await waitUntil('stamp waits for the lock', () => child.stderr().includes('waiting for another athanor run'), child)
      child.child.kill('SIGINT')
      assertStopped(await child.done, 130, /^error: interrupted by SIGINT while waiting for the migration lock on .*app\.db; nothing ran$/)
    } finally {
      holder.close()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })
})

describe('PostgreSQL: a signal during a migration', () => {
  const db = useTestDatabase('postgresql')

  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal} cancels the statement, rolls the migration back, releases the lock, exits ${status}`, async () => {
      await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1, half')
      const { made, base } = await atR1(sleeper('SELECT pg_sleep(30)'), db.url)
      const logBefore = await db.query('SELECT revision, direction FROM migration_log')
      const result = await interrupt(made, base, signal, (child) =>
        waitUntil('pg_sleep runs', async () => (await serverStatements(db, 'SELECT pg_sleep(30)')) > 0, child),
      )
      assertStopped(result, status, new RegExp(`^error: interrupted by ${signal} during r2 \\(add half\\): rolled back r2; at r1$`))
      // Cancelled on the server, not left to sleep out its 30 seconds.
      assert.ok(result.elapsedMs < 20_000, `took ${Math.round(result.elapsedMs)} ms`)
      assert.equal(await serverStatements(db, 'SELECT pg_sleep(30)'), 0)
      assert.deepEqual(await versions(db), ['r1'])
      assert.ok(!(await tables(db)).includes('half'))
      assert.deepEqual(await db.query('SELECT revision, direction FROM migration_log'), logBefore)
      await assertLockFree(made, base)
    })
  }
})

describe('MariaDB: a signal during a migration', () => {
  const db = useTestDatabase('mysql')

  async function history(): Promise<Array<Record<string, unknown>>> {
    return db.query("SELECT status, error, statement FROM athanor_version_history WHERE revision = 'r2' ORDER BY id")
  }

  // MariaDB ends a cancelled SLEEP without an error: the journal must still not record it done.
  test('SIGINT in its first statement: KILL QUERY, nothing took effect, the journal says rolled back, exits 130', async () => {
    await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1, half')
    const { made, base } = await atR1(sleeper('SELECT SLEEP(30)', []), db.url)
    const result = await interrupt(made, base, 'SIGINT', (child) =>
      waitUntil('SLEEP runs', async () => (await serverStatements(db, 'SELECT SLEEP(30)')) > 0, child),
    )
    assertStopped(
      result,
      130,
      /^error: interrupted by SIGINT during r2 \(add half\): nothing of it took effect \(statement 1 was cancelled\); at r1$/,
    )
    assert.ok(result.elapsedMs < 20_000, `took ${Math.round(result.elapsedMs)} ms`)
    assert.equal(await serverStatements(db, 'SELECT SLEEP(30)'), 0)
    assert.deepEqual(await versions(db), ['r1'])
    // Not left `started`: nothing stops the next run.
    assert.deepEqual(
      (await history()).map((row) => row['status']),
      ['rolled-back'],
    )
    await assertLockFree(made, base)
  })

  test('SIGINT after a statement took effect: the journal marks where it stopped, and resolve takes over', async () => {
    await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1, half')
    const { made, base } = await atR1(sleeper('SELECT SLEEP(30)', ['CREATE TABLE IF NOT EXISTS half (id INT)']), db.url)
    const result = await interrupt(made, base, 'SIGINT', (child) =>
      waitUntil('SLEEP runs', async () => (await serverStatements(db, 'SELECT SLEEP(30)')) > 0, child),
    )
    assertStopped(
      result,
      130,
      new RegExp(
        '^error: interrupted by SIGINT during r2 \\(add half\\): statement 1 stays in effect, ' +
          'as the migration runs outside a transaction, and statement 2 was cancelled; ' +
          'the journal marks it failed after statement 1, and nothing more runs until ' +
          "'athanor resolve r2 --continue' \\(run the rest, from statement 2\\), '--retry'.*; at r1$",
      ),
    )
    assert.deepEqual(await versions(db), ['r1'])
    assert.ok((await tables(db)).includes('half'))
    const [row] = await history()
    assert.equal(row?.['status'], 'failed')
    assert.equal(row?.['statement'], 'SELECT SLEEP(30)')
    assert.match(String(row?.['error']), /interrupted by SIGINT during r2/)
    // The row keeps where it stopped; current adds the ways out, once.
    const shown = await runBin([...base, 'current'], { cwd: made.root })
    assert.equal(shown.status, 0, shown.stderr)
    assert.equal(shown.stdout.split("'athanor resolve r2 --continue").length - 1, 1, shown.stdout)

    // resolve --retry runs the migration again; interrupted again, the journal says so again.
    const retry = startBin([...base, 'resolve', 'r2', '--retry', '--lock-timeout', '0'], { cwd: made.root })
    await waitUntil('SLEEP runs again', async () => (await serverStatements(db, 'SELECT SLEEP(30)')) > 0, retry)
    retry.child.kill('SIGTERM')
    assertStopped(await retry.done, 143, /^error: interrupted by SIGTERM during r2 \(add half\): statement 1 stays in effect/)
    assert.deepEqual(
      (await history()).map((row) => row['status']),
      ['resolved', 'failed'],
    )
    const settled = await runBin([...base, 'resolve', 'r2', '--rolled-back', '--lock-timeout', '0'], { cwd: made.root })
    assert.equal(settled.status, 0, settled.stderr)
  })
})
