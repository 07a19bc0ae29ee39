import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, test } from 'node:test'
import { assertCleanError, BIN, runBin } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { type Project, type RevisionDef, temporaryProjects } from '../helpers/project.js'
import { target } from './fixtures.js'

const project = temporaryProjects()

const ITEMS = 'a10000000001'
const INDEX = 'b20000000002'

const items: RevisionDef = {
  id: ITEMS,
  down: null,
  ext: 'js',
  upgrade: [
    "  await op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'text' }])",
    '  await op.execute("INSERT INTO items SELECT g, \'item \' || g FROM generate_series(1, 2000) AS g")',
  ].join('\n'),
}

/** The step under test: an index built without blocking writes, outside a transaction. */
const concurrently: RevisionDef = {
  id: INDEX,
  down: ITEMS,
  ext: 'js',
  upgrade: "  await op.execute('CREATE INDEX CONCURRENTLY ix_items_name ON items (name)')",
  downgrade: "  await op.execute('DROP INDEX CONCURRENTLY ix_items_name')",
  extra: 'export const transactional = false',
}

/** Polls until `check` holds; the cap turns a hang into a failure, and nothing asserts how long it took. */
async function until(what: string, check: () => Promise<boolean>, capMs = 25_000): Promise<void> {
  const deadline = Date.now() + capMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await sleep(50)
  }
}

/** Backends of the test database (other than the asking one) running a statement that starts with `prefix`. */
async function backendsRunning(db: TestDatabase, prefix: string, waiting = false): Promise<number[]> {
  const rows = await db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ' +
      `AND state = 'active' AND query LIKE $1 ${waiting ? "AND wait_event_type = 'Lock'" : ''}`,
    [`${prefix}%`],
  )
  return rows.map((row) => Number(row['pid']))
}

async function indexValidity(db: TestDatabase, name: string): Promise<boolean[]> {
  const rows = await db.query('SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1', [
    name,
  ])
  return rows.map((row) => row['valid'] === true)
}

async function versions(db: TestDatabase): Promise<string[]> {
  return (await db.query('SELECT version_num FROM athanor_version')).map((row) => String(row['version_num']))
}

/**
 * Kills the runner (SIGKILL) while its CREATE INDEX CONCURRENTLY waits: a
 * transaction of the test holds a write lock on the table, which the build
 * waits out after it committed the index's catalog entry, so the kill
 * always lands after the index exists and before it is valid. The server
 * does not notice a dead client while a backend waits on a lock, so the
 * runner's backend is terminated too, as an operator would.
 */
async function killDuringIndexBuild(db: TestDatabase, made: Project): Promise<void> {
  const blocker = await db.connect()
  try {
    await blocker.begin()
    await blocker.execute({ sql: "INSERT INTO items VALUES (0, 'held open by the test')" })
    const child = spawn(process.execPath, [BIN, ...target(made.migrations, db.url), 'upgrade'], { cwd: made.root, stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    let backends: number[] = []
    await until('the index build to wait for the test’s transaction', async () => {
      backends = await backendsRunning(db, 'CREATE INDEX CONCURRENTLY', true)
      return backends.length > 0
    })
    child.kill('SIGKILL')
    await exited
    for (const pid of backends) await db.query('SELECT pg_terminate_backend($1)', [pid])
    await until('the runner’s backend to end', async () => (await backendsRunning(db, 'CREATE INDEX CONCURRENTLY')).length === 0)
  } finally {
    await blocker.rollback().catch(() => undefined)
    await blocker.close()
  }
}

/**
 * An invalid index the step under test does not build: a concurrent
 * unique index whose build fails on duplicate values is left INVALID.
 */
async function failUniqueIndexBuild(db: TestDatabase): Promise<void> {
  await db.query("INSERT INTO items VALUES (-1, 'twice'), (-2, 'twice')")
  await assert.rejects(db.query('CREATE UNIQUE INDEX CONCURRENTLY ix_items_name_unique ON items (name)'), /could not create unique index/)
}

interface CurrentJson {
  databases: Array<{ revisions: Array<{ revision: string }>; invalidIndexes: Array<Record<string, string>> }>
}

describe('PostgreSQL: a runner killed during CREATE INDEX CONCURRENTLY', () => {
  const db = useTestDatabase('postgresql')
  let made: Project
  const athanor = (...args: string[]) => runBin([...target(made.migrations, db.url), ...args], { cwd: made.root })

  test('leaves the index INVALID and the step unresolved', async () => {
    made = project([items, concurrently])
    const first = await athanor('upgrade', ITEMS)
    assert.equal(first.status, 0, first.stderr)
    await killDuringIndexBuild(db, made)
    assert.deepEqual(await indexValidity(db, 'ix_items_name'), [false])
    assert.deepEqual(await versions(db), [ITEMS])
    await failUniqueIndexBuild(db)
    assert.deepEqual(await indexValidity(db, 'ix_items_name_unique'), [false])
  })

  test('current reports each invalid index: a warning line in text, a field in --json', async () => {
    const text = await athanor('current')
    assert.equal(text.status, 0, text.stderr)
    // The revision, then the step the kill left unfinished (the statement journal's line).
    const [at, unfinished] = text.stdout.split('\n')
    assert.equal(at, ITEMS)
    assert.match(unfinished!, new RegExp(`^Unfinished: upgrade of revision ${INDEX} .* stopped `))
    const warnings = text.stderr.split('\n').filter((line) => line.startsWith('warning: index '))
    assert.deepEqual(
      warnings.map((line) => line.split(' is INVALID')[0]),
      ['warning: index "public"."ix_items_name" on table items', 'warning: index "public"."ix_items_name_unique" on table items'],
    )
    const json = await athanor('current', '--json')
    assert.equal(json.status, 0, json.stderr)
    const [database] = (JSON.parse(json.stdout) as CurrentJson).databases
    assert.deepEqual(database?.invalidIndexes, [
      { schema: 'public', table: 'items', name: 'ix_items_name', qualifiedName: '"public"."ix_items_name"' },
      { schema: 'public', table: 'items', name: 'ix_items_name_unique', qualifiedName: '"public"."ix_items_name_unique"' },
    ])
  })

  test('upgrade refuses, naming the unresolved revision and the invalid indexes', async () => {
    const refused = await athanor('upgrade')
    assertCleanError(refused, `revision ${INDEX}`, 'stopped during statement 1 of 1', '"public"."ix_items_name" on table items', 'INVALID')
  })

  test('resolve --applied refuses while the index the step builds is invalid, naming it and the revision', async () => {
    const refused = await athanor('resolve', INDEX, '--applied')
    const line = assertCleanError(refused, `revision ${INDEX}`, '"public"."ix_items_name" on table items', 'INVALID', '--retry')
    // The other invalid index is not the step's, so it is not why --applied refuses.
    assert.doesNotMatch(line, /ix_items_name_unique/)
    assert.deepEqual(await versions(db), [ITEMS])
  })

  test('resolve --retry drops the invalid index the step built, leaves the other, and builds it again', async () => {
    const retried = await athanor('resolve', INDEX, '--retry')
    assert.equal(retried.status, 0, retried.stderr)
    assert.match(retried.stderr, /^Dropped the invalid index "public"\."ix_items_name" on table items /m)
    assert.match(retried.stderr, /^warning: index "public"\."ix_items_name_unique" on table items is INVALID/m)
    assert.deepEqual(await indexValidity(db, 'ix_items_name'), [true])
    assert.deepEqual(await indexValidity(db, 'ix_items_name_unique'), [false])
    assert.deepEqual(await versions(db), [INDEX])
    const recorded = await db.query("SELECT count(*) AS n FROM athanor_version_history WHERE revision = $1 AND status = 'succeeded'", [
      INDEX,
    ])
    assert.equal(Number(recorded[0]?.['n']), 1)
  })
})
