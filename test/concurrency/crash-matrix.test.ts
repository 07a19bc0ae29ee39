import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { parseDatabaseUrl } from '../../src/core/database-url.js'
import { dialectNamed, openConnection } from '../../src/dialect/registry.js'
import type { DialectName } from '../../src/dialect/types.js'
import { BIN, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { type Project, temporaryProjects } from '../helpers/project.js'
import { CHAIN, chainScripts, SLOW, SLOW_AT, SLOW_FRAGMENT, SLOW_MARKER, statementsOf } from './crash-chain.js'
import { target } from './fixtures.js'
import { KILL_AFTER } from './kill-hook.js'

// A runner is killed with SIGKILL at every boundary between the chain's
// migrations, between statements inside them, and inside a statement that
// runs on the server (or in SQLite's engine) when the runner dies. After
// each kill the database must be at a revision boundary (SQLite and
// PostgreSQL roll the migration back) or exactly where the step's journal
// says (MariaDB cannot roll DDL back); the next command, with
// `resolve --continue` on MariaDB, goes on from there and is itself the
// runner killed at the next point. The last one reaches head, where the
// catalog and rows must be those of an uninterrupted run.

const project = temporaryProjects()

/** Where a runner dies: after statement `after` of migration `index` (0: before its first), or inside the slow statement. */
interface KillPoint {
  readonly index: number
  readonly after: number | 'slow'
}

const at = (revision: number, after: number | 'slow'): KillPoint => ({ index: revision - 1, after })
const KILL_POINTS: readonly KillPoint[] = [
  at(1, 0),
  at(2, 0),
  at(2, 1),
  at(3, 0),
  at(3, 1),
  at(4, 0),
  at(5, 0),
  at(5, 'slow'),
  at(6, 0),
  at(6, 1),
  at(6, 3),
  at(7, 0),
  at(8, 0),
  at(8, 2),
  at(9, 0),
  at(10, 0),
  at(10, 2),
]

const revisionAt = (index: number) => CHAIN[index]!.id
/**
 * The statements of migration `index` the journal counts as done at a kill
 * point (MariaDB). A statement that is no DDL (the slow one, a row change)
 * and its entry wait in the journal's transaction for the COMMIT of the
 * next round trip, which the dead runner never sends: the journal and the
 * database stay before it.
 */
function doneAt(point: KillPoint): number {
  if (point.after === 'slow') return SLOW_AT.statement - 1
  const last = CHAIN[point.index]!.statements[point.after - 1]
  return typeof last === 'string' && /^(INSERT|UPDATE|DELETE)\b/.test(last) ? point.after - 1 : point.after
}

/** The user tables' catalog and rows, athanor's own tables left out: two equal snapshots are the same database. */
async function snapshot(db: TestDatabase): Promise<string> {
  const dialect = dialectNamed(db.dialect)
  const connection = await openConnection(parseDatabaseUrl(db.url))
  try {
    const tables = (await dialect.introspect(connection))
      .filter((table) => !table.name.startsWith('athanor_'))
      .sort((a, b) => a.name.localeCompare(b.name))
    const rows: Record<string, string[]> = {}
    for (const table of tables) {
      const all = await connection.query(`SELECT * FROM ${dialect.compiler.quoteIdentifier(table.name)}`)
      rows[table.name] = all.map((row) => JSON.stringify(row)).sort()
    }
    return JSON.stringify({ tables, rows }, null, 1)
  } finally {
    await connection.close()
  }
}

/**
 * The database as the chain leaves it at each place a kill can leave it,
 * keyed `index:done` (migrations before `index` applied, then `done` of its
 * statements), built by running the statements directly, without athanor.
 */
async function referenceStates(dialect: DialectName, keys: ReadonlySet<string>): Promise<Map<string, string>> {
  const db = await createTestDatabase(dialect)
  const states = new Map<string, string>()
  const connection = await openConnection(parseDatabaseUrl(db.url))
  try {
    for (const [index] of CHAIN.entries()) {
      const statements = statementsOf(index, dialect)
      for (let done = 0; done <= statements.length; done++) {
        if (keys.has(`${index}:${done}`)) states.set(`${index}:${done}`, await snapshot(db))
        if (done < statements.length) await connection.execute({ sql: statements[done]! })
      }
    }
    states.set(`${CHAIN.length}:0`, await snapshot(db))
  } finally {
    await connection.close()
    await db.drop()
  }
  return states
}

/** The version rows; none before the first migration created the table (SQLite rolls that back with it). */
async function versionRows(db: TestDatabase): Promise<string[]> {
  const connection = await db.connect()
  try {
    if (!(await connection.hasTable('athanor_version'))) return []
    return (await connection.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
  } finally {
    await connection.close()
  }
}

/** The history rows a run refuses to go past: `[revision, status, statements done]`. */
async function unresolved(db: TestDatabase): Promise<Array<[string, string, number | null]>> {
  const rows = await db.query(
    "SELECT revision, status, statements_done FROM athanor_version_history WHERE status IN ('started', 'failed') ORDER BY id",
  )
  return rows.map((row) => [
    String(row['revision']),
    String(row['status']),
    row['statements_done'] === null ? null : Number(row['statements_done']),
  ])
}

/** Polls until `check` holds; the cap turns a hang into a failure, and nothing asserts how long it took. */
async function until(what: string, check: () => Promise<boolean>, capMs = 30_000): Promise<void> {
  const deadline = Date.now() + capMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await sleep(25)
  }
}

/** Sessions other than the asker's running the slow statement. */
async function slowRunning(db: TestDatabase): Promise<boolean> {
  if (db.dialect === 'sqlite') return false
  const fragment = SLOW_FRAGMENT[db.dialect].replaceAll("'", "''")
  const sql =
    db.dialect === 'mysql'
      ? 'SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() ' +
        `AND INFO LIKE '%${fragment}%'`
      : "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' " +
        `AND query LIKE '%${fragment}%'`
  return Number((await db.query(sql))[0]?.['n'] ?? 0) > 0
}

/**
 * Runs `argv` as a real runner that dies at `point`: by its own hook
 * between statements, or, inside the slow statement, by a SIGKILL sent once
 * the server shows the statement running (SQLite: once the script says it
 * is about to send it).
 */
async function runKilled(made: Project, db: TestDatabase, argv: readonly string[], point: KillPoint): Promise<void> {
  const marker = join(made.root, 'slow-statement-sent')
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
  if (point.after === 'slow') Object.assign(env, { [SLOW]: '1', [SLOW_MARKER]: marker })
  else env[KILL_AFTER] = `${revisionAt(point.index)}:${point.after}`
  const child = spawn(process.execPath, [BIN, ...target(made.migrations, db.url), ...argv], { cwd: made.root, env, stdio: 'pipe' })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  if (point.after === 'slow') {
    const sent = db.dialect === 'sqlite' ? async () => existsSync(marker) : () => slowRunning(db)
    await until('the slow statement to start', sent)
    // SQLite: the marker is written just before the statement, which then runs for seconds.
    if (db.dialect === 'sqlite') await sleep(150)
    child.kill('SIGKILL')
  }
  assert.equal(await exited, 'SIGKILL', `the runner was to die at ${JSON.stringify(point)}:\n${stderr}`)
  // A server runs the statement on after its client is gone (MariaDB to its
  // end, PostgreSQL until it notices the closed socket); what the database
  // holds is settled only once it has left.
  await until('the dead runner’s statement to leave the server', async () => !(await slowRunning(db)))
}

/** Where a kill left the database, checked against the reference: a boundary, or (MariaDB) the journal's word. */
async function checkKilledState(db: TestDatabase, point: KillPoint, references: Map<string, string>): Promise<void> {
  const rows = await versionRows(db)
  const applied = rows.length === 0 ? 0 : CHAIN.findIndex((step) => step.id === rows[0]) + 1
  const label = `after a kill at ${revisionAt(point.index)}:${point.after} on ${db.dialect}`
  if (db.dialect === 'mysql') {
    assert.equal(applied, point.index, `${label}: version rows ${rows.join(', ')}`)
    assert.deepEqual(await unresolved(db), [[revisionAt(point.index), 'started', doneAt(point)]], label)
    assert.equal(await snapshot(db), references.get(`${point.index}:${doneAt(point)}`), `${label}: not where the journal says`)
    return
  }
  // A kill rolls the migration back. PostgreSQL commits each migration;
  // SQLite commits them together every 250 ms, so it may lose a few more, whole.
  if (db.dialect === 'postgresql') assert.equal(applied, point.index, `${label}: version rows ${rows.join(', ')}`)
  else assert.ok(applied <= point.index, `${label}: version rows ${rows.join(', ')}`)
  assert.equal(await snapshot(db), references.get(`${applied}:0`), `${label}: not at the boundary of revision ${rows.join(', ') || 'base'}`)
}

async function crashChain(dialect: DialectName): Promise<void> {
  const keys = new Set([...CHAIN.keys()].map((index) => `${index}:0`))
  if (dialect === 'mysql') for (const point of KILL_POINTS) keys.add(`${point.index}:${doneAt(point)}`)
  const made = project(chainScripts(dialect))
  const uninterrupted = await createTestDatabase(dialect)
  const db = await createTestDatabase(dialect)
  try {
    // Two databases of their own: built side by side.
    const [references, head] = await Promise.all([
      referenceStates(dialect, keys),
      cliOk([...target(made.migrations, uninterrupted.url), 'upgrade']).then(() => snapshot(uninterrupted)),
    ])
    assert.equal(head, references.get(`${CHAIN.length}:0`), 'the uninterrupted run differs from the statements run by hand')

    let pending: number | undefined // MariaDB: the migration whose journal a kill left open
    const resumePending = async () => {
      if (pending !== undefined) await cliOk([...target(made.migrations, db.url), 'resolve', revisionAt(pending), '--continue'])
      pending = undefined
    }
    for (const point of KILL_POINTS) {
      // The next runner to die: the one resuming the open step when the kill point is in it, else an upgrade.
      if (pending !== point.index) await resumePending()
      const argv = pending === undefined ? ['upgrade'] : ['resolve', revisionAt(pending), '--continue']
      await runKilled(made, db, argv, point)
      await checkKilledState(db, point, references)
      if (dialect === 'mysql') pending = point.index
    }
    await resumePending()
    await cliOk([...target(made.migrations, db.url), 'upgrade'])
    assert.deepEqual(await versionRows(db), [revisionAt(CHAIN.length - 1)])
    assert.equal(await unresolved(db).then((rows) => rows.length), 0)
    assert.equal(await snapshot(db), head, 'the database reached head other than an uninterrupted run does')
  } finally {
    await db.drop()
    await uninterrupted.drop()
  }
}

describe('a runner killed at every step boundary and inside statements', { concurrency: true }, () => {
  for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
    test(`${dialect}: each kill leaves a state the next command goes on from, to the head an uninterrupted run reaches`, () =>
      crashChain(dialect))
  }
})
