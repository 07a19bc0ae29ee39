import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import type { DialectName } from '../../src/core/dialect-name.js'
import { counter, executes, FIRST, hasTable, history, makeCase, SECOND, versions } from './transaction-fixtures.js'

const project = temporaryProjects()

/** What a script may not send inside the runner's transaction, as each case sends it. */
const REFUSED: ReadonlyArray<{ readonly name: string; readonly sql: string; readonly found: string }> = [
  { name: 'commit', sql: 'COMMIT', found: 'COMMIT' },
  { name: 'rollback', sql: '-- undo it\nrollback;', found: 'rollback' },
  { name: 'begin', sql: 'BEGIN', found: 'BEGIN' },
  { name: 'savepoint', sql: 'SAVEPOINT s1; RELEASE SAVEPOINT s1', found: 'SAVEPOINT s1' },
  { name: 'rollback_to', sql: 'ROLLBACK TO SAVEPOINT athanor_step', found: 'ROLLBACK TO SAVEPOINT athanor_step' },
  { name: 'autocommit', sql: '/* no */ SET autocommit = 0', found: 'SET autocommit = 0' },
]

const increment = (tag: string) => `UPDATE counter_${tag} SET n = n + 1`

function refusalsOn(dialect: DialectName): void {
  describe(`${dialect}: a script's transaction statements`, () => {
    const db = useTestDatabase(dialect)
    // MySQL runs each statement on its own (DDL commits implicitly): the
    // UPDATE before the refused statement took effect, and the journal says so.
    const journaled = dialect === 'mysql'

    for (const refused of REFUSED) {
      test(`${refused.name}: refused before it runs; the previous revision stays; the fixed script applies once`, async () => {
        const tag = `${refused.name}_${dialect.slice(0, 2)}`
        const c = makeCase(project, db.url, tag, executes(increment(tag), refused.sql, `CREATE TABLE after_${tag} (id INTEGER)`))
        await cliOk([...c.base, 'upgrade', FIRST])

        const result = await cli([...c.base, 'upgrade'])
        const line = assertCleanError(result, SECOND, `"${refused.found}"`, 'refused before it ran', 'transactional = false')
        assert.equal(await hasTable(db, `after_${tag}`), false, 'nothing after the refused statement ran')
        assert.deepEqual(await versions(db, tag), [FIRST])
        const row = (await history(c)).at(-1)!
        assert.equal(row.revision, SECOND)
        if (journaled) {
          assert.match(line, /statement 2 of the migration/)
          assert.match(line, /statement 1 took effect/)
          assert.equal(await counter(db, tag), 1)
          assert.equal(row.status, 'failed')
          assert.equal(row.statement, refused.found)
          // As the message says: undo statement 1 by hand, record it undone.
          await db.query(`UPDATE counter_${tag} SET n = n - 1`)
          await cliOk([...c.base, 'resolve', SECOND, '--rolled-back'])
        } else {
          assert.equal(await counter(db, tag), 0, 'the UPDATE before it was rolled back')
          assert.equal(row.status, 'rolled-back')
        }

        c.fix(executes(increment(tag), `CREATE TABLE after_${tag} (id INTEGER)`))
        await cliOk([...c.base, 'upgrade'])
        assert.deepEqual(await versions(db, tag), [SECOND])
        assert.equal(await counter(db, tag), 1, 'applied exactly once')
        assert.equal(await hasTable(db, `after_${tag}`), true)
      })
    }

    test('op.query() is refused the same way', async () => {
      const tag = `query_${dialect.slice(0, 2)}`
      const c = makeCase(project, db.url, tag, `${executes(increment(tag))}\n  await op.query('COMMIT')`)
      await cliOk([...c.base, 'upgrade', FIRST])
      assertCleanError(await cli([...c.base, 'upgrade']), SECOND, '"COMMIT"', 'refused')
      assert.equal(await counter(db, tag), journaled ? 1 : 0)
      assert.deepEqual(await versions(db, tag), [FIRST])
    })

    test('a script that exports transactional = false may run its own transactions', async () => {
      const tag = `own_${dialect.slice(0, 2)}`
      const body = executes(
        'BEGIN',
        `UPDATE counter_${tag} SET n = n + 10`,
        'SAVEPOINT s1',
        `UPDATE counter_${tag} SET n = n + 100`,
        'ROLLBACK TO SAVEPOINT s1',
        'RELEASE SAVEPOINT s1',
        'COMMIT',
        ...(dialect === 'mysql' ? ['SET autocommit = 0', `UPDATE counter_${tag} SET n = n + 1`, 'COMMIT', 'SET autocommit = 1'] : []),
      )
      const c = makeCase(project, db.url, tag, body, { extra: 'export const transactional = false' })
      await cliOk([...c.base, 'upgrade'])
      assert.deepEqual(await versions(db, tag), [SECOND])
      assert.equal(await counter(db, tag), dialect === 'mysql' ? 11 : 10)
    })

    test('a transactional = false script that returns with its transaction open fails, and that transaction is rolled back', async () => {
      const tag = `open_${dialect.slice(0, 2)}`
      const c = makeCase(project, db.url, tag, executes('BEGIN', increment(tag)), { extra: 'export const transactional = false' })
      await cliOk([...c.base, 'upgrade', FIRST])
      assertCleanError(
        await cli([...c.base, 'upgrade']),
        SECOND,
        'has a transaction open',
        'must end each transaction it begins',
        'was rolled back',
      )
      assert.equal(await counter(db, tag), 0)
      assert.deepEqual(await versions(db, tag), [FIRST])
      const row = (await history(c)).at(-1)!
      assert.equal(row.status, 'failed')
      await cliOk([...c.base, 'resolve', SECOND, '--rolled-back'])
      c.fix(executes('BEGIN', increment(tag), 'COMMIT'), 'export const transactional = false')
      await cliOk([...c.base, 'upgrade'])
      assert.equal(await counter(db, tag), 1)
    })

    if (dialect !== 'mysql') {
      test("transactionMode 'single': the refusal rolls back the whole run", async () => {
        const tag = `single_${dialect.slice(0, 2)}`
        const c = makeCase(project, db.url, tag, executes(increment(tag), 'COMMIT'))
        assertCleanError(await cli([...c.base, 'upgrade', '--transaction-mode', 'single']), SECOND, '"COMMIT"', 'refused')
        assert.equal(await hasTable(db, `counter_${tag}`), false)
        assert.equal(await hasTable(db, `v_${tag}`), false)
      })
    }
  })
}

refusalsOn('sqlite')
refusalsOn('postgresql')
refusalsOn('mysql')

describe('offline (--sql): the same statements are refused, unless the script owns its transactions', () => {
  test('refused in a transactional script, written as is with transactional = false', async () => {
    const c = makeCase(
      project,
      'postgresql://postgres@127.0.0.1/offline',
      'offline',
      executes('UPDATE counter_offline SET n = 1', 'COMMIT'),
    )
    assertCleanError(await cli([...c.base, 'upgrade', '--sql']), SECOND, '"COMMIT"', 'refused')
    c.fix(executes('VACUUM', 'COMMIT'), 'export const transactional = false')
    const { stdout } = await cliOk([...c.base, 'upgrade', '--sql'])
    assert.match(stdout, /VACUUM;\n+COMMIT;/)
  })
})
