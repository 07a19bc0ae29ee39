import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, runBin } from '../helpers/cli.js'
import { tableNames, temporaryProjects, versionRows } from '../helpers/project.js'

// What a script hands op.execute() and op.query() is checked at the op:
// scripts are often plain JavaScript, where nothing stops `op.execute(42)`.

const project = temporaryProjects()

const NOT_SQL = ['undefined', 'null', '42', "''", "'  \\n '", "{ sql: 'SELECT 1' }", "['SELECT 1']"]

describe('op.execute() and op.query() given something that is not SQL', () => {
  for (const argument of NOT_SQL) {
    test(`op.execute(${argument})`, async () => {
      const made = project([
        { id: 'sql000000001', down: null, ext: 'js' },
        {
          id: 'sql000000002',
          down: 'sql000000001',
          ext: 'js',
          upgrade: `  await op.execute('CREATE TABLE half_done (a INTEGER)')\n  await op.execute(${argument})`,
        },
      ])
      const live = await runBin([...made.base, 'upgrade'], { cwd: made.root })
      assertCleanError(live, 'sql000000002', 'op.execute()', 'non-empty string')
      // The first migration is committed; nothing of the refused one is.
      assert.deepEqual(versionRows(made.dbPath), ['sql000000001'])
      assert.ok(!tableNames(made.dbPath).includes('half_done'))
      const offline = await runBin([...made.base, 'upgrade', '--sql'], { cwd: made.root })
      assertCleanError(offline, 'sql000000002', 'op.execute()', 'non-empty string')
    })
  }

  test('op.query(undefined)', async () => {
    const made = project([{ id: 'qry000000001', down: null, ext: 'js', upgrade: '  await op.query(undefined)' }])
    assertCleanError(await runBin([...made.base, 'upgrade'], { cwd: made.root }), 'qry000000001', 'op.query()', 'non-empty string')
    assert.deepEqual(versionRows(made.dbPath), [])
  })
})
