import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk, runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import type { HistoryRow } from '../../src/runtime/history-entry.js'
import type { CurrentResult } from '../../src/command/current.js'
import { portableChain, target } from './fixtures.js'
import { KILL_AFTER, killableScript } from './kill-hook.js'

const project = temporaryProjects()

const FOUR_STATEMENTS = [
  'CREATE TABLE j (id INT PRIMARY KEY, n INT)',
  'INSERT INTO j VALUES (1, 1)',
  'ALTER TABLE j ADD COLUMN note VARCHAR(20)',
  "UPDATE j SET note = 'done'",
]

const B2 = killableScript({ id: 'b20000000002', down: 'a10000000001', statements: FOUR_STATEMENTS, downgrade: ['DROP TABLE j'] })

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

async function entries(made: Project, url: string): Promise<HistoryRow[]> {
  return (
    JSON.parse((await cliOk([...target(made.migrations, url), 'history', '--applied', '--json'])).stdout) as { entries: HistoryRow[] }
  ).entries
}

async function columns(db: TestDatabase, table: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '${table}' ` +
      'ORDER BY ordinal_position',
  )
  return rows.map((row) => String(row['name']))
}

/** Upgrades in a runner of its own that kills itself once statement `n` of b20000000002 has completed. */
async function upgradeKilledAfter(made: Project, url: string, n: number): Promise<void> {
  const run = await runBin([...target(made.migrations, url), 'upgrade'], { cwd: made.root, env: { [KILL_AFTER]: `b20000000002:${n}` } })
  assert.equal(run.status, -1, `the runner was to be killed:\n${run.stderr}`)
}

describe('MariaDB: the statement journal of a runner killed mid-migration', () => {
  const db = useTestDatabase('mysql')

  test('current, history and the refusal say which statements ran; resolve --continue runs the rest', async () => {
    const made = project([...portableChain(['a10000000001']), B2])
    const base = target(made.migrations, db.url)
    await upgradeKilledAfter(made, db.url, 3)

    // Exactly what the journal will say: three statements in, the version row unmoved.
    assert.deepEqual(await versions(db), ['a10000000001'])
    assert.deepEqual(await columns(db, 'j'), ['id', 'n', 'note'])
    assert.deepEqual(await db.query('SELECT id, n, note FROM j'), [{ id: 1, n: 1, note: null }])

    const stopped = 'stopped after statement 3 of 4: ALTER TABLE j ADD COLUMN note VARCHAR(20)'
    const shown = (await cliOk([...base, 'current'])).stdout
    assert.match(shown, /^a10000000001\n/)
    assert.ok(shown.includes(`Unfinished: upgrade of revision b20000000002 (`), shown)
    assert.ok(shown.includes(stopped), shown)
    assert.ok(shown.includes("'athanor resolve b20000000002 --continue' (run the rest: from statement 4)"), shown)

    const [unfinished] = (JSON.parse((await cliOk([...base, 'current', '--json'])).stdout) as CurrentResult).databases[0]!.unfinished
    assert.equal(unfinished?.revision, 'b20000000002')
    assert.equal(unfinished?.status, 'started')
    assert.equal(unfinished?.statementsDone, 3)
    assert.equal(unfinished?.statementsTotal, 4)
    assert.equal(unfinished?.lastStatement, 'ALTER TABLE j ADD COLUMN note VARCHAR(20)')
    assert.equal(unfinished?.scriptMatches, true)
    assert.equal(unfinished?.runnerAlive, false)

    assert.match(
      (await cliOk([...base, 'history', '-i'])).stdout,
      /b20000000002 \(head\) \(unfinished: upgrade stopped after statement 3 of 4\)/,
    )
    assert.match(
      (await cliOk([...base, 'history', '--applied'])).stdout,
      /started .*statements done: 3, last: ALTER TABLE j ADD COLUMN note VARCHAR\(20\)/,
    )
    const row = (await entries(made, db.url)).at(-1)!
    assert.equal(row.statementsDone, 3)
    assert.match(row.connectionId ?? '', /^\d+$/)

    for (const verb of [['upgrade'], ['downgrade', 'base']]) {
      assertCleanError(await cli([...base, ...verb]), stopped, 'resolve b20000000002 --continue', '--retry', '--rolled-back')
    }

    const resolved = await cliOk([...base, 'resolve', 'b20000000002', '--continue'])
    assert.match(resolved.stderr, /Resolved the upgrade of b20000000002: ran the rest\. Now at b20000000002\./)
    assert.deepEqual(await versions(db), ['b20000000002'])
    assert.deepEqual(await db.query('SELECT id, n, note FROM j'), [{ id: 1, n: 1, note: 'done' }])
    const settled = (await entries(made, db.url)).filter((entry) => entry.revision === 'b20000000002')
    assert.deepEqual(
      settled.map((entry) => [entry.status, entry.statementsDone, entry.note]),
      [
        ['resolved', 3, 'continued by athanor resolve --continue after statement 3'],
        ['succeeded', 4, null],
      ],
    )
    assert.deepEqual((await cliOk([...base, 'current', '--json'])).stdout.includes('"unfinished": []'), true)
    await cliOk([...base, 'downgrade', 'base'])
  })

  test('--continue refuses, changing nothing, when a statement that ran is no longer in the script', async () => {
    const made = project([...portableChain(['a10000000001']), B2])
    const base = target(made.migrations, db.url)
    await upgradeKilledAfter(made, db.url, 3)
    const before = await entries(made, db.url)

    // Statement 1 changed: what ran is not what the script now sends.
    rmSync(made.write(B2))
    const edited = ['CREATE TABLE j (id INT PRIMARY KEY, n BIGINT)', ...FOUR_STATEMENTS.slice(1)]
    made.write(
      killableScript({
        id: 'b20000000002',
        down: 'a10000000001',
        statements: edited,
        downgrade: ['DROP TABLE j'],
        message: 'edited first',
      }),
    )
    assertCleanError(
      await cli([...base, 'resolve', 'b20000000002', '--continue']),
      'cannot continue the upgrade of revision b20000000002',
      'statements 1-3 as the script runs them now are not those the stopped run completed',
      'nothing was run',
    )
    assert.deepEqual(await entries(made, db.url), before)
    assert.deepEqual(await columns(db, 'j'), ['id', 'n', 'note'])
    assert.match((await cliOk([...base, 'current'])).stdout, /the script changed since: its first 3 statements are not what ran/)
    // Without --continue in the way out: it cannot work.
    const refused = assertCleanError(await cli([...base, 'upgrade']), 'stopped after statement 3 of 4', '--retry')
    assert.doesNotMatch(refused, /--continue/)

    // A change to a statement that did not run yet is the script's to make.
    rmSync(made.write({ ...B2, message: 'edited first' }))
    const later = [...FOUR_STATEMENTS.slice(0, 3), "UPDATE j SET note = 'changed'"]
    made.write(
      killableScript({ id: 'b20000000002', down: 'a10000000001', statements: later, downgrade: ['DROP TABLE j'], message: 'edited last' }),
    )
    await cliOk([...base, 'resolve', 'b20000000002', '--continue'])
    assert.deepEqual(await db.query('SELECT id, n, note FROM j'), [{ id: 1, n: 1, note: 'changed' }])
    await cliOk([...base, 'downgrade', 'base', '--allow-edited'])
  })

  test('statements with bound values (bulkInsert) are journaled and skipped like the others', async () => {
    const bound: RevisionDef = {
      id: 'b20000000002',
      down: 'a10000000001',
      ext: 'js',
      message: 'bound values',
      upgrade: [
        "  await op.createTable('bound', [",
        "    { name: 'id', type: 'integer', primaryKey: true }, { name: 'note', type: { kind: 'string', length: 40 } }])",
        // Question marks in the values and in the next statement's text: none may be taken for a placeholder.
        "  await op.bulkInsert('bound', [{ id: 1, note: 'why?' }, { id: 2, note: \"it's ?? fine\" }])",
        // A DML statement's entry commits with the next round trip: a DDL statement after it makes both last.
        "  await op.execute('CREATE TABLE bound_after (id INT)')",
        `  if (process.env['${KILL_AFTER}'] === 'b20000000002:3') process.kill(process.pid, 'SIGKILL')`,
        '  await op.execute("UPDATE bound SET note = CONCAT(note, \'?\') WHERE id = 1")',
      ].join('\n'),
      downgrade: "  await op.dropTable('bound_after')\n  await op.dropTable('bound')",
    }
    const made = project([...portableChain(['a10000000001']), bound])
    const base = target(made.migrations, db.url)
    await upgradeKilledAfter(made, db.url, 3)
    const row = (await entries(made, db.url)).at(-1)!
    assert.deepEqual([row.status, row.statementsDone, row.lastStatement], ['started', 3, 'CREATE TABLE bound_after (id INT)'])
    await cliOk([...base, 'resolve', 'b20000000002', '--continue'])
    assert.deepEqual(await db.query('SELECT id, note FROM bound ORDER BY id'), [
      { id: 1, note: 'why??' },
      { id: 2, note: "it's ?? fine" },
    ])
    await cliOk([...base, 'downgrade', 'base'])
  })

  test("the next command waits for the dead runner's statement to leave the server, and says so when it does not", async () => {
    const made = project([...portableChain(['a10000000001']), B2])
    const base = target(made.migrations, db.url)
    await upgradeKilledAfter(made, db.url, 1)
    // A runner killed during a long statement leaves it running on the
    // server; its session id is in the journal. Here a session of the test's
    // stands in for it, so the statement outlives the runner's lock.
    const sleeper = await db.connect()
    try {
      const [session] = await sleeper.query('SELECT CONNECTION_ID() AS id')
      const sleeping = sleeper.query('SELECT SLEEP(3)')
      await db.query(`UPDATE athanor_version_history SET connection_id = '${String(session?.['id'])}' WHERE status = 'started'`)
      assertCleanError(
        await cli([...base, 'resolve', 'b20000000002', '--continue', '--lock-timeout', '500ms']),
        'revision b20000000002',
        `session ${String(session?.['id'])}`,
        'SELECT SLEEP(3)',
        `KILL ${String(session?.['id'])}`,
      )
      const waited = await cliOk([...base, 'resolve', 'b20000000002', '--continue'])
      assert.match(waited.stderr, /waiting for session \d+ of the runner that stopped during revision b20000000002/)
      await sleeping
    } finally {
      await sleeper.close()
    }
    assert.deepEqual(await versions(db), ['b20000000002'])
    await cliOk([...base, 'downgrade', 'base'])
  })

  test('a history table of the layout before the journal is read as it is and given the journal columns by the next upgrade', async () => {
    const made = project([...portableChain(['a10000000001']), B2])
    const base = target(made.migrations, db.url)
    await upgradeKilledAfter(made, db.url, 2)
    // What an athanor from before the journal left: the same row, without its columns.
    for (const column of ['statements_done', 'statements_hash', 'last_statement', 'connection_id']) {
      await db.query(`ALTER TABLE athanor_version_history DROP COLUMN ${column}`)
    }
    assert.match((await cliOk([...base, 'current'])).stdout, /b20000000002 .* started at \S+ and never finished \(its runner stopped\)/)
    assert.doesNotMatch(assertCleanError(await cli([...base, 'upgrade']), 'never finished', '--retry'), /--continue/)
    assertCleanError(
      await cli([...base, 'resolve', 'b20000000002', '--continue']),
      'does not say which statements ran',
      '--retry, --applied or --rolled-back',
    )
    await db.query('DROP TABLE j')
    await cliOk([...base, 'resolve', 'b20000000002', '--rolled-back'])
    await cliOk([...base, 'upgrade'])
    assert.deepEqual((await columns(db, 'athanor_version_history')).slice(-4), [
      'statements_done',
      'statements_hash',
      'last_statement',
      'connection_id',
    ])
    assert.equal((await entries(made, db.url)).at(-1)?.statementsDone, 4)
    await cliOk([...base, 'downgrade', 'base'])
  })
})
