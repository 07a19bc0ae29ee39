import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// On PostgreSQL a migration's COMMIT travels with its record: a COMMIT the
// server refuses is that migration's failure, reported and recorded as one.

const project = temporaryProjects()

/** r01 to r03, r02 leaving a row that breaks a deferred foreign key: checked at COMMIT, after every statement succeeded. */
function chainFailingAtCommit() {
  const chain = portableChain(['r01', 'r02', 'r03'])
  chain[1] = {
    ...chain[1]!,
    upgrade:
      `${chain[1]!.upgrade}\n  await op.execute('CREATE TABLE parent_r02 (id INTEGER PRIMARY KEY)')\n` +
      `  await op.execute('CREATE TABLE child_r02 (parent INTEGER REFERENCES parent_r02 DEFERRABLE INITIALLY DEFERRED)')\n` +
      `  await op.execute('INSERT INTO child_r02 VALUES (5)')`,
  }
  return chain
}

describe('postgresql: a migration whose COMMIT fails', () => {
  const db = useTestDatabase('postgresql')

  test('fails naming its revision, is rolled back with its history row saying so, and nothing after it runs', async () => {
    const made = project(chainFailingAtCommit())
    const run = await runBin([...target(made.migrations, db.url), 'upgrade', 'head'], { cwd: made.root })
    assert.equal(run.status, 1, run.stderr)
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error'))
    assert.equal(errors.length, 1, run.stderr)
    assert.match(errors[0]!, /upgrade of revision r02 .* failed: .*violates foreign key constraint/)
    assert.deepEqual(
      (await db.query('SELECT version_num FROM athanor_version')).map((row) => row['version_num']),
      ['r01'],
    )
    assert.deepEqual(
      (await db.query("SELECT tablename FROM pg_tables WHERE tablename IN ('child_r02', 't_r02', 't_r03')")).length,
      0,
      'r02 is rolled back and r03 never ran',
    )
    assert.deepEqual(
      (await db.query('SELECT revision, status FROM athanor_version_history ORDER BY id')).map((row) => [row['revision'], row['status']]),
      [
        ['r01', 'succeeded'],
        ['r02', 'rolled-back'],
      ],
    )
  })
})

// On SQLite the migrations run as savepoints of one transaction that
// commits every 250 ms: a COMMIT the database refuses (a deferred foreign
// key here; a full disk in the field) rolls back every migration since the
// last commit, which the run had shown running. The error names them all.
describe('sqlite: a commit that fails', () => {
  test('names every migration it rolled back, and the database is where it says', async () => {
    const made = project(chainFailingAtCommit())
    const run = await runBin([...made.base, 'upgrade', 'head'], { cwd: made.root })
    assert.equal(run.status, 1, run.stderr)
    const errors = run.stderr.split('\n').filter((line) => line.startsWith('error'))
    assert.equal(errors.length, 1, run.stderr)
    assert.match(
      errors[0]!,
      /the commit of 3 migrations \(upgrade of revisions r01 to r03\) failed: .*FOREIGN KEY.*; they were rolled back/,
    )
    assert.match(run.stderr, /is at base/)
    const current = await runBin([...made.base, 'current'], { cwd: made.root })
    assert.match(current.stdout + current.stderr, /is at base/)
  })
})
