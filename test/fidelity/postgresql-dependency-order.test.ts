// Three orders PostgreSQL enforces that migrations broke at upgrade:
// a column dropped before the generated column that reads it, a table
// made before the table whose SERIAL column makes the sequence its
// default draws from, and two neighbouring partitions whose shared bound
// moved, the first attached again over the range the second still held
// (and, when the parent changed too, each attached as the parent now is).
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: dependencies that decide the order of a migration', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE w (id int PRIMARY KEY, a int, g int GENERATED ALWAYS AS (a + 1) STORED, keep text)',
    "INSERT INTO w (id, a, keep) VALUES (1, 1, 'kept')",
    'CREATE TABLE zz (id serial PRIMARY KEY)',
    "CREATE TABLE aa (id int DEFAULT nextval('zz_id_seq') PRIMARY KEY)",
    'CREATE TABLE p (k int NOT NULL) PARTITION BY RANGE (k)',
    'CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (10) TO (20)',
    'CREATE TABLE p3 PARTITION OF p FOR VALUES FROM (20) TO (30)',
    'INSERT INTO p VALUES (12), (27)',
  ])

  test('are kept up and down, rows and all', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO w (id, a, keep) VALUES (1, 1, 'kept')")
    await rebuilt.query('INSERT INTO p VALUES (12), (27)')
    const changed = models
      .replace(/\n\s*a: col\.integer\(\),/, '\n')
      .replace(/\n\s*g: col\.integer\(\)\.generated\([^\n]*\),/, '\n')
      .replace('FOR VALUES FROM (10) TO (20)', 'FOR VALUES FROM (10) TO (25)')
      .replace('FOR VALUES FROM (20) TO (30)', 'FOR VALUES FROM (25) TO (30)')
      // The parent changes too: a partition detached for its bounds is attached to the parent as it now is.
      .replace('k: col.integer().notNull(),', 'k: col.integer().notNull(),\n  note: col.text(),')
    assert.equal((changed.match(/FROM \(25\)|TO \(25\)/g) ?? []).length, 2, 'the pulled models hold both bounds')
    assert.doesNotMatch(changed, /\ba: col|\bg: col/)
    assert.match(changed, /note: col\.text\(\)/)
    writeFileSync(ws.models, changed)
    await cliOk([...ws.base, 'migrate', '-m', 'reordered'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await rebuilt.query('SELECT * FROM w'), [{ id: 1, keep: 'kept' }])
    assert.deepEqual(await rebuilt.query('SELECT tableoid::regclass::text AS part, k FROM p ORDER BY k'), [
      { part: 'p2', k: 12 },
      { part: 'p3', k: 27 },
    ])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query('SELECT id, a, g, keep FROM w'), [{ id: 1, a: null, g: null, keep: 'kept' }])
    await cliOk([...ws.base, 'downgrade', 'base'])
  })
})
