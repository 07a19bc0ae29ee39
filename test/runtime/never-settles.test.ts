import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { settleOrFail } from '../../src/core/never-settles.js'
import { runBin, STACK_FRAME, type CliResult } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { errorLines } from '../helpers/process.js'
import { type Project, type RevisionDef, tableNames, temporaryProjects, versionRows } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// A migration whose promise never settles: with nothing left on the event
// loop, Node would end the process with status 13 and no word (SQLite), or,
// with a connection open, wait forever holding the lock (PostgreSQL,
// MariaDB). athanor names the migration instead. With a live timer the loop
// never drains; stepTimeout is the bound for that.

const project = temporaryProjects()

/** r2: a table, then a wait for a promise nothing settles; with `timer`, also a live interval. */
function waitsForever(timer: boolean): RevisionDef {
  return {
    id: 'r2',
    down: 'r1',
    ext: 'js',
    message: 'wait forever',
    upgrade: [
      "  await op.execute('CREATE TABLE half (id INT)')",
      ...(timer ? ['  setInterval(() => {}, 1000)'] : []),
      '  await new Promise(() => {})',
    ].join('\n'),
    downgrade: "  await op.execute('DROP TABLE IF EXISTS half')",
  }
}

async function atR1(r2: RevisionDef, url?: string): Promise<{ made: Project; base: string[] }> {
  const made = project([...portableChain(['r1']), r2])
  const base = target(made.migrations, url ?? made.url)
  const first = await runBin([...base, 'upgrade', 'r1'], { cwd: made.root })
  assert.equal(first.status, 0, first.stderr)
  return { made, base }
}

/** Status 1 and exactly one error line, matching `line`, without a stack. */
function assertOneLine(result: CliResult, line: RegExp): string {
  const lines = errorLines(result.stderr)
  assert.equal(lines.length, 1, result.stderr)
  assert.match(lines[0]!, line)
  assert.equal(result.status, 1, result.stderr)
  assert.doesNotMatch(result.stderr, STACK_FRAME)
  return lines[0]!
}

async function assertLockFree(made: Project, base: readonly string[]): Promise<void> {
  const next = await runBin([...base, 'upgrade', 'r1', '--lock-timeout', '0'], { cwd: made.root })
  assert.equal(next.status, 0, next.stderr)
}

const NEVER =
  /^error: upgrade of revision r2 \(.*r2_wait_forever\.js\) never finished: its upgrade\(\) awaits a promise that nothing left can settle/
const STEP_TIMEOUT = /^error: upgrade of revision r2 \(.*r2_wait_forever\.js\) ran longer than stepTimeout \(300 ms\) and was cancelled/

describe('a config or script module whose top-level await never settles', () => {
  test('the config file: one line naming it, not a silent status 13', async () => {
    const made = project(portableChain(['r1']))
    made.config('await new Promise(() => {})\nexport default { url: "sqlite:///x.db" }\n')
    const result = await runBin(['-d', made.migrations, 'current'], { cwd: made.root })
    assertOneLine(
      result,
      /^error: .*athanor\.config\.ts never finished loading: its top-level code awaits a promise that nothing left can settle/,
    )
  })

  test('a migration script: one line naming it, before anything runs', async () => {
    const made = project(portableChain(['r1']))
    made.writeRaw('r2_stuck.js', "export const revision = 'r2'\nexport const downRevision = 'r1'\nawait new Promise(() => {})\n")
    const result = await runBin([...target(made.migrations, made.url), 'upgrade'], { cwd: made.root })
    assertOneLine(result, /^error: .*r2_stuck\.js never finished loading/)
    assert.deepEqual(existsSync(made.dbPath) ? versionRows(made.dbPath) : [], [])
  })
})

describe('SQLite: a migration that never settles', () => {
  test('with nothing left to wait for: named, rolled back, the lock released', async () => {
    const { made, base } = await atR1(waitsForever(false))
    assertOneLine(await runBin([...base, 'upgrade'], { cwd: made.root }), new RegExp(`${NEVER.source}.*: rolled back r2; at r1$`))
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.ok(!tableNames(made.dbPath).includes('half'))
    await assertLockFree(made, base)
  })

  test('with a live timer: stepTimeout (from the config) cancels and rolls it back, and the process ends', async () => {
    const { made, base } = await atR1(waitsForever(true))
    writeFileSync(join(made.migrations, 'athanor.config.ts'), "export default { stepTimeout: '300ms' }\n")
    assertOneLine(await runBin([...base, 'upgrade'], { cwd: made.root }), new RegExp(`${STEP_TIMEOUT.source}: rolled back r2; at r1$`))
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.ok(!tableNames(made.dbPath).includes('half'))
    await assertLockFree(made, base)
  })
})

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

async function hasHalf(db: TestDatabase): Promise<boolean> {
  const sql =
    db.dialect === 'postgresql'
      ? "SELECT 1 FROM pg_tables WHERE tablename = 'half'"
      : "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'half'"
  return (await db.query(sql)).length > 0
}

describe('PostgreSQL: a migration that never settles', () => {
  const db = useTestDatabase('postgresql')

  for (const timer of [false, true]) {
    test(timer ? 'with a live timer: --step-timeout ends it' : 'with only the idle connection left: named at once', async () => {
      await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1, half')
      const { made, base } = await atR1(waitsForever(timer), db.url)
      const result = await runBin([...base, 'upgrade', ...(timer ? ['--step-timeout', '300ms'] : [])], { cwd: made.root })
      assertOneLine(result, new RegExp(`${(timer ? STEP_TIMEOUT : NEVER).source}.*: rolled back r2; at r1$`))
      assert.deepEqual(await versions(db), ['r1'])
      assert.equal(await hasHalf(db), false)
      await assertLockFree(made, base)
    })
  }
})

describe('MariaDB: a migration that never settles', () => {
  const db = useTestDatabase('mysql')

  for (const timer of [false, true]) {
    const name = timer ? 'with a live timer: --step-timeout ends it' : 'with only the idle connection left: named at once'
    test(`${name}; the journal says where`, async () => {
      await db.query('DROP TABLE IF EXISTS athanor_version, athanor_version_history, migration_log, t_r1, half')
      const { made, base } = await atR1(waitsForever(timer), db.url)
      const result = await runBin([...base, 'upgrade', ...(timer ? ['--step-timeout', '300ms'] : [])], { cwd: made.root })
      assertOneLine(result, new RegExp(`${(timer ? STEP_TIMEOUT : NEVER).source}.*statement 1 stays in effect.*; at r1$`))
      assert.deepEqual(await versions(db), ['r1'])
      // DDL commits at once on MariaDB: the table stays, and the journal says the step stopped after it.
      assert.equal(await hasHalf(db), true)
      const [row] = await db.query("SELECT status, statement, last_statement FROM athanor_version_history WHERE revision = 'r2'")
      assert.equal(row?.['status'], 'failed')
      // It stopped after that statement, not at one: no statement failed.
      assert.equal(row?.['last_statement'], 'CREATE TABLE half (id INT)')
      assert.equal(row?.['statement'], null)
      const current = await runBin([...base, 'current'], { cwd: made.root })
      assert.match(current.stdout, /failed after statement 1: /)
      const settled = await runBin([...base, 'resolve', 'r2', '--rolled-back', '--lock-timeout', '0'], { cwd: made.root })
      assert.equal(settled.status, 0, settled.stderr)
    })
  }
})

describe('many waits at once', () => {
  test('share one beforeExit listener, so loading many scripts side by side prints no leak warning', async () => {
    const before = process.listenerCount('beforeExit')
    const waits = Array.from({ length: 25 }, (_, n) => settleOrFail(Promise.resolve(n), () => new Error('never')))
    assert.equal(process.listenerCount('beforeExit'), before + 1)
    assert.deepEqual(
      await Promise.all(waits),
      Array.from({ length: 25 }, (_, n) => n),
    )
    assert.equal(process.listenerCount('beforeExit'), before)
  })
})
