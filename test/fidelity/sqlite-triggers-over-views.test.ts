// SQLite checks every trigger when a table is renamed, and a rebuild
// renames one: a trigger on another table reading a view that the
// migration dropped around the change failed it ("error in trigger
// trg_log: no such table: main.va"), for a rebuild and a column rename alike.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('sqlite: a trigger that reads a view over a changed table', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE tracks (id INTEGER PRIMARY KEY, ms INTEGER)',
    'CREATE TABLE log (id INTEGER PRIMARY KEY, n INTEGER)',
    'CREATE VIEW va AS SELECT count(*) AS n FROM tracks',
    'CREATE TRIGGER trg_log AFTER INSERT ON log BEGIN UPDATE log SET n = (SELECT n FROM va) WHERE id = NEW.id; END',
  ])

  test('goes before the view and comes back after it, through a rebuild and a rename', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    await rebuilt.query('INSERT INTO tracks VALUES (1, 10), (2, 20)')
    writeFileSync(ws.models, models.replace('ms: col.integer(),', 'ms: col.integer().notNull().default(0),'))
    await cliOk([...ws.base, 'migrate', '-m', 'rebuilt'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')

    writeFileSync(ws.models, readFileSync(ws.models, 'utf8').replace('  ms: ', '  dur: '))
    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-column', 'tracks.ms:dur'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('INSERT INTO log (id) VALUES (1)')
    assert.deepEqual(await rebuilt.query('SELECT n FROM log'), [{ n: 2 }])
    await cliOk([...ws.base, 'downgrade', '-2'])
    assert.deepEqual(await rebuilt.query("SELECT name FROM sqlite_master WHERE type = 'trigger'"), [{ name: 'trg_log' }])
  })
})
