// The offline script (`upgrade --sql`) wrote no lock_timeout, so a
// migration lint passed (it counts on the runner's 2 s default) waited for
// its lock for as long as another session held it when a DBA ran the
// printed script with psql. The script now sets what a live run sets: the
// default where the session has no lock_timeout of its own, none around a
// migration outside a transaction.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { openSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { cliOk } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'

const projects = temporaryProjects()

/** A migration that says, as a NOTICE on psql's stderr, the lock_timeout it runs with. */
const says = (revision: string) =>
  `  await op.execute("DO $$ BEGIN RAISE NOTICE '${revision} lock_timeout=%', current_setting('lock_timeout'); END $$")`

const REVISIONS = [
  {
    id: 'r1',
    down: null,
    ext: 'js' as const,
    message: 'accounts',
    upgrade: "  await op.createTable('accounts', [{ name: 'id', type: 'integer', primaryKey: true }])",
    downgrade: '',
  },
  {
    id: 'r2',
    down: 'r1',
    ext: 'js' as const,
    message: 'outside',
    upgrade: says('r2'),
    downgrade: '',
    extra: 'export const transactional = false',
  },
  {
    id: 'r3',
    down: 'r2',
    ext: 'js' as const,
    message: 'column',
    upgrade: `${says('r3')}\n  await op.addColumn('accounts', { name: 'b', type: 'integer' })`,
    downgrade: '',
  },
]

interface Run {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** A command-line client run on `file`; killed after a minute, which only a wait for nothing reaches. */
function client(command: string, args: readonly string[], file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [openSync(file, 'r'), 'ignore', 'pipe'], timeout: 60_000 })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (status, signal) => resolve({ status, signal, stderr }))
  })
}

/** `psql -v ON_ERROR_STOP=1 -f FILE`, as a DBA runs the script. */
const psql = (db: TestDatabase, file: string) => client('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, db.url], file)

/** The `mariadb` client with no option files read, the script on its stdin. */
function mariadb(db: TestDatabase, file: string): Promise<Run> {
  const url = new URL(db.url)
  return client('mariadb', ['--no-defaults', '-h', url.hostname, '-P', url.port || '3306', '-u', url.username || 'root', db.name], file)
}

/** The project at r1 on `db` (a live run), and the script of the revisions after r1 from there. */
async function scriptAfterR1(db: TestDatabase, revisions = REVISIONS, ...flags: string[]): Promise<string> {
  const made = projects(revisions)
  await cliOk([...made.base.slice(0, 2), '--url', db.url, 'upgrade', 'r1'])
  const { stdout } = await cliOk([...made.base.slice(0, 2), '--url', db.url, 'upgrade', 'r1:heads', '--sql', ...flags])
  const file = join(made.root, 'upgrade.sql')
  writeFileSync(file, stdout)
  return file
}

const noticed = (stderr: string) => [...stderr.matchAll(/NOTICE: {2}(r\d lock_timeout=\S+)/g)].map((m) => m[1])

describe('postgresql: the --sql script run with psql bounds its lock waits as a live run does', () => {
  const blocked = useTestDatabase('postgresql')
  const database = useTestDatabase('postgresql')
  const role = useTestDatabase('postgresql')

  test('an ALTER TABLE behind another session fails on lock_timeout, and psql stops there', async () => {
    const file = await scriptAfterR1(blocked)
    const holder = await blocked.connect()
    try {
      await holder.execute({ sql: 'BEGIN' })
      await holder.query('SELECT * FROM accounts')
      const run = await psql(blocked, file)
      assert.equal(run.signal, null, `psql was killed waiting for the lock:\n${run.stderr}`)
      assert.equal(run.status, 3, run.stderr)
      assert.match(run.stderr, /ERROR: {2}canceling statement due to lock timeout/)
      assert.deepEqual(noticed(run.stderr), ['r2 lock_timeout=0', 'r3 lock_timeout=2s'])
    } finally {
      await holder.execute({ sql: 'ROLLBACK' }).catch(() => undefined)
      await holder.close()
    }
    assert.deepEqual(await blocked.query('SELECT version_num FROM athanor_version'), [{ version_num: 'r2' }])
  })

  test("a lock_timeout of the database's or of the role's in it stays, outside a transaction too", async () => {
    await database.query(`ALTER DATABASE "${database.name}" SET lock_timeout = '7s'`)
    await role.query(`ALTER ROLE CURRENT_USER IN DATABASE "${role.name}" SET lock_timeout = '9s'`)
    for (const [db, kept] of [
      [database, '7s'],
      [role, '9s'],
    ] as const) {
      await db.release()
      const run = await psql(db, await scriptAfterR1(db))
      assert.equal(run.status, 0, run.stderr)
      assert.deepEqual(noticed(run.stderr), [`r2 lock_timeout=${kept}`, `r3 lock_timeout=${kept}`])
      assert.deepEqual(await db.query('SELECT version_num FROM athanor_version'), [{ version_num: 'r3' }])
    }
  })
})

describe('mysql: the --sql script run with the mariadb client bounds its lock waits with ddlLockTimeout', () => {
  const blocked = useTestDatabase('mysql')

  test('an ALTER TABLE behind another session fails on lock_wait_timeout, and the client stops there', async () => {
    const revisions = [
      REVISIONS[0]!,
      { id: 'r2', down: 'r1', ext: 'js' as const, message: 'column', upgrade: REVISIONS[2]!.upgrade.split('\n')[1]!, downgrade: '' },
    ]
    const file = await scriptAfterR1(blocked, revisions, '--ddl-lock-timeout', '1')
    const holder = await blocked.connect()
    try {
      await holder.execute({ sql: 'BEGIN' })
      await holder.query('SELECT * FROM accounts')
      const run = await mariadb(blocked, file)
      assert.equal(run.signal, null, `the client was killed waiting for the lock:\n${run.stderr}`)
      assert.equal(run.status, 1, run.stderr)
      assert.match(run.stderr, /ERROR 1205 .*Lock wait timeout exceeded/)
    } finally {
      await holder.execute({ sql: 'ROLLBACK' }).catch(() => undefined)
      await holder.close()
    }
    assert.deepEqual(await blocked.query('SELECT version_num FROM athanor_version'), [{ version_num: 'r1' }])
  })
})
