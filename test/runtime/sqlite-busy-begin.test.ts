import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { main } from '../../src/cli/main.js'
import { isAthanorError, MigrationFailedError, stamp, upgrade } from '../../src/index.js'
import { assertCleanError, type CliResult, cliOk } from '../helpers/cli.js'
import { chain, temporaryProjects, versionRows } from '../helpers/project.js'

// SQLite's BEGIN IMMEDIATE takes the database's write lock at once, so an
// application's write transaction makes the run's BEGIN itself wait out the
// busy timeout (ddlLockTimeout). That wait is a lock wait like a
// statement's: retried ddlLockRetries times, then DDL_LOCK_TIMEOUT naming
// the revision that waited, never a bare SQLITE_BUSY.

const project = temporaryProjects()

/** A 100 ms lock wait, tried once more after 50 ms. */
const ONE_RETRY = ['--ddl-lock-timeout', '100ms', '--ddl-lock-retries', '1', '--ddl-lock-retry-delay', '50ms']

/** The application: a write transaction open on the database until `release`. */
function holdWriteLock(path: string): { release: () => void } {
  const app = new Database(path)
  app.exec('CREATE TABLE IF NOT EXISTS app (v TEXT)')
  app.exec('BEGIN IMMEDIATE')
  app.exec("INSERT INTO app VALUES ('x')")
  return {
    release: () => {
      if (app.inTransaction) app.exec('COMMIT')
      app.close()
    },
  }
}

/** The CLI in this process; `onStderr` sees each line as it is written. */
async function run(argv: readonly string[], onStderr: (text: string) => void = () => {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const sink = (add: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        add(String(chunk))
        done()
      },
    })
  const status = await main(argv, {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => {
      stderr += text
      onStderr(text)
    }),
    env: {},
  })
  return { status, stdout, stderr }
}

describe('SQLite: another connection holds the write lock when the run begins', () => {
  test('the BEGIN is retried, and fails with DDL_LOCK_TIMEOUT naming the revision once the retries are spent', async () => {
    const made = project(chain(['r1', 'r2']))
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run([...made.base, 'upgrade', ...ONE_RETRY])
      assertCleanError(result, 'upgrade of revision r1', 'gave up after 2 attempts (ddlLockRetries 1)', /lock another session holds/)
      assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('r1: waited 100 ms for ')).length, 1, result.stderr)
      try {
        await upgrade({ directory: made.migrations, url: made.url, ddlLockTimeout: '100ms', ddlLockRetries: 0 }, 'head')
        assert.fail('upgrade succeeded under the held lock')
      } catch (error) {
        assert.ok(isAthanorError(error, 'DDL_LOCK_TIMEOUT'), String(error))
        assert.ok(error instanceof MigrationFailedError)
        assert.equal(error.revision, 'r1')
      }
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), [])
  })

  test('a holder that lets go between attempts: the run goes on and reaches head', async () => {
    const made = project(chain(['r1', 'r2']))
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run(
        [...made.base, 'upgrade', '--ddl-lock-timeout', '100ms', '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms'],
        (text) => {
          if (text.includes('r1: waited')) app.release()
        },
      )
      assert.equal(result.status, 0, result.stderr)
      assert.match(result.stderr, /r1: waited 100 ms for a lock, held by another session; rolled back attempt 1 of 4/)
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
  })
})

// A stamp writes the version table in a transaction of its own, begun the
// same way: its BEGIN waits and is retried as a migration's, and fails the
// same way, naming the stamp, never a bare "database is locked".
describe('SQLite: another connection holds the write lock when a stamp begins', () => {
  const retries = ONE_RETRY

  test('the BEGIN is retried, and fails with DDL_LOCK_TIMEOUT naming the stamp once the retries are spent', async () => {
    const made = project(chain(['r1', 'r2']))
    await cliOk([...made.base, 'upgrade', 'r1'])
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run([...made.base, 'stamp', 'r2', ...retries])
      assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        'the transaction of stamp r2 waited longer than ddlLockTimeout (100 ms) to begin, for a lock another session holds',
        'gave up after 2 attempts (ddlLockRetries 1)',
      )
      assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('stamp r2: waited 100 ms for ')).length, 1, result.stderr)
      await assert.rejects(
        stamp({ directory: made.migrations, url: made.url, ddlLockTimeout: '100ms', ddlLockRetries: 0 }, ['r2']),
        (error: unknown) => isAthanorError(error, 'DDL_LOCK_TIMEOUT') && /stamp r2/.test(String(error)),
      )
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })

  test('a holder that lets go between attempts: the stamp goes on', async () => {
    const made = project(chain(['r1', 'r2']))
    await cliOk([...made.base, 'upgrade', 'r1'])
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run([...made.base, 'stamp', 'r2', ...retries.slice(0, 2), '--ddl-lock-retries', '3'], (text) => {
        if (text.includes('stamp r2: waited')) app.release()
      })
      assert.equal(result.status, 0, result.stderr)
      assert.match(result.stderr, /stamp r2: waited 100 ms for a lock, held by another session; rolled back attempt 1 of 4/)
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
  })
})

// resolve --applied records a failed migration as done in a transaction of
// its own, begun as a stamp's is.
describe('SQLite: another connection holds the write lock when resolve --applied begins', () => {
  test('the BEGIN is retried, and fails with DDL_LOCK_TIMEOUT naming the resolve; nothing is recorded', async () => {
    const made = project([
      ...chain(['r1']),
      {
        id: 'r2',
        down: 'r1',
        upgrade: "  await op.execute('CREATE TABLE half (id INTEGER)')\n  await op.execute('INSERT INTO missing_table VALUES (1)')",
        extra: 'export const transactional = false',
      },
    ])
    assert.equal((await run([...made.base, 'upgrade'])).status, 1)
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run([...made.base, 'resolve', 'r2', '--applied', ...ONE_RETRY])
      assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        'the transaction of resolve --applied of r2 waited longer than ddlLockTimeout (100 ms) to begin',
        'gave up after 2 attempts (ddlLockRetries 1)',
      )
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    await cliOk([...made.base, 'resolve', 'r2', '--applied'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
  })
})
