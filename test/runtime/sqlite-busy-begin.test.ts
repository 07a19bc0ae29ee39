import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { isAthanorError, MigrationFailedError, stamp, upgrade } from '../../src/index.js'
import { assertCleanError, cliOk } from '../helpers/cli.js'
import { cliWatchingStderr, holdWriteLock } from '../helpers/write-lock.js'
import { chain, type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'

// SQLite's BEGIN IMMEDIATE takes the database's write lock at once, so an
// application's write transaction makes the run's BEGIN itself wait out the
// busy timeout (ddlLockTimeout). That wait is a lock wait like a
// statement's: retried ddlLockRetries times, then DDL_LOCK_TIMEOUT naming
// the revision that waited, never a bare SQLITE_BUSY.

const project = temporaryProjects()

/** A 100 ms lock wait, tried once more after 50 ms. */
const ONE_RETRY = ['--ddl-lock-timeout', '100ms', '--ddl-lock-retries', '1', '--ddl-lock-retry-delay', '50ms']

const run = cliWatchingStderr

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

// A migration that rebuilds a table under enforced foreign keys is rolled
// back at the rebuild and run again in a transaction of its own, foreign
// keys off (see SQLite table rebuilds in the README). Its BEGIN waits for
// the write lock as the step's did, and its timeout is retried and named
// the same way; it was a bare "database is locked", never retried, and in
// single mode an "unexpected error".
describe('SQLite: another connection holds the write lock when a rebuild migration begins', () => {
  const tables: RevisionDef = {
    id: 'r1',
    message: 'parent and child',
    upgrade: [
      "  await op.execute('CREATE TABLE parent (id INTEGER PRIMARY KEY, label TEXT)')",
      "  await op.execute('CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))')",
    ].join('\n'),
    downgrade: "  await op.execute('DROP TABLE child')\n  await op.execute('DROP TABLE parent')",
  }
  const rebuild: RevisionDef = {
    id: 'r2',
    down: 'r1',
    message: 'label not null',
    upgrade: "  await op.alterColumn('parent', 'label', { nullable: false })",
    downgrade: "  await op.alterColumn('parent', 'label', { nullable: true })",
  }
  const labelNotNull = (path: string) => {
    const db = new Database(path, { readonly: true })
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'parent'").get() as { sql: string }).sql
    db.close()
    return /label"? TEXT NOT NULL/i.test(sql)
  }

  /**
   * Runs `work` while the application takes the write lock at the one
   * moment no hook of the CLI reaches: after the rebuild migration's first
   * attempt rolled back, just before the BEGIN of its own transaction (the
   * first BEGIN made with foreign keys off).
   */
  async function lockTakenBeforeRebuildBegins<T>(path: string, work: (app: () => { release: () => void } | undefined) => Promise<T>) {
    const begin = SqliteConnection.prototype.begin
    let app: { release: () => void } | undefined
    SqliteConnection.prototype.begin = async function (this: SqliteConnection) {
      const [row] = await this.query('PRAGMA foreign_keys')
      if (app === undefined && Number(Object.values(row ?? {})[0]) === 0) app = holdWriteLock(path)
      return begin.call(this)
    }
    try {
      return await work(() => app)
    } finally {
      SqliteConnection.prototype.begin = begin
      app?.release()
    }
  }

  test("held from the start: the step's BEGIN is retried, then DDL_LOCK_TIMEOUT naming the rebuild migration", async () => {
    const made = project([tables, rebuild])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const app = holdWriteLock(made.dbPath)
    try {
      const result = await run([...made.base, 'upgrade', ...ONE_RETRY])
      assertCleanError(result, { code: 'DDL_LOCK_TIMEOUT' }, 'upgrade of revision r2', 'gave up after 2 attempts (ddlLockRetries 1)')
    } finally {
      app.release()
    }
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })

  test("taken before the rebuild's own BEGIN: retried, then the same DDL_LOCK_TIMEOUT line", async () => {
    const made = project([tables, rebuild])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const result = await lockTakenBeforeRebuildBegins(made.dbPath, () => run([...made.base, 'upgrade', ...ONE_RETRY]))
    assertCleanError(
      result,
      { code: 'DDL_LOCK_TIMEOUT' },
      'upgrade of revision r2 (',
      "failed: the migration's transaction waited longer than ddlLockTimeout (100 ms) to begin, for a lock another session holds",
      'gave up after 2 attempts (ddlLockRetries 1), each rolled back',
    )
    assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('r2: waited 100 ms for ')).length, 1, result.stderr)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.equal(labelNotNull(made.dbPath), false)
  })

  test("taken before the rebuild's own BEGIN and let go between attempts: the rebuild goes on and reaches head", async () => {
    const made = project([tables, rebuild])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const result = await lockTakenBeforeRebuildBegins(made.dbPath, (app) =>
      run([...made.base, 'upgrade', ...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3'], (text) => {
        if (text.includes('r2: waited')) app()?.release()
      }),
    )
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; rolled back attempt 1 of 4/)
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(labelNotNull(made.dbPath), true)
  })

  test("transactionMode 'single': the run's own BEGIN, not retried, named as the run's first BEGIN is", async () => {
    const made = project([tables, rebuild])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const result = await lockTakenBeforeRebuildBegins(made.dbPath, () =>
      run([...made.base, 'upgrade', '--transaction-mode', 'single', ...ONE_RETRY]),
    )
    assertCleanError(
      result,
      { code: 'DDL_LOCK_TIMEOUT' },
      'upgrade of revision r2 (',
      "failed: the migration's transaction waited longer than ddlLockTimeout (100 ms) to begin",
    )
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
  })
})
