import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { tableNames, versionRows } from './catalog.js'
import { writeMigrations } from './fixture.js'

// PostgreSQL's DDL is transactional: a migration that fails half-way leaves
// no table, column or row of its own behind.
const migrations = writeMigrations([
  {
    id: 'p1',
    down: null,
    upgrade: [
      `  await op.createTable('account', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'text' }])`,
      `  await op.bulkInsert('account', [{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }])`,
    ].join('\n'),
    downgrade: `  await op.dropTable('account')`,
  },
  {
    id: 'p2',
    down: 'p1',
    upgrade: [
      `  await op.createTable('audit', [{ name: 'id', type: 'integer', primaryKey: true }])`,
      `  await op.addColumn('account', { name: 'email', type: 'text' })`,
      `  await op.execute("UPDATE account SET name = 'changed'; CREATE INDEX ix_account_name ON account (name)")`,
      `  await op.alterColumn('account', 'name', { nullable: false, newName: 'full_name' })`,
      `  await op.execute('SELECT 1 / 0')`,
    ].join('\n'),
  },
])

async function assertAtP1(db: ReturnType<typeof useTestDatabase>): Promise<void> {
  assert.deepEqual(await versionRows(db), ['p1'])
  assert.deepEqual(await tableNames(db), ['account', 'athanor_version', 'athanor_version_history'])
  assert.deepEqual(await db.query('SELECT * FROM account ORDER BY id'), [
    { id: 1, name: 'ada' },
    { id: 2, name: 'bob' },
  ])
  assert.deepEqual(await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'account'"), [{ indexname: 'account_pkey' }])
  assert.deepEqual(await db.query('SELECT count(*) AS open FROM pg_locks WHERE NOT granted'), [{ open: 0 }])
  // PGlite's database opens in one process at a time: the CLI's, next.
  await db.release()
}

for (const server of ['postgresql', 'pglite'] as const) {
  describe(`${server}: a failing migration rolls back completely`, () => {
    const db = useTestDatabase(server)

    test('the run stops at the previous revision, its schema and its data', async () => {
      const result = await cli(['upgrade', '-d', migrations, '--url', db.url])
      assert.equal(result.status, 1)
      assert.match(result.stderr, /error: upgrade of revision p2 .*division by zero/)
      await assertAtP1(db)
    })

    test('a retry fails the same way and changes nothing', async () => {
      const result = await cli(['upgrade', '-d', migrations, '--url', db.url])
      assert.equal(result.status, 1)
      await assertAtP1(db)
    })
  })
}

describe('postgresql: ?schema= puts the version table and the migrations in that schema', () => {
  const db = useTestDatabase('postgresql')

  test('upgrade and downgrade within the schema; public stays empty', async () => {
    await db.query('CREATE SCHEMA tenant')
    const url = `${db.url}?schema=tenant`
    await cliOk(['upgrade', '-d', migrations, '--url', url, 'p1'])
    assert.deepEqual(await tableNames(db, 'tenant'), ['account', 'athanor_version', 'athanor_version_history'])
    assert.deepEqual(await tableNames(db, 'public'), [])
    assert.match((await cliOk(['current', '-d', migrations, '--url', url])).stdout, /p1/)
    await cliOk(['downgrade', '-d', migrations, '--url', `${db.url}?options=-csearch_path%3Dtenant`, 'base'])
    assert.deepEqual(await tableNames(db, 'tenant'), ['athanor_version', 'athanor_version_history'])
  })

  test('a schema that does not exist is one clear error', async () => {
    const result = await cli(['upgrade', '-d', migrations, '--url', `${db.url}?schema=missing`])
    assert.equal(result.status, 1)
    assert.match(result.stderr, /^error: schema "missing" does not exist in PostgreSQL database "athanor_t_\w+": create it first/)
  })
})
