import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, tableNames, versionRows, type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { sqliteLockFile } from '../../src/dialect/sqlite/lock.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'

const project = temporaryProjects()

const NON_TRANSACTIONAL: RevisionDef = {
  id: 'b20000000002',
  down: 'a10000000001',
  message: 'half done',
  upgrade: [
    "  await op.execute('CREATE TABLE half (id INTEGER)')",
    "  await op.execute('INSERT INTO half VALUES (1)')",
    "  await op.execute('INSERT INTO missing_table VALUES (1)')",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE half')",
  extra: 'export const transactional = false',
}

async function entries(made: Project): Promise<HistoryRow[]> {
  return (JSON.parse((await cliOk([...made.base, 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }).entries
}

describe('a non-transactional script (transactional = false)', () => {
  test('runs outside a transaction; failing midway it is reported exactly and blocks until resolved', async () => {
    const made = project([...chain(['a10000000001']), NON_TRANSACTIONAL])
    const failed = assertCleanError(
      await cli([...made.base, 'upgrade']),
      'b20000000002',
      'statement 3',
      'missing_table',
      "'athanor resolve b20000000002 --continue' (run the rest, from statement 3), '--retry' (run it all again, statements 1-2 included)",
    )
    assert.match(failed, /statements 1-2 took effect/)
    assert.deepEqual(versionRows(made.dbPath), ['a10000000001'])
    // Outside a transaction nothing rolled back: the table it made is there.
    assert.ok(tableNames(made.dbPath).includes('half'))
    const row = (await entries(made)).at(-1)!
    assert.equal(row.status, 'failed')
    assert.match(row.statement ?? '', /INSERT INTO missing_table/)

    assertCleanError(await cli([...made.base, 'upgrade']), 'b20000000002', 'resolve', '--rolled-back')
    assertCleanError(await cli([...made.base, 'downgrade', 'base']), 'b20000000002', 'resolve')

    // The user undoes the partial change by hand and says so.
    const db = new Database(made.dbPath)
    db.exec('DROP TABLE half')
    db.close()
    await cliOk([...made.base, 'resolve', 'b20000000002', '--rolled-back'])
    assert.deepEqual(versionRows(made.dbPath), ['a10000000001'])

    // Fixed (under a new file name: this process caches the old module).
    rmSync(made.write(NON_TRANSACTIONAL))
    made.write({
      ...NON_TRANSACTIONAL,
      message: 'fixed',
      upgrade: "  await op.execute('CREATE TABLE half (id INTEGER)')\n  await op.execute('VACUUM')",
    })
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
    const statuses = (await entries(made)).map((entry) => `${entry.revision} ${entry.status}`)
    assert.deepEqual(statuses, ['a10000000001 succeeded', 'b20000000002 resolved', 'b20000000002 succeeded'])
  })

  test('resolve --applied records it done; --retry runs it again', async () => {
    const made = project([...chain(['a10000000001']), NON_TRANSACTIONAL])
    await cli([...made.base, 'upgrade'])
    await cliOk([...made.base, 'resolve', 'b20000000002', '--applied'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])

    await cliOk([...made.base, 'downgrade', '-1'])
    const again = await cli([...made.base, 'upgrade'])
    assert.equal(again.status, 1)
    const retried = await cli([...made.base, 'resolve', 'b20000000002', '--retry'])
    // Nothing was fixed: the retry meets the table its first attempt left, and blocks again.
    assertCleanError(retried, 'b20000000002', 'statement 1', 'already exists')
    assertCleanError(await cli([...made.base, 'upgrade']), 'b20000000002', 'resolve')
    assertCleanError(await cli([...made.base, 'resolve', 'nope', '--retry']), 'nope')
  })

  test('resolve of a revision that does not exist says so, as upgrade does; of one with nothing failed, that nothing is', async () => {
    const made = project([...chain(['a10000000001']), NON_TRANSACTIONAL])
    const unknown = "No such revision or branch 'zzz'"
    assertCleanError(await cli([...made.base, 'resolve', 'zzz', '--continue']), { code: 'REVISION_NOT_FOUND' }, unknown)
    await cli([...made.base, 'upgrade'])
    assertCleanError(await cli([...made.base, 'resolve', 'zzz', '--continue']), { code: 'REVISION_NOT_FOUND' }, unknown)
    assertCleanError(await cli([...made.base, 'resolve', 'zzz', '--applied']), { code: 'REVISION_NOT_FOUND' }, unknown)
    assertCleanError(
      await cli([...made.base, 'resolve', 'a10000000001', '--continue']),
      { code: 'NOTHING_TO_RESOLVE' },
      'a10000000001',
      'unresolved: b20000000002',
    )
  })

  test('a retry failing on what the run it retried made keeps that run in the journal; --continue then runs the rest', async () => {
    const made = project([...chain(['a10000000001']), NON_TRANSACTIONAL])
    await cli([...made.base, 'upgrade'])
    const db = new Database(made.dbPath)
    db.exec('CREATE TABLE missing_table (id INTEGER)')
    db.close()
    const retried = await cli([...made.base, 'resolve', 'b20000000002', '--retry'])
    const message = assertCleanError(retried, 'b20000000002', 'statement 1', 'already exists')
    assert.match(message, /statements 1-2 of the run it retried stay in effect/)
    assert.match(message, /'athanor resolve b20000000002 --continue' \(run the rest, from statement 3\)/)
    const row = (await entries(made)).at(-1)!
    assert.equal(row.status, 'failed')
    assert.equal(row.statementsDone, 2)
    const current = await cli([...made.base, 'current'])
    assert.match(
      current.stdout + current.stderr,
      /'athanor resolve b20000000002 --continue' \(run the rest: statements 3-3\)|from statement 3/,
    )

    await cliOk([...made.base, 'resolve', 'b20000000002', '--continue'])
    assert.deepEqual(versionRows(made.dbPath), ['b20000000002'])
    const after = new Database(made.dbPath)
    // Statements 1 and 2 ran once: one row, and the third statement's.
    assert.deepEqual(after.prepare('SELECT count(*) AS n FROM half').get(), { n: 1 })
    assert.deepEqual(after.prepare('SELECT count(*) AS n FROM missing_table').get(), { n: 1 })
    after.close()
  })

  test('is refused in single-transaction mode before anything runs', async () => {
    const made = project([...chain(['a10000000001']), NON_TRANSACTIONAL])
    made.config("export default { transactionMode: 'single' }\n")
    assertCleanError(await cli([...made.base, 'upgrade']), 'b20000000002', 'transactional = false')
    assert.deepEqual(versionRows(made.dbPath), [])
  })
})

describe('the SQLite lock', () => {
  test('a held lock makes a run wait, say so once, and give up after --lock-timeout', async () => {
    const made = project(chain(['a10000000001']))
    const holder = new Database(sqliteLockFile(made.dbPath))
    holder.exec('BEGIN IMMEDIATE')
    try {
      const result = await cli([...made.base, 'upgrade', '--lock-timeout', '0.3'])
      assertCleanError(result, made.dbPath, '--lock-timeout')
      assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('waiting for another athanor run')).length, 1)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    await cliOk([...made.base, 'upgrade', '--lock-timeout', '0'])
    assert.deepEqual(versionRows(made.dbPath), ['a10000000001'])
  })
})
