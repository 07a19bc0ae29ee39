// A table's own facts (its comment, UNLOGGED, storage parameters, partition
// key) were read from the row of its column number 1: a table whose first
// column had been dropped was pulled without them, a partitioned one as a
// plain table, and check saw nothing. They now come from its first live
// column, whatever its number.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE UNLOGGED TABLE cache (legacy_id integer, k text PRIMARY KEY, v text) WITH (fillfactor = 70)',
  "COMMENT ON TABLE cache IS 'hot keys'",
  'ALTER TABLE cache DROP COLUMN legacy_id',
  'CREATE TABLE readings (legacy integer, taken date NOT NULL, value numeric) PARTITION BY RANGE (taken)',
  'ALTER TABLE readings DROP COLUMN legacy',
]

/** Each table's persistence, options, partition key and comment as the catalog holds them. */
async function tableFacts(db: TestDatabase): Promise<unknown[]> {
  return db.query(
    `SELECT c.relname, c.relkind, c.relpersistence, c.reloptions,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey, obj_description(c.oid, 'pg_class') AS comment
     FROM pg_class c WHERE c.relname IN ('cache', 'readings') ORDER BY 1`,
  )
}

describe('postgresql: tables whose first column was dropped', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('are pulled with their comment, options and partition key, rebuilt equal, and check clean', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    const facts = await tableFacts(source)
    assert.equal(facts.length, 2)
    assert.deepEqual(await tableFacts(rebuilt), facts)
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })
})
