// A function with a SQL-standard body (BEGIN ATOMIC, RETURN) is parsed as
// it is made, and PostgreSQL records the views and columns it reads: it
// refuses to drop such a view or change such a column's type under it.
// A migration that changed a view the function reads, or the type of a
// column it reads, failed at upgrade. Such a function is now dropped
// before the change and made again after it, in both directions.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: functions parsed as they are made, over a view or a column that changes', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE base (id int PRIMARY KEY, a int, b text)',
    "INSERT INTO base VALUES (1, 2, 'x')",
    'CREATE VIEW v1 AS SELECT id, a FROM base',
    'CREATE FUNCTION vf() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM v1; END',
    'CREATE FUNCTION sb() RETURNS text LANGUAGE sql RETURN (SELECT max(b) FROM base)',
  ])

  test('are made again around the change, up and down', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    await rebuilt.query("INSERT INTO base VALUES (1, 2, 'x')")
    const changed = models.replace(/FROM base;`\)/, 'FROM base WHERE a > 0;`)').replace('b: col.text()', 'b: col.string(50)')
    assert.notEqual(changed.match(/WHERE a > 0/), null, 'the pulled view')
    assert.notEqual(changed.match(/b: col\.string\(50\)/), null, 'the pulled column')
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'under the functions'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await rebuilt.query('SELECT vf() AS n, sb() AS b'), [{ n: 1, b: 'x' }])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query('SELECT vf() AS n, sb() AS b'), [{ n: 1, b: 'x' }])
  })
})
