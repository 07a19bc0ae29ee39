import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { counter, executes, FIRST, hasTable, history, makeCase, SECOND, versions } from './transaction-fixtures.js'

// Statements that change the transaction state although no script check
// could see it coming: each is caught by reading the session's state back
// after the statement, before anything else runs.

const project = temporaryProjects()

describe('PostgreSQL: a COMMIT the script check cannot see', () => {
  const db = useTestDatabase('postgresql')

  test('is caught after the statement; the step is recorded failed and waits for resolve', async () => {
    const tag = 'scs_po'
    // With standard_conforming_strings off a backslash escapes a quote, so
    // the server reads a COMMIT where the default rules read a string.
    const hidden = String.raw`SELECT 'a\', '; COMMIT; SELECT 'x'`
    assert.equal(undefined, (await import('../../src/dialect/registry.js')).dialectNamed('postgresql').transactionControl.find(hidden))
    const c = makeCase(
      project,
      db.url,
      tag,
      executes(
        `UPDATE counter_${tag} SET n = n + 1`,
        'SET standard_conforming_strings = off',
        hidden,
        `CREATE TABLE after_${tag} (id INTEGER)`,
      ),
    )
    await cliOk([...c.base, 'upgrade', FIRST])

    const line = assertCleanError(
      await cli([...c.base, 'upgrade']),
      SECOND,
      'is gone',
      'may have been committed',
      `athanor resolve ${SECOND}`,
    )
    assert.ok(line.includes(hidden), line)
    // As reported: the UPDATE before it was committed by it, nothing after it ran, the version did not move.
    assert.equal(await counter(db, tag), 1)
    assert.equal(await hasTable(db, `after_${tag}`), false)
    assert.deepEqual(await versions(db, tag), [FIRST])
    const row = (await history(c)).at(-1)!
    assert.equal(row.status, 'failed')
    assert.equal(row.statement, hidden)
    assertCleanError(await cli([...c.base, 'upgrade']), SECOND, 'resolve')

    await db.query(`UPDATE counter_${tag} SET n = n - 1`)
    await cliOk([...c.base, 'resolve', SECOND, '--rolled-back'])
    c.fix(executes(`UPDATE counter_${tag} SET n = n + 1`, `CREATE TABLE after_${tag} (id INTEGER)`))
    await cliOk([...c.base, 'upgrade'])
    assert.equal(await counter(db, tag), 1)
    assert.deepEqual(await versions(db, tag), [SECOND])
  })
})

describe('SQLite: a failing statement whose conflict clause rolls the transaction back', () => {
  const db = useTestDatabase('sqlite')

  test('is reported as such, not as a missing savepoint, and the version table says what was lost', async () => {
    const tag = 'conflict_sq'
    const c = makeCase(
      project,
      db.url,
      tag,
      executes(
        `UPDATE counter_${tag} SET n = n + 1`,
        `INSERT INTO once_${tag} VALUES (1)`,
        `INSERT INTO once_${tag} VALUES (1)`,
        `CREATE TABLE after_${tag} (id INTEGER)`,
      ),
      {
        // https://sqlite.org/lang_conflict.html: ROLLBACK ends the whole transaction.
        firstBody: executes(
          `CREATE TABLE counter_${tag} (n INTEGER)`,
          `INSERT INTO counter_${tag} VALUES (0)`,
          `CREATE TABLE once_${tag} (id INTEGER PRIMARY KEY ON CONFLICT ROLLBACK)`,
        ),
      },
    )
    // Both migrations in one run: the first is not committed yet when the second fails.
    const line = assertCleanError(
      await cli([...c.base, 'upgrade']),
      SECOND,
      'UNIQUE constraint failed',
      'rolled back the whole transaction',
    )
    assert.doesNotMatch(line, /savepoint/i)
    const rows = (await hasTable(db, `v_${tag}`)) ? await versions(db, tag) : []
    assert.ok(line.endsWith(`the version table holds ${rows.length === 0 ? 'no revision' : rows.join(', ')}`), line)
    assert.equal(await hasTable(db, `after_${tag}`), false)
    if (rows.length > 0) assert.equal(await counter(db, tag), 0)
    else assert.equal(await hasTable(db, `counter_${tag}`), false)

    c.fix(executes(`UPDATE counter_${tag} SET n = n + 1`, `INSERT INTO once_${tag} VALUES (1)`, `CREATE TABLE after_${tag} (id INTEGER)`))
    await cliOk([...c.base, 'upgrade'])
    assert.deepEqual(await versions(db, tag), [SECOND])
    assert.equal(await counter(db, tag), 1)
  })
})

describe('MariaDB: a procedure or prepared statement that opens a transaction', () => {
  const db = useTestDatabase('mysql')

  // `last`: the UPDATE before it waits for its COMMIT until the step's own
  // closing round trip, which is where the procedure's transaction shows.
  for (const [name, sneaky, state, undone] of [
    ['call', 'CALL open_call()', 'has a transaction open', 'the open transaction was rolled back'],
    ['last', 'CALL open_last()', 'has a transaction open', 'the open transaction was rolled back'],
    ['prepared', "PREPARE s FROM 'SET autocommit = 0'; EXECUTE s", 'has autocommit off', 'autocommit was turned back on'],
  ] as const) {
    test(`${name}: caught after the statement, rolled back, and the journal records it`, async () => {
      const tag = `${name}_my`
      const c = makeCase(
        project,
        db.url,
        tag,
        executes(`UPDATE counter_${tag} SET n = n + 1`, sneaky, ...(name === 'last' ? [] : [`CREATE TABLE after_${tag} (id INTEGER)`])),
        {
          firstBody: executes(
            `CREATE TABLE counter_${tag} (n INTEGER)`,
            `INSERT INTO counter_${tag} VALUES (0)`,
            // Creating it is harmless: a routine's body is stored, not run.
            `CREATE PROCEDURE open_${name}() BEGIN START TRANSACTION; UPDATE counter_${tag} SET n = n + 100; END`,
          ),
        },
      )
      await cliOk([...c.base, 'upgrade', FIRST])

      const line = assertCleanError(await cli([...c.base, 'upgrade']), SECOND, `after "${sneaky}"`, state, undone, 'statement 2')
      assert.match(line, /athanor resolve/)
      // Statement 1 took effect (each runs on its own); what the procedure left open was rolled back.
      assert.equal(await counter(db, tag), 1)
      assert.equal(await hasTable(db, `after_${tag}`), false)
      assert.deepEqual(await versions(db, tag), [FIRST])
      // The journal's mark was committed, not lost in the open transaction.
      const row = (await history(c)).at(-1)!
      assert.equal(row.status, 'failed')
      assert.equal(row.statement, sneaky)
    })
  }
})
