// Bounds on a timestamp key written as a bare date in the models: PostgreSQL
// prints them back with the midnight spelled out, and every migrate after
// the upgrade detached and attached the partition again.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('postgresql: partition bounds on a timestamp written as dates', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE ev (id int NOT NULL, at timestamp NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)',
    "CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
  ])

  test('are the same bounds as the midnights the database prints', async () => {
    const { ws } = project()
    const { models } = await pullAndRebuild(project())
    const asDates = models.replace(/'(\d{4}-\d{2}-\d{2}) 00:00:00'/g, "'$1'")
    assert.notEqual(asDates, models)
    writeFileSync(ws.models, asDates)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'migrate', '-m', 'none'])
    assert.deepEqual(
      readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_none.ts')),
      [],
    )
    writeFileSync(ws.models, asDates.replace("'2025-01-01'", "'2025-01-01 06:00'"))
    assert.match((await cli([...ws.base, 'check'])).stdout, /change bounds of partition ev_2024/)
  })
})
