// PostgreSQL prints a timestamp with time zone in the session's time zone:
// the pulled models said '2022-01-01 00:00:00+00' where a server in Berlin
// printed '2022-01-01 01:00:00+01', and check wanted the index made again
// and the partition detached and attached, for the same instants.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe('postgresql: instants in bounds and predicates, read under another time zone', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE pay (id int NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)',
    "CREATE TABLE pay_2022_01 PARTITION OF pay FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00')",
    "CREATE INDEX pay_recent ON pay (id) WHERE at > '2020-01-01 00:00:00+00'",
  ])

  test('compare as the same instants', async () => {
    const { ws, rebuilt } = project()
    await pullAndRebuild(project())
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query(`ALTER DATABASE "${rebuilt.name}" SET timezone = 'Europe/Berlin'`)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
