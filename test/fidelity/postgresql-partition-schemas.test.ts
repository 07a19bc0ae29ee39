// A partition in another schema than its table (GitLab keeps its static and
// dynamic partitions so): the parent in the home schema lost its schema's
// name in the models, so check against the source wanted the partition
// added, and upgrade made it a partition of a table of that name in the
// partition's own schema, which failed ("relation parts.ev does not exist").
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'
const partitions =
  "SELECT n.nspname || '.' || c.relname AS partition, pn.nspname || '.' || p.relname AS parent, " +
  'pg_get_expr(c.relpartbound, c.oid) AS bounds FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid ' +
  'JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class p ON p.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace ' +
  "WHERE c.relkind IN ('r', 'p') ORDER BY 1"

describe('postgresql: a partition in another schema than its table', () => {
  const project = usePulledProject('postgresql', [
    'CREATE SCHEMA parts',
    'CREATE TABLE ev (id int, d date) PARTITION BY RANGE (d)',
    "CREATE TABLE parts.ev_2020 PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
  ])

  test('is pulled with its table in the home schema, check is clean on the source, and it is rebuilt there', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url, '--schema', 'parts'])
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rebuilt.query(partitions), await source.query(partitions))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await rebuilt.query(partitions), [])
  })
})
