// A partitioned table renamed with --rename-table keeps its partitions
// attached, but the migration also carried a note asking for a DETACH and
// an ATTACH by hand, in both directions, for a move nobody made.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('postgresql: a partitioned table renamed', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE m (id int NOT NULL, d date NOT NULL, PRIMARY KEY (id, d)) PARTITION BY RANGE (d)',
    "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  ])

  test('is a rename alone: its partitions follow it', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    const renamed = models.replace("table('m',", "table('m2',").replace("partition('m_2024', 'm',", "partition('m_2024', 'm2',")
    assert.notEqual(renamed, models)
    writeFileSync(ws.models, renamed)
    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-table', 'm:m2'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_renamed.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /renameTable/)
    assert.doesNotMatch(script, /DETACH|moved from/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    const parent = "SELECT inhparent::regclass::text AS p FROM pg_inherits WHERE inhrelid = 'm_2024'::regclass"
    assert.deepEqual(await rebuilt.query(parent), [{ p: 'm2' }])
  })
})
