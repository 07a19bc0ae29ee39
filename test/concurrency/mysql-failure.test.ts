import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { scriptFileName, type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'
import { portableChain, target } from './fixtures.js'

const project = temporaryProjects()

/** Creates a table and a row (DDL commits at once on MySQL), then breaks on its third statement. */
const BREAKS: RevisionDef = {
  id: 'b20000000002',
  down: 'a10000000001',
  ext: 'js',
  message: 'add half',
  upgrade: [
    "  await op.execute('CREATE TABLE half (id INT)')",
    "  await op.execute('INSERT INTO half VALUES (1)')",
    "  await op.execute('INSERT INTO missing_table VALUES (1)')",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE half')",
}

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

async function entries(made: Project, url: string): Promise<HistoryRow[]> {
  return (
    JSON.parse((await cliOk([...target(made.migrations, url), 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }
  ).entries
}

describe('MariaDB: a migration failing midway', () => {
  const db = useTestDatabase('mysql')

  test('is reported exactly, blocks upgrade and downgrade, and is resolved by a retry after the fix', async () => {
    const made = project([...portableChain(['a10000000001']), BREAKS])
    const base = target(made.migrations, db.url)
    const failed = assertCleanError(
      await cli([...base, 'upgrade']),
      'b20000000002',
      join(made.versions, scriptFileName(BREAKS)),
      'statement 3',
      'missing_table',
      "'athanor resolve b20000000002 --continue' (run the rest, from statement 3), '--retry'",
    )
    assert.match(failed, /statements 1-2 took effect/)

    // Exactly the state reported: the version row did not move, the first two statements stayed.
    assert.deepEqual(await versions(db), ['a10000000001'])
    assert.deepEqual(
      (await db.query('SELECT id FROM half')).map((row) => Number(row['id'])),
      [1],
    )
    const row = (await entries(made, db.url)).at(-1)!
    assert.equal(row.revision, 'b20000000002')
    assert.equal(row.status, 'failed')
    assert.equal(row.statement, 'INSERT INTO missing_table VALUES (1)')

    for (const verb of [['upgrade'], ['downgrade', 'base']]) {
      assertCleanError(await cli([...base, ...verb]), 'b20000000002', 'failed', '--retry', '--applied', '--rolled-back')
    }
    assert.deepEqual(await versions(db), ['a10000000001'])

    // The fix: the script now finishes what the failed attempt started.
    rmSync(made.write(BREAKS))
    made.write({
      ...BREAKS,
      message: 'add half, fixed',
      upgrade: "  await op.execute('CREATE TABLE IF NOT EXISTS half (id INT)')\n  await op.execute('INSERT INTO half SELECT 2 FROM DUAL')",
    })
    await cliOk([...base, 'resolve', 'b20000000002', '--retry'])
    assert.deepEqual(await versions(db), ['b20000000002'])
    assert.deepEqual(
      (await db.query('SELECT id FROM half ORDER BY id')).map((row) => Number(row['id'])),
      [1, 2],
    )
    assert.deepEqual(
      (await entries(made, db.url)).map((entry) => `${entry.revision} ${entry.status}`),
      ['a10000000001 succeeded', 'b20000000002 resolved', 'b20000000002 succeeded'],
    )
    await cliOk([...base, 'upgrade'])
  })

  test('--applied and --rolled-back record the state the user established', async () => {
    const made = project([...portableChain(['a10000000001']), BREAKS])
    const base = target(made.migrations, db.url)
    // The database ran the fixed b20000000002 of the test before; this project holds the original.
    await cliOk([...base, 'downgrade', 'base', '--allow-edited'])
    await db.query('DROP TABLE IF EXISTS half')
    assert.equal((await cli([...base, 'upgrade'])).status, 1)
    await db.query('DROP TABLE half')
    await cliOk([...base, 'resolve', 'b20000000002', '--rolled-back'])
    assert.deepEqual(await versions(db), ['a10000000001'])

    assert.equal((await cli([...base, 'upgrade'])).status, 1)
    await db.query('CREATE TABLE IF NOT EXISTS missing_table (id INT)')
    await db.query('INSERT INTO missing_table VALUES (1)')
    await cliOk([...base, 'resolve', 'b20000000002', '--applied'])
    assert.deepEqual(await versions(db), ['b20000000002'])
    const settled = (await entries(made, db.url)).filter((entry) => entry.revision === 'b20000000002' && entry.direction === 'upgrade')
    assert.deepEqual(settled.map((entry) => entry.status).slice(-3), ['resolved', 'resolved', 'succeeded'])
  })
})
