import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects, type RevisionDef } from '../helpers/project.js'
import { target } from '../concurrency/fixtures.js'

// On PostgreSQL the operations athanor compiles go on the wire without
// waiting for their answers (pg's pipeline mode, LiveExecutor.sendAhead):
// the server runs a step's statements while the script sends the next.
// What a user sees must not change: the failing statement is the one
// named, nothing of its migration remains, nothing after it ran, and a
// stop still cancels what runs.

const project = temporaryProjects()

const first: RevisionDef = {
  id: 'r1',
  down: null,
  ext: 'js',
  message: 'first',
  upgrade: [
    "  await op.createTable('kept', [{ name: 'id', type: 'integer', primaryKey: true }])",
    // One command, no `;`: a default that sleeps, for the stop below.
    "  await op.execute('CREATE FUNCTION slow_one() RETURNS integer LANGUAGE sql AS $$ SELECT 1 FROM pg_sleep(5) $$')",
  ].join('\n'),
  downgrade: "  await op.execute('DROP FUNCTION slow_one()')\n  await op.dropTable('kept')",
}

function second(upgrade: string[]): RevisionDef {
  return { id: 'r2', down: 'r1', ext: 'js', message: 'second', upgrade: upgrade.join('\n'), downgrade: '  // nothing' }
}

describe('PostgreSQL: statements sent ahead of their answers', () => {
  const db = useTestDatabase('postgresql')

  async function tables(): Promise<string[]> {
    const rows = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return rows.map((row) => String(row['tablename']))
  }

  async function version(): Promise<string[]> {
    const rows = await db.query('SELECT version_num FROM athanor_version')
    return rows.map((row) => String(row['version_num']))
  }

  async function reset(): Promise<void> {
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
  }

  test('a failure among them is the statement named, and nothing of its migration or after it remains', async () => {
    await reset()
    const made = project([
      first,
      second([
        "  await op.createTable('made_before', [{ name: 'id', type: 'integer', primaryKey: true }])",
        "  await op.bulkInsert('made_before', [{ id: 1 }, { id: 2 }])",
        "  await op.addColumn('no_such_table', { name: 'note', type: 'text' })",
        "  await op.createTable('made_after', [{ name: 'id', type: 'integer', primaryKey: true }])",
        "  await op.bulkInsert('kept', [{ id: 7 }])",
      ]),
    ])
    const result = await runBin([...target(made.migrations, db.url), 'upgrade'], { cwd: made.root })
    assertCleanError(result, /upgrade of revision r2 .*relation "no_such_table" does not exist.*ALTER TABLE "no_such_table" ADD COLUMN/)
    assert.doesNotMatch(result.stderr, /current transaction is aborted/)
    assert.deepEqual(await version(), ['r1'])
    assert.deepEqual(await tables(), ['athanor_version', 'athanor_version_history', 'kept'])
    assert.deepEqual(await db.query('SELECT id FROM kept'), [])
    // The history names the step as rolled back, with the statement that failed.
    const [row] = await db.query("SELECT status, error FROM athanor_version_history WHERE revision = 'r2'")
    assert.equal(row?.['status'], 'rolled-back')
    assert.match(String(row?.['error']), /no_such_table/)
  })

  test('a row that cannot be bound fails its migration, and nothing of it is committed', async () => {
    await reset()
    const made = project([
      first,
      second([
        "  await op.createTable('made_before', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'at', type: 'timestamp' }])",
        "  await op.bulkInsert('made_before', [{ id: 1, at: new Date('not a date') }])",
        "  await op.bulkInsert('kept', [{ id: 7 }])",
      ]),
    ])
    const result = await runBin([...target(made.migrations, db.url), 'upgrade'], { cwd: made.root })
    assertCleanError(result, /upgrade of revision r2 .*failed: An invalid Date has no SQL literal$/)
    assert.deepEqual(await version(), ['r1'])
    assert.deepEqual(await tables(), ['athanor_version', 'athanor_version_history', 'kept'])
    assert.deepEqual(await db.query('SELECT id FROM kept'), [])
  })

  test('a failure is thrown by the next operation that waits for an answer, as the failing one', async () => {
    await reset()
    const made = project([
      first,
      second([
        "  await op.addColumn('no_such_table', { name: 'note', type: 'text' })",
        "  try { await op.execute('SELECT 1') } catch (error) { throw new Error('caught by the script: ' + error.message) }",
      ]),
    ])
    const result = await runBin([...target(made.migrations, db.url), 'upgrade'], { cwd: made.root })
    assertCleanError(result, /upgrade of revision r2 .*caught by the script: relation "no_such_table" does not exist/)
    assert.deepEqual(await version(), ['r1'])
  })

  test('a step timeout cancels a statement that went ahead, and its migration is rolled back', async () => {
    await reset()
    const made = project([
      first,
      second([
        "  await op.createTable('made_before', [{ name: 'id', type: 'integer', primaryKey: true }])",
        "  await op.bulkInsert('kept', [{ id: 1 }])",
        // A volatile default rewrites the table, calling slow_one() for the row: five seconds.
        "  await op.addColumn('kept', { name: 'slow', type: 'integer', serverDefault: { kind: 'expression', sql: 'slow_one()' } })",
      ]),
    ])
    const result = await runBin([...target(made.migrations, db.url), 'upgrade', '--step-timeout', '300ms'], { cwd: made.root })
    assertCleanError(result, /upgrade of revision r2 .*ran longer than stepTimeout \(300 ms\) and was cancelled: rolled back r2; at r1$/)
    assert.deepEqual(await version(), ['r1'])
    assert.deepEqual(await tables(), ['athanor_version', 'athanor_version_history', 'kept'])
    assert.deepEqual(await db.query('SELECT id FROM kept'), [])
  })
})
