import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { cliWatchingStderr, holdWriteLock } from '../helpers/write-lock.js'
import { chain, type RevisionDef, temporaryProjects, versionRows } from '../helpers/project.js'

// `resolve --retry` and `--continue` take over the unfinished step's row
// with a transaction of their own (the old row resolved, the new run's
// `started` row written, together) before their first statement. On SQLite
// its BEGIN IMMEDIATE needs the database's write lock: while an
// application's write transaction holds it, the take-over waits, is retried
// and fails as the run's BEGIN does, the old row and the database as they were.

const project = temporaryProjects()

const ONE_RETRY = ['--ddl-lock-timeout', '100ms', '--ddl-lock-retries', '1', '--ddl-lock-retry-delay', '50ms']

/** Statement 2 fails until `missing_table` exists; statement 1 can run again. */
const HALF: RevisionDef = {
  id: 'r2',
  down: 'r1',
  upgrade: [
    "  await op.execute('CREATE TABLE IF NOT EXISTS half (id INTEGER)')",
    "  await op.execute('INSERT INTO missing_table VALUES (1)')",
  ].join('\n'),
  downgrade: "  await op.execute('DROP TABLE half')",
  extra: 'export const transactional = false',
}

/** r2 failed at statement 2, its cause then fixed: the row waits for `resolve`. */
async function failedThenFixed() {
  const made = project([...chain(['r1']), HALF])
  assertCleanError(await cli([...made.base, 'upgrade']), 'r2', 'statement 2', 'missing_table')
  const db = new Database(made.dbPath)
  db.exec('CREATE TABLE missing_table (id INTEGER)')
  db.close()
  return made
}

/** The history rows of r2, oldest first, as `status statements_done`. */
function rowsOfR2(path: string): string[] {
  const db = new Database(path, { readonly: true })
  try {
    const rows = db.prepare("SELECT status, statements_done FROM athanor_version_history WHERE revision = 'r2' ORDER BY id").all()
    return (rows as { status: string; statements_done: number | null }[]).map((row) => `${row.status} ${row.statements_done}`)
  } finally {
    db.close()
  }
}

/**
 * Runs `argv` while the application takes the write lock once the step has
 * begun (its progress line written), just before the next BEGIN: the take-over's.
 */
async function lockTakenAtTakeOver(path: string, argv: readonly string[], letGo: (text: string) => boolean = () => false) {
  const begin = SqliteConnection.prototype.begin
  let armed = false
  let app: { release: () => void } | undefined
  SqliteConnection.prototype.begin = async function (this: SqliteConnection) {
    if (armed && app === undefined && !this.inTransaction) app = holdWriteLock(path)
    return begin.call(this)
  }
  try {
    return await cliWatchingStderr(argv, (text) => {
      if (text.includes('Running upgrade r1 -> r2')) armed = true
      if (letGo(text)) app?.release()
    })
  } finally {
    SqliteConnection.prototype.begin = begin
    app?.release()
  }
}

describe('SQLite: another connection holds the write lock when resolve takes over an unfinished step', () => {
  for (const how of ['--continue', '--retry'] as const) {
    test(`${how}: waited and retried, then DDL_LOCK_TIMEOUT; the row and the database as they were`, async () => {
      const made = await failedThenFixed()
      const result = await lockTakenAtTakeOver(made.dbPath, [...made.base, 'resolve', 'r2', how, ...ONE_RETRY])
      const message = assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        'upgrade of revision r2 (',
        "the migration's journal waited longer than ddlLockTimeout (100 ms)",
        'gave up after 2 attempts (ddlLockRetries 1), each rolled back',
        'nothing was run and nothing changed: the step is still unresolved',
      )
      // Not laid on a statement of the script, which was never sent.
      assert.doesNotMatch(message, /\(in: |statement \d|took effect/)
      assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('r2: waited 100 ms for ')).length, 1, result.stderr)
      assert.deepEqual(versionRows(made.dbPath), ['r1'])
      assert.deepEqual(rowsOfR2(made.dbPath), ['failed 1'])
      // Nothing was taken over: the same resolve, the lock gone, settles it.
      await cliOk([...made.base, 'resolve', 'r2', how])
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
      assert.deepEqual(rowsOfR2(made.dbPath), ['resolved 1', 'succeeded 2'])
    })

    test(`${how}, let go between attempts: the step is taken over and finishes`, async () => {
      const made = await failedThenFixed()
      const retries = [...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms']
      const result = await lockTakenAtTakeOver(made.dbPath, [...made.base, 'resolve', 'r2', how, ...retries], (text) =>
        text.includes('r2: waited'),
      )
      assert.equal(result.status, 0, result.stderr)
      assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; /)
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
      assert.deepEqual(rowsOfR2(made.dbPath), ['resolved 1', 'succeeded 2'])
    })
  }
})
