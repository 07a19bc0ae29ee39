// athanor status: where each database stands, exit 0 up to date, 1 not, 2 on error.
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, temporaryProjects, type RevisionDef } from '../helpers/project.js'
import { sqliteLockFile } from '../../src/dialect/sqlite/lock.js'
import type { StatusResult } from '../../src/command/status.js'

const project = temporaryProjects()
const A = 'sta000000001'
const B = 'stb000000002'

const HALF_DONE: RevisionDef = {
  id: B,
  down: A,
  message: 'half done',
  upgrade: "  await op.execute('CREATE TABLE half (id INTEGER)')\n  await op.execute('INSERT INTO missing_table VALUES (1)')",
  downgrade: "  await op.execute('DROP TABLE half')",
  extra: 'export const transactional = false',
}

async function statusJson(base: readonly string[]): Promise<{ status: number; result: StatusResult }> {
  const run = await cli([...base, 'status', '--json'])
  return { status: run.status, result: JSON.parse(run.stdout) as StatusResult }
}

describe('athanor status', () => {
  test('a database not created yet: everything pending, exit 1, and no file is created', async () => {
    const made = project(chain([A, B]))
    const run = await cli([...made.base, 'status'])
    assert.equal(run.status, 1, run.stderr)
    assert.match(run.stdout, /does not exist yet \(at base\)\n2 pending:\n {2}sta000000001 {2}create t_sta000000001\n {2}stb000000002/)
    assert.match(run.stdout, /^Not up to date\.$/m)
    assert.equal(existsSync(made.dbPath), false)
  })

  test('part way: current, pending count and list; at head: up to date, exit 0', async () => {
    const made = project(chain([A, B]))
    await cliOk([...made.base, 'upgrade', A])
    const partway = await statusJson(made.base)
    assert.equal(partway.status, 1)
    const [one] = partway.result.databases
    assert.deepEqual(one?.current, [A])
    assert.deepEqual(
      one?.pending.map((p) => p.revision),
      [B],
    )
    assert.deepEqual(one?.lock, { held: false })
    await cliOk([...made.base, 'upgrade'])
    const done = await cli([...made.base, 'status'])
    assert.equal(done.status, 0)
    assert.match(done.stdout, /: at stb000000002\nno pending revision \(heads: stb000000002\)\nlock: free\nUp to date\.\n$/)
  })

  test('an unresolved step and an edited applied script are reported, and make it exit 1', async () => {
    const made = project([...chain([A]), HALF_DONE])
    assert.equal((await cli([...made.base, 'upgrade'])).status, 1)
    const run = await cli([...made.base, 'status'])
    assert.equal(run.status, 1)
    assert.match(
      run.stdout,
      /unresolved: upgrade of revision stb000000002 \(.*\) failed at statement 2 of 2: .*missing_table.*resolve stb000000002 --continue/,
    )

    const edited = project(chain([A]))
    await cliOk([...edited.base, 'upgrade'])
    const path = edited.write({ id: A, message: 'create t_sta000000001', upgrade: "  await op.execute('SELECT 1')" })
    const after = await cli([...edited.base, 'status'])
    assert.equal(after.status, 1)
    assert.ok(after.stdout.includes(`edited: ${path} (${A}) changed after it was applied`), after.stdout)
  })

  test('a lock held by another process is reported', async () => {
    const made = project(chain([A]))
    await cliOk([...made.base, 'upgrade'])
    const holder = new Database(sqliteLockFile(made.dbPath), { timeout: 0 })
    holder.exec('BEGIN IMMEDIATE')
    try {
      const { status, result } = await statusJson(made.base)
      assert.equal(status, 0, 'a held lock alone is not something pending')
      assert.equal(result.databases[0]?.lock.held, true)
      assert.match((await cli([...made.base, 'status'])).stdout, /^lock: held by another process \(lock file .*-athanor-lock\)$/m)
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    assert.deepEqual((await statusJson(made.base)).result.databases[0]?.lock, { held: false })
  })

  test('an error exits 2', async () => {
    const made = project(chain([A]))
    writeFileSync(made.dbPath, '')
    const db = new Database(made.dbPath)
    db.exec("CREATE TABLE athanor_version (version_num VARCHAR(32) NOT NULL); INSERT INTO athanor_version VALUES ('nowhere00000')")
    db.close()
    assertCleanError(await cli([...made.base, 'status']), { status: 2 }, 'nowhere00000')
    assertCleanError(await cli(['-d', made.migrations, 'status']), { status: 2 }, 'DATABASE_URL')
  })
})
