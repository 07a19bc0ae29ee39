import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/core/dialect-name.js'
import { runBin } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { portableChain, target } from '../concurrency/fixtures.js'

// Every step's version-row change is read back before the step commits: a
// script that empties or rewrites the version table cannot end the run at a
// revision the database is not at.

const project = temporaryProjects()

for (const dialect of ['sqlite', 'postgresql'] as const satisfies readonly DialectName[]) {
  describe(`version rows read back on ${dialect}`, () => {
    const db = useTestDatabase(dialect)

    for (const [what, sql] of [
      ['empties the version table', 'DELETE FROM athanor_version'],
      ['adds a version row', "INSERT INTO athanor_version (version_num) VALUES ('zz')"],
    ] as const) {
      test(`a script that ${what} fails, naming its revision, and the database stays at the revision before`, async () => {
        const chain = portableChain(['r01', 'r02', 'r03'])
        chain[1] = { ...chain[1]!, upgrade: `${chain[1]!.upgrade}\n  await op.execute(${JSON.stringify(sql)})` }
        const made = project(chain)
        const run = await runBin([...target(made.migrations, db.url), 'upgrade', 'head'], { cwd: made.root })
        assert.equal(run.status, 1, run.stderr)
        assert.match(run.stderr, /^error: .*after revision r02 the version table holds .* where it should hold r02/m)
        assert.equal(
          run.stderr
            .trim()
            .split('\n')
            .filter((line) => line.startsWith('error')).length,
          1,
        )
        assert.deepEqual(
          (await db.query('SELECT version_num FROM athanor_version')).map((row) => row['version_num']),
          ['r01'],
        )
        assert.deepEqual(
          (await db.query('SELECT revision FROM migration_log ORDER BY revision')).map((row) => row['revision']),
          ['r01'],
          "r02's own work is rolled back with it",
        )
        await db.query('DROP TABLE migration_log')
        await db.query('DROP TABLE t_r01')
        await db.query('DROP TABLE athanor_version')
        await db.query('DROP TABLE athanor_version_history')
      })
    }
  })
}

// On MariaDB a migration's statements commit as they run, so the step cannot
// be rolled back: its own version-row change is not made, its history row
// says failed, and nothing more runs until it is resolved. So for a script
// that runs outside a transaction (transactional = false) elsewhere.
for (const dialect of ['mysql', 'sqlite', 'postgresql'] as const satisfies readonly DialectName[]) {
  describe(`version rows checked before a journaled step is recorded on ${dialect}`, () => {
    const db = useTestDatabase(dialect)
    const outside = dialect === 'mysql' ? {} : { extra: 'export const transactional = false' }

    for (const [what, sql, left] of [
      ['empties the version table', 'DELETE FROM athanor_version', []],
      ['adds a version row', "INSERT INTO athanor_version (version_num) VALUES ('zz')", ['r01', 'zz']],
    ] as const) {
      test(`a script that ${what} fails at recording its revision, which stays unresolved`, async () => {
        const chain = portableChain(['r01', 'r02', 'r03'])
        // Its last statement is DML: the check holds when the step's record also commits that statement.
        chain[1] = { ...chain[1]!, ...outside, upgrade: `  await op.execute(${JSON.stringify(sql)})\n${chain[1]!.upgrade}` }
        const made = project(chain)
        const run = await runBin([...target(made.migrations, db.url), 'upgrade', 'head'], { cwd: made.root })
        assert.equal(run.status, 1, run.stderr)
        const errors = run.stderr.split('\n').filter((line) => line.startsWith('error'))
        assert.equal(errors.length, 1, run.stderr)
        assert.match(errors[0]!, /revision r02 .* failed at recording it: the version table holds .* where it should hold r01/)
        assert.match(errors[0]!, /statements 1-4 took effect/)
        assert.match(errors[0]!, /athanor resolve r02/)
        assert.deepEqual(
          (await db.query('SELECT version_num FROM athanor_version ORDER BY version_num')).map((row) => row['version_num']),
          [...left],
        )
        // r02's statements all took effect, its last INSERT with them; r03 never ran.
        assert.deepEqual(
          (await db.query('SELECT revision FROM migration_log ORDER BY revision')).map((row) => row['revision']),
          ['r01', 'r02'],
        )
        const rows = await db.query("SELECT status, statements_done FROM athanor_version_history WHERE revision = 'r02'")
        assert.deepEqual(
          rows.map((row) => [row['status'], Number(row['statements_done'])]),
          [['failed', 4]],
        )
        for (const table of ['migration_log', 't_r01', 't_r02', 'athanor_version', 'athanor_version_history'])
          await db.query(`DROP TABLE ${table}`)
      })
    }
  })
}
