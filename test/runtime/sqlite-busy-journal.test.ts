import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { SqliteConnection } from '../../src/dialect/sqlite/driver.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { cliWatchingStderr, holdWriteLock } from '../helpers/write-lock.js'
import { chain, type RevisionDef, scriptFileName, tableNames, temporaryProjects, versionRows } from '../helpers/project.js'

// A step outside a transaction (transactional = false) writes its journal
// row before its first statement. On SQLite that write needs the database's
// write lock: while an application's write transaction holds it, the write
// waits out the busy timeout as the run's BEGIN does, and the step fails as
// a BEGIN that timed out does: nothing of it ran, nothing to resolve.

const project = temporaryProjects()

const ONE_RETRY = ['--ddl-lock-timeout', '100ms', '--ddl-lock-retries', '1', '--ddl-lock-retry-delay', '50ms']

const OUTSIDE: RevisionDef = {
  id: 'r2',
  down: 'r1',
  upgrade: "  await op.execute('CREATE TABLE outside (id INTEGER)')\n  await op.execute('INSERT INTO outside VALUES (1)')",
  downgrade: "  await op.execute('DROP TABLE outside')",
  extra: 'export const transactional = false',
}

/** Three statements: the journal marks statements 2 and 3 in flight after others took effect. */
const THREE: RevisionDef = {
  ...OUTSIDE,
  upgrade: [
    "  await op.execute('CREATE TABLE outside (id INTEGER)')",
    "  await op.execute('INSERT INTO outside VALUES (1)')",
    "  await op.execute('INSERT INTO outside VALUES (2)')",
  ].join('\n'),
}

/** The step's `started` row, and the row's mark of statement `sql` as in flight (see HistoryWriter.inFlightStatement). */
const STARTED_ROW = (sql: string) => /^INSERT INTO "athanor_version_history"/.test(sql) && sql.includes("'started'")
const MARK_OF = (statement: string) => (sql: string) => sql.startsWith(`UPDATE "athanor_version_history" SET "statement" = '${statement}'`)
/** The journal's entry recording statement `n` done, written once it returned (see HistoryWriter.journalStatement). */
const ENTRY_OF = (n: number) => (sql: string) => sql.startsWith(`UPDATE "athanor_version_history" SET "statements_done" = ${n},`)
/** The step's row closed as failed (see HistoryWriter.failed). */
const FAILED_ROW = (sql: string) => /^UPDATE "athanor_version_history" SET "status" = 'failed'/.test(sql)

/**
 * Runs `work` while the application takes the write lock at a moment no
 * hook of the CLI reaches: after the run's transaction before the step
 * committed, just before the journal's write that `at` picks (or, `after`,
 * just after it).
 */
async function lockTakenBefore<T>(
  path: string,
  at: (sql: string) => boolean,
  work: (app: () => { release: () => void } | undefined) => Promise<T>,
  when: 'before' | 'after' = 'before',
) {
  const execute = SqliteConnection.prototype.execute
  let app: { release: () => void } | undefined
  SqliteConnection.prototype.execute = async function (this: SqliteConnection, statement) {
    const taken = app === undefined && at(statement.sql)
    if (taken && when === 'before') app = holdWriteLock(path)
    const result = await execute.call(this, statement)
    if (taken && when === 'after') app = holdWriteLock(path)
    return result
  }
  try {
    return await work(() => app)
  } finally {
    SqliteConnection.prototype.execute = execute
    app?.release()
  }
}

/** Runs `work` letting go of the lock `app` holds just before the journal's write that `at` picks. */
async function releasedBefore<T>(at: (sql: string) => boolean, app: () => { release: () => void } | undefined, work: () => Promise<T>) {
  const execute = SqliteConnection.prototype.execute
  SqliteConnection.prototype.execute = async function (this: SqliteConnection, statement) {
    if (at(statement.sql)) app()?.release()
    return execute.call(this, statement)
  }
  try {
    return await work()
  } finally {
    SqliteConnection.prototype.execute = execute
  }
}

/** The history rows of r2, oldest first, as `status statements_done statement`. */
function rowsOfR2(path: string): string[] {
  const db = new Database(path, { readonly: true })
  try {
    const rows = db
      .prepare("SELECT status, statements_done, statement FROM athanor_version_history WHERE revision = 'r2' ORDER BY id")
      .all()
    return (rows as { status: string; statements_done: number | null; statement: string | null }[]).map(
      (row) => `${row.status} ${row.statements_done} ${row.statement}`,
    )
  } finally {
    db.close()
  }
}

/** The error's advice when the history row still shows statement 1 or 2 running, for `--continue` to start at statement 2. */
const CONTINUE_FROM_2 =
  "Nothing more runs on this database until it is resolved: fix the cause, then run 'athanor resolve r2 --continue --from 2' " +
  "(run the rest, from statement 2), '--retry' (run it all again, statement 1 included), '--applied' (it is complete) " +
  "or '--rolled-back' (it is undone)"

/** The error line, the script's folder left out. */
function errorLine(result: { stderr: string }, dir: string): string | undefined {
  return result.stderr
    .split('\n')
    .find((line) => line.startsWith('error: '))
    ?.replaceAll(`${dir}/`, '')
}

/** The start of the error line of OUTSIDE's failure. */
const OUTSIDE_FAILED = `error: upgrade of revision r2 (${scriptFileName(OUTSIDE)}) failed`

/**
 * OUTSIDE run up from r1 with the lock taken just before (or after) the
 * write `at` picks and held: the run fails; the project, and its error line.
 */
async function stoppedOutside(at: (sql: string) => boolean, when: 'before' | 'after' = 'before') {
  const made = project([...chain(['r1']), OUTSIDE])
  await cliOk([...made.base, 'upgrade', 'r1'])
  const result = await lockTakenBefore(made.dbPath, at, () => cli([...made.base, 'upgrade', ...ONE_RETRY]), when)
  assert.equal(result.status, 1, result.stderr)
  return { made, result, line: errorLine(result, made.versions) }
}

/** The rows of the table the step makes. */
function outsideRows(path: string): number {
  const db = new Database(path, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM outside').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('SQLite: another connection holds the write lock when a transactional = false step starts', () => {
  for (const [moment, at, to] of [
    ['before its `started` row', STARTED_ROW, 'begin'],
    ['before the journal marks statement 1 in flight', MARK_OF('CREATE TABLE outside (id INTEGER)'), 'mark statement 1 running'],
  ] as const) {
    test(`${moment}: waited and retried, then DDL_LOCK_TIMEOUT; nothing ran and nothing is left to resolve`, async () => {
      const made = project([...chain(['r1']), OUTSIDE])
      await cliOk([...made.base, 'upgrade', 'r1'])
      const result = await lockTakenBefore(made.dbPath, at, () => cli([...made.base, 'upgrade', ...ONE_RETRY]))
      const message = assertCleanError(
        result,
        { code: 'DDL_LOCK_TIMEOUT' },
        'upgrade of revision r2 (',
        `failed: the migration's journal waited longer than ddlLockTimeout (100 ms) to ${to}, for a lock another session holds`,
        'gave up after 2 attempts (ddlLockRetries 1)',
      )
      assert.doesNotMatch(message, /may or may not|took effect|resolve/)
      assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('r2: waited 100 ms for ')).length, 1, result.stderr)
      assert.deepEqual(versionRows(made.dbPath), ['r1'])
      assert.ok(!tableNames(made.dbPath).includes('outside'))
      // The row left `started` says no statement ran and none is in flight: the next run settles it by itself.
      await cliOk([...made.base, 'upgrade'])
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
    })

    test(`${moment}, let go between attempts: the step runs and the run reaches head`, async () => {
      const made = project([...chain(['r1']), OUTSIDE])
      await cliOk([...made.base, 'upgrade', 'r1'])
      const retries = [...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms']
      const result = await lockTakenBefore(made.dbPath, at, (app) =>
        cliWatchingStderr([...made.base, 'upgrade', ...retries], (text) => {
          if (text.includes('r2: waited')) app()?.release()
        }),
      )
      assert.equal(result.status, 0, result.stderr)
      assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; rolled back attempt 1 of 4/)
      assert.deepEqual(versionRows(made.dbPath), ['r2'])
      assert.ok(tableNames(made.dbPath).includes('outside'))
    })
  }
})

describe('SQLite: another connection holds the write lock when the journal marks a later statement in flight', () => {
  const tookEffect = (n: number) => (n === 2 ? 'statement 1' : `statements 1-${n - 1}`)
  const gaveUp = (n: number) =>
    `error: upgrade of revision r2 (${scriptFileName(THREE)}) failed after statement ${n - 1} of the migration: ` +
    `the migration's journal waited longer than ddlLockTimeout (100 ms) to mark statement ${n} running, ` +
    'for a lock another session holds: database is locked; gave up after 2 attempts (ddlLockRetries 1); ' +
    `it ran outside a transaction, so ${tookEffect(n)} took effect and nothing was rolled back. ` +
    'Nothing more runs on this database until it is resolved: fix the cause, then run ' +
    `'athanor resolve r2 --continue' (run the rest, from statement ${n}), '--retry' (run it all again, ${tookEffect(n)} included), ` +
    "'--applied' (it is complete) or '--rolled-back' (it is undone)"

  /**
   * r2 runs with the lock taken before the mark of statement `n`, held
   * throughout or let go before the failed row: it gives up, the row is
   * `row`, and `resolve --continue` then runs the rest, each statement once.
   */
  async function gaveUpBeforeMark(n: 2 | 3, releaseBeforeFailedRow: boolean, row: string) {
    const made = project([...chain(['r1']), THREE])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const run = () => cli([...made.base, 'upgrade', ...ONE_RETRY])
    const at = MARK_OF(`INSERT INTO outside VALUES (${n - 1})`)
    const result = await lockTakenBefore(made.dbPath, at, (app) => (releaseBeforeFailedRow ? releasedBefore(FAILED_ROW, app, run) : run()))
    assert.equal(result.status, 1, result.stderr)
    assert.equal(errorLine(result, made.versions), gaveUp(n))
    const waits = result.stderr.split('\n').filter((line) => line.startsWith('r2: waited '))
    assert.equal(waits.length, 1, result.stderr)
    const waiting = `${tookEffect(n)} took effect, statement ${n} waits to be marked running \\(attempt 1 of 2\\)`
    assert.match(waits[0]!, new RegExp(`^r2: waited 100 ms for a lock, held by another session; ${waiting}, trying again in \\d+ ms$`))
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.equal(outsideRows(made.dbPath), n - 2)
    assert.deepEqual(rowsOfR2(made.dbPath), [row])
    await cliOk([...made.base, 'resolve', 'r2', '--continue'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 2)
    assert.deepEqual(rowsOfR2(made.dbPath), [row.replace(/^\w+/, 'resolved'), 'succeeded 3 null'])
  }

  test('statement 3, held throughout: retried, then DDL_LOCK_TIMEOUT; statements 1-2 took effect, --continue runs 3', async () => {
    // Nor could the failed row be written: the row says statements 1-2 completed and none is in flight.
    await gaveUpBeforeMark(3, false, 'started 2 null')
  })

  test('statement 2, let go before the failure is recorded: the row says statement 1 completed, and --continue runs the rest', async () => {
    await gaveUpBeforeMark(2, true, 'failed 1 null')
  })

  test('statement 3, let go between attempts: the mark is written, and the run reaches head with each statement run once', async () => {
    const made = project([...chain(['r1']), THREE])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const retries = [...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms']
    const result = await lockTakenBefore(made.dbPath, MARK_OF('INSERT INTO outside VALUES (2)'), (app) =>
      cliWatchingStderr([...made.base, 'upgrade', ...retries], (text) => {
        if (text.includes('r2: waited')) app()?.release()
      }),
    )
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; statements 1-2 took effect, statement 3 waits/)
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 2)
    assert.deepEqual(rowsOfR2(made.dbPath), ['succeeded 3 null'])
  })
})

describe('SQLite: another connection holds the write lock when the journal records a statement that returned', () => {
  test('waited and retried, then the step stops: statement 1 took effect, and the advice continues from statement 2', async () => {
    const { made, result, line } = await stoppedOutside(ENTRY_OF(1))
    // The row could not be closed either: it still marks statement 1 in flight, so continuing past it is said outright.
    assert.equal(
      line,
      `${OUTSIDE_FAILED} after statement 1 of the migration: ` +
        "the migration's journal waited longer than ddlLockTimeout (100 ms) to record statement 1, " +
        'for a lock another session holds: database is locked; gave up after 2 attempts (ddlLockRetries 1); ' +
        'it ran outside a transaction, so statement 1 took effect and nothing was rolled back; ' +
        `its history row still shows statement 1 running, as the journal could not record it. ${CONTINUE_FROM_2}`,
    )
    assert.equal(result.stderr.split('\n').filter((line) => line.startsWith('r2: waited 100 ms for ')).length, 1, result.stderr)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.equal(outsideRows(made.dbPath), 0)
    await cliOk([...made.base, 'resolve', 'r2', '--continue', '--from', '2'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
  })

  test('the lock let go before the failure is recorded: the row says statement 1 completed, and --continue runs the rest', async () => {
    const made = project([...chain(['r1']), OUTSIDE])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const result = await lockTakenBefore(made.dbPath, ENTRY_OF(1), (app) =>
      releasedBefore(FAILED_ROW, app, () => cli([...made.base, 'upgrade', ...ONE_RETRY])),
    )
    const message = assertCleanError(
      result,
      'upgrade of revision r2 (',
      "failed after statement 1 of the migration: the migration's journal waited longer than ddlLockTimeout (100 ms)",
      'to record statement 1,',
      'statement 1 took effect',
    )
    assert.doesNotMatch(message, /may or may not/)
    assert.match(message, /'athanor resolve r2 --continue' \(run the rest, from statement 2\)/)
    await cliOk([...made.base, 'resolve', 'r2', '--continue'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
  })

  test('let go between attempts: the entry is written, and the run reaches head with each statement run once', async () => {
    const made = project([...chain(['r1']), OUTSIDE])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const retries = [...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms']
    const result = await lockTakenBefore(made.dbPath, ENTRY_OF(1), (app) =>
      cliWatchingStderr([...made.base, 'upgrade', ...retries], (text) => {
        if (text.includes('r2: waited')) app()?.release()
      }),
    )
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; statement 1 took effect, its journal entry/)
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
  })
})

describe('SQLite: another connection holds the write lock when a transactional = false step is recorded', () => {
  // Taken once the last statement's entry is written: the step's closing transaction (its version row, its finished row) waits.
  const closing = ENTRY_OF(2)

  test('held throughout: waited and retried, then DDL_LOCK_TIMEOUT; both statements took effect, --continue records it', async () => {
    const { made, result, line } = await stoppedOutside(closing, 'after')
    assert.equal(
      line,
      `${OUTSIDE_FAILED} at recording it: ` +
        "the migration's journal waited longer than ddlLockTimeout (100 ms) to record the migration finished, " +
        'for a lock another session holds: database is locked; gave up after 2 attempts (ddlLockRetries 1); ' +
        'it ran outside a transaction, so statements 1-2 took effect and nothing was rolled back. ' +
        "Nothing more runs on this database until it is resolved: fix the cause, then run 'athanor resolve r2 --continue' " +
        "(run nothing more, and record it), '--applied' (it is complete) or '--rolled-back' (it is undone)",
    )
    const waits = result.stderr.split('\n').filter((line) => line.startsWith('r2: waited '))
    assert.equal(waits.length, 1, result.stderr)
    assert.match(waits[0]!, /; statements 1-2 took effect, its record waits \(attempt 1 of 2\), trying again in \d+ ms$/)
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.equal(outsideRows(made.dbPath), 1)
    // Nor could the failed row be written: the row says both statements completed and none is in flight.
    assert.deepEqual(rowsOfR2(made.dbPath), ['started 2 null'])
    await cliOk([...made.base, 'resolve', 'r2', '--continue'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
    assert.deepEqual(rowsOfR2(made.dbPath), ['resolved 2 null', 'succeeded 2 null'])
  })

  test('let go between attempts: the step is recorded, and the run reaches head with each statement run once', async () => {
    const made = project([...chain(['r1']), OUTSIDE])
    await cliOk([...made.base, 'upgrade', 'r1'])
    const retries = [...ONE_RETRY.slice(0, 2), '--ddl-lock-retries', '3', '--ddl-lock-retry-delay', '50ms']
    const watching = (app: () => { release: () => void } | undefined) =>
      cliWatchingStderr([...made.base, 'upgrade', ...retries], (text) => {
        if (text.includes('r2: waited')) app()?.release()
      })
    const result = await lockTakenBefore(made.dbPath, closing, watching, 'after')
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /r2: waited 100 ms for a lock, held by another session; statements 1-2 took effect, its record waits/)
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
    assert.deepEqual(rowsOfR2(made.dbPath), ['succeeded 2 null'])
  })
})

describe('SQLite: another connection holds the write lock when a statement of a transactional = false step fails', () => {
  test('statement 2 times out on the lock, and so does its failed row: the row still shows it running, not a lost session', async () => {
    // Taken once statement 2 is marked running: the statement itself waits, and is not retried (statement 1 took effect).
    const { made, line } = await stoppedOutside(MARK_OF('INSERT INTO outside VALUES (1)'), 'after')
    assert.equal(
      line,
      `${OUTSIDE_FAILED} at statement 2 of the migration: ` +
        'a statement waited longer than ddlLockTimeout (100 ms) for a lock another session holds: database is locked ' +
        '(in: INSERT INTO outside VALUES (1)); it ran outside a transaction, so statement 1 took effect and nothing was rolled back; ' +
        `its history row still shows statement 2 running, as the journal could not record its failure. ${CONTINUE_FROM_2}`,
    )
    assert.deepEqual(versionRows(made.dbPath), ['r1'])
    assert.equal(outsideRows(made.dbPath), 0)
    assert.deepEqual(rowsOfR2(made.dbPath), ['started 1 INSERT INTO outside VALUES (1)'])
    await cliOk([...made.base, 'resolve', 'r2', '--continue', '--from', '2'])
    assert.deepEqual(versionRows(made.dbPath), ['r2'])
    assert.equal(outsideRows(made.dbPath), 1)
    assert.deepEqual(rowsOfR2(made.dbPath).at(-1), 'succeeded 2 null')
  })
})
