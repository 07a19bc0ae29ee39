// A pglite:/// data directory is a database for every command, as a
// PostgreSQL server is: the chain up and down, stamp, current, history,
// status, and the checksums that catch an applied script edited since.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { tableNames, versionRows } from './catalog.js'
import { writeMigrations } from './fixture.js'

const migrations = writeMigrations([
  {
    id: 'g1',
    down: null,
    upgrade: "  await op.createTable('account', [{ name: 'id', type: 'bigint', primaryKey: true, autoincrement: true }])",
    downgrade: "  await op.dropTable('account')",
  },
  {
    id: 'g2',
    down: 'g1',
    upgrade: "  await op.addColumn('account', { name: 'email', type: { kind: 'string', length: 120 } })",
    downgrade: "  await op.dropColumn('account', 'email')",
  },
])

describe('pglite: every command on a data directory', () => {
  const db = useTestDatabase('pglite')
  const run = (...args: string[]) => cliOk([...args, '-d', migrations, '--url', db.url])

  test('upgrade, current, history and status', async () => {
    assert.match((await run('upgrade')).stderr, /Running upgrade {2}-> g1[\s\S]*Running upgrade g1 -> g2/)
    assert.equal((await run('current')).stdout.trim(), 'g2 (head)')
    assert.match((await run('history', '--indicate-current')).stdout, /g1 -> g2 \(head\) \(current\)/)
    assert.match((await run('status')).stdout, /^lock: free$/m)
    assert.deepEqual(await tableNames(db), ['account', 'athanor_version', 'athanor_version_history'])
    assert.deepEqual(
      (await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'account' ORDER BY ordinal_position")).map(
        (row) => row['column_name'],
      ),
      ['id', 'email'],
    )
    await db.release()
  })

  test('an applied script edited since it ran is refused by its checksum', async () => {
    const file = join(migrations, 'versions', 'g2_step.ts')
    const original = readFileSync(file, 'utf8')
    writeFileSync(file, original.replace('length: 120', 'length: 200'))
    try {
      const result = await cli(['downgrade', 'g1', '-d', migrations, '--url', db.url])
      assert.equal(result.status, 1)
      assert.match(result.stderr, /edited after being applied: .*g2_step\.ts \(g2\)/)
    } finally {
      writeFileSync(file, original)
    }
  })

  test('downgrade to base, stamp head', async () => {
    await run('downgrade', 'base')
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    await db.release()
    await run('stamp', 'head')
    assert.deepEqual(await versionRows(db), ['g2'])
    await db.release()
  })
})

describe('pglite: athanor test', () => {
  test('runs on PGlite in memory, with no server', async () => {
    const result = await cliOk(['test', '-d', migrations, '--url', 'pglite://'])
    assert.match(result.stdout, /^scratch: PGlite in memory$/m)
    assert.match(result.stdout, /^ok {4}stairway/m)
    assert.match(result.stdout, /0 failed/)
  })
})
