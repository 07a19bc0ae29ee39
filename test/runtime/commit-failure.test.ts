import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// On PostgreSQL a migration's COMMIT travels with its record: a COMMIT the
// server refuses is that migration's failure, reported and recorded as one.

const project = temporaryProjects()

describe('postgresql: a migration whose COMMIT fails', () => {
  const db = useTestDatabase('postgresql')

  test('fails naming its revision, is rolled back with its history row saying so, and nothing after it runs', async () => {
    const chain = portableChain(['r01', 'r02', 'r03'])
    // A deferred foreign key is checked at COMMIT, after every statement of the migration succeeded.
    chain[1] = {
      ...chain[1]!,
      upgrade:
        `${chain[1]!.upgrade}\n  await op.execute('CREATE TABLE parent_r02 (id INTEGER PRIMARY KEY)')\n` +
        `  await op.execute('CREATE TABLE child_r02 (parent INTEGER REFERENCES parent_r02 DEFERRABLE INITIALLY DEFERRED)')\n` +
        `  await op.execute('INSERT INTO child_r02 VALUES (5)')`,
    }
    const made = project(chain)
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
