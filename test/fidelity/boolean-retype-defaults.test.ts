// A column turned from a number into a boolean keeps a default that says
// the same: `1` and `TRUE` compare equal, so the migration put the old
// default back on the new type, and PostgreSQL refused it at upgrade
// ("default expression is of type integer"). Across that line the models'
// default is now set, and the downgrade sets the old one again.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const defaults =
  "SELECT column_name AS c, data_type AS t, column_default AS d FROM information_schema.columns WHERE table_name = 't' ORDER BY 1"

describe('postgresql: a number column made boolean, and back, with its default', () => {
  const project = usePulledProject('postgresql', ['CREATE TABLE t (id int PRIMARY KEY, flag int DEFAULT 1, done boolean DEFAULT false)'])

  test('upgrades with the new default, checks clean and downgrades to the old one', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const before = await rebuilt.query(defaults)
    const changed = models
      .replace('flag: col.integer().default(1)', 'flag: col.boolean().default(true)')
      .replace('done: col.boolean().default(false)', 'done: col.integer().default(0)')
    assert.notEqual(changed, models)
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'retype'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('INSERT INTO t (id) VALUES (1)')
    assert.deepEqual(await rebuilt.query('SELECT flag, done FROM t'), [{ flag: true, done: 0 }])
    await rebuilt.query('DELETE FROM t')
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(defaults), before)
  })
})
