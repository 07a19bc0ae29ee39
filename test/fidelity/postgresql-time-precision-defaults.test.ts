// PostgreSQL's CURRENT_TIMESTAMP(0) keeps whole seconds where now() keeps
// microseconds, and both compared as one default: a model changed from one
// to the other made no migration, and rows went on taking the old one.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: a time default with a precision of its own', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (id int PRIMARY KEY, made timestamptz DEFAULT now(), seen timestamp DEFAULT LOCALTIMESTAMP(0))',
  ])

  test('round-trips, and a change of precision is a migration both ways', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    writeFileSync(ws.models, models.replace("sql('now()')", "sql('CURRENT_TIMESTAMP(0)')"))
    await cliOk([...ws.base, 'migrate', '-m', 'whole seconds'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query('INSERT INTO t (id) VALUES (1)')
    const fraction = 'SELECT extract(microseconds FROM made)::int % 1000000 AS f FROM t'
    assert.deepEqual(await rebuilt.query(fraction), [{ f: 0 }])
    await rebuilt.query('DELETE FROM t')
    await cliOk([...ws.base, 'downgrade', '-1'])
    const [{ d }] = (await rebuilt.query(
      "SELECT column_default AS d FROM information_schema.columns WHERE table_name = 't' AND column_name = 'made'",
    )) as [{ d: string }]
    assert.equal(d, 'now()')
  })
})
