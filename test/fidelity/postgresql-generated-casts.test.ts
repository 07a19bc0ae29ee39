// PostgreSQL stores a generated column reading a varchar column with a cast
// it adds itself: `lower(a)` comes back as `lower((a)::text)`. The key took
// the cast off and kept the parentheses round `(a)`, so check wanted the
// column dropped and added again after every upgrade, rewriting the table.
// A number it casts to the column's type, `(v * (2)::double precision)`, did
// the same.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('postgresql: a generated column over a column made varchar', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (id int PRIMARY KEY, a text, b text, g text GENERATED ALWAYS AS (lower(a) || b) STORED)',
  ])

  test('checks clean after the upgrade that retypes the column it reads', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const changed = models.replace('a: col.text()', 'a: col.string(100)').replace('b: col.text()', 'b: col.string(10)')
    assert.notEqual(changed, models)
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'varchar'])
    await cliOk([...ws.base, 'upgrade'])
    const [{ expression }] = (await rebuilt.query(
      'SELECT pg_get_expr(d.adbin, d.adrelid) AS expression FROM pg_attrdef d ' +
        "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attname = 'g'",
    )) as [{ expression: string }]
    assert.equal(expression, '(lower((a)::text) || (b)::text)')
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})

describe('postgresql: a generated column whose number PostgreSQL casts', () => {
  const project = usePulledProject('postgresql', ['CREATE TABLE t (id int PRIMARY KEY, v double precision NOT NULL, n numeric(10,2))'])

  test('checks clean after the upgrade that adds it', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const added = models.replace(
      'n: col.numeric(10, 2),',
      'n: col.numeric(10, 2),\n' +
        "  v2: col.double().generated('v * 2', { stored: true }),\n" +
        "  n2: col.numeric(12, 2).generated('n * 2', { stored: true }),",
    )
    assert.notEqual(added, models)
    writeFileSync(ws.models, added)
    await cliOk([...ws.base, 'migrate', '-m', 'doubled'])
    await cliOk([...ws.base, 'upgrade'])
    const stored = await rebuilt.query(
      "SELECT pg_get_expr(adbin, adrelid) AS e FROM pg_attrdef WHERE adrelid = 't'::regclass ORDER BY adnum",
    )
    assert.deepEqual(stored, [{ e: '(v * (2)::double precision)' }, { e: '(n * (2)::numeric)' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
