// A table's REPLICA IDENTITY (FULL, NOTHING, USING INDEX) is a postgresql
// table option: pulled, set after the table and its indexes are made,
// compared, and a change is set back by the downgrade, finding in each
// direction the index it names. Before, it was listed as not represented,
// and change data capture reading old values got only the key from a
// rebuilt table.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE TABLE orders (id integer PRIMARY KEY, code text NOT NULL, ref text NOT NULL, CONSTRAINT orders_code_key UNIQUE (code))',
  'ALTER TABLE orders REPLICA IDENTITY USING INDEX orders_code_key',
  'CREATE TABLE events (id integer PRIMARY KEY, body text)',
  'ALTER TABLE events REPLICA IDENTITY FULL',
  'CREATE TABLE logs (line text)',
  'ALTER TABLE logs REPLICA IDENTITY NOTHING',
]

async function identities(db: TestDatabase): Promise<unknown[]> {
  return db.query(`SELECT c.relname, c.relreplident::text AS identity, (SELECT i.relname FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident) AS index
    FROM pg_class c WHERE c.relname IN ('orders', 'events', 'logs') ORDER BY 1`)
}

describe('postgresql: replica identity pulled and migrated', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('is kept for each table', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /replicaIdentity: \{ index: 'orders_code_key' \}/)
    assert.match(models, /replicaIdentity: 'full'/)
    assert.match(models, /replicaIdentity: 'nothing'/)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await identities(rebuilt), await identities(source))
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })

  test('moved to a new index whose old one goes, and back to the key, then undone by the downgrade', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = readFileSync(ws.models, 'utf8')
    writeFileSync(
      ws.models,
      pulled
        .replace(
          "uniques: [unique(['code'], { name: 'orders_code_key' })],",
          "indexes: [index(['ref'], { name: 'orders_ref_key', unique: true })],",
        )
        .replace("replicaIdentity: { index: 'orders_code_key' }", "replicaIdentity: { index: 'orders_ref_key' }")
        .replace("  postgresql: { replicaIdentity: 'full' },\n", '')
        .replace('import { col,', 'import { index, col,'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'identity'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await identities(rebuilt), [
      { relname: 'events', identity: 'd', index: null },
      { relname: 'logs', identity: 'n', index: null },
      { relname: 'orders', identity: 'i', index: 'orders_ref_key' },
    ])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await identities(rebuilt), await identities(source))
    await cliOk([...ws.base, 'upgrade'])
  })

  test('an index the table does not have fails at migrate, naming it', async () => {
    const { ws } = project()
    writeFileSync(ws.models, readFileSync(ws.models, 'utf8').replace("{ index: 'orders_ref_key' }", "{ index: 'orders_gone' }"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, '"orders"', 'orders_gone')
  })
})

describe('setReplicaIdentity', () => {
  test('is one ALTER TABLE, and its reverse sets the identity it had', () => {
    const op = { kind: 'set_replica_identity', table: 'orders', identity: { index: 'orders_ref_key' }, previous: 'full' } as const
    assert.deepEqual(postgresCompiler.compileSql(op, 'offline'), [
      { sql: 'ALTER TABLE "orders" REPLICA IDENTITY USING INDEX "orders_ref_key"' },
    ])
    assert.deepEqual(reverseOperation(op), { kind: 'set_replica_identity', table: 'orders', identity: 'full', previous: op.identity })
    assert.deepEqual(postgresCompiler.compileSql(reverseOperation(op), 'offline'), [{ sql: 'ALTER TABLE "orders" REPLICA IDENTITY FULL' }])
  })
})
