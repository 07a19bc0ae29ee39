// A SQLite foreign key may leave out the parent's columns (REFERENCES p): it
// then refers to the parent's primary key, and pragma_foreign_key_list gives
// no column. pull wrote the child's own key there, or `id`, so the rebuilt
// child referred to a column its parent lacks and every write through it
// failed ("foreign key mismatch"), while check was clean on both sides.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe('sqlite: a foreign key to the parent without its columns', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE p (pk INTEGER PRIMARY KEY)',
    'CREATE TABLE c (id INTEGER PRIMARY KEY, x INTEGER REFERENCES p)',
    'CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (b, a))',
    'CREATE TABLE c2 (m TEXT, n TEXT, FOREIGN KEY (m, n) REFERENCES pair)',
  ])

  test("refers to the parent's primary key, in its order, and writes go through", async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /foreignKey\(\['x'\], 'p', \['pk'\]/)
    assert.match(models, /foreignKey\(\['m', 'n'\], 'pair', \['b', 'a'\]/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('PRAGMA foreign_keys = ON')
    await rebuilt.query('INSERT INTO p VALUES (1)')
    await rebuilt.query('INSERT INTO c VALUES (1, 1)')
    await rebuilt.query("INSERT INTO pair VALUES ('a', 'b')")
    await rebuilt.query("INSERT INTO c2 VALUES ('b', 'a')")
    await assert.rejects(rebuilt.query('INSERT INTO c VALUES (2, 2)'), /FOREIGN KEY constraint failed/)
  })
})
