import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertCleanError, cli, runBin } from '../helpers/cli.js'
import { tableNames, temporaryProjects, versionRows } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// stepTimeout bounds a migration, script and all. A live timer or a server
// statement is cut short (test/runtime/never-settles.test.ts); on SQLite a
// statement runs to its end synchronously, and the migration is still
// rolled back once it returns, never committed past its limit.

const project = temporaryProjects()

const LONG_QUERY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000) SELECT count(*) FROM c'

test('SQLite: a migration past --step-timeout is rolled back once its statement returns', async () => {
  const made = project([
    ...portableChain(['r1']),
    {
      id: 'r2',
      down: 'r1',
      ext: 'js',
      message: 'slow',
      upgrade: `  await op.execute('CREATE TABLE half (id INT)')\n  await op.execute('${LONG_QUERY}')`,
    },
  ])
  const result = await runBin([...target(made.migrations, made.url), 'upgrade', '--step-timeout', '100ms'], { cwd: made.root })
  assertCleanError(
    result,
    /^error: upgrade of revision r2 \(.*r2_slow\.js\) ran longer than stepTimeout \(100 ms\) and was cancelled: rolled back r2; at r1$/,
  )
  assert.deepEqual(versionRows(made.dbPath), ['r1'])
  assert.ok(!tableNames(made.dbPath).includes('half'))
})

test('a --step-timeout that is not a duration names the flag', async () => {
  const made = project(portableChain(['r1']))
  assertCleanError(
    await cli([...target(made.migrations, made.url), 'upgrade', '--step-timeout', '5 minutes']),
    { code: 'INVALID_OPTION' },
    '--step-timeout',
    '"5 minutes"',
  )
})

test('a stepTimeout in the config that is not a duration names the file and the option', async () => {
  const made = project(portableChain(['r1']))
  made.config("export default { stepTimeout: 'soon' }\n")
  assertCleanError(await cli([...target(made.migrations, made.url), 'upgrade']), 'athanor.config.ts', 'stepTimeout', '"soon"')
})
