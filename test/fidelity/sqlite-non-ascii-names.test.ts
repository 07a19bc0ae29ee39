// SQLite takes any character past ASCII in a bare name, but the reading of
// CREATE TABLE and CREATE TRIGGER text took ASCII names only: a column `ü`
// lost its COLLATE NOCASE, a generated column `ñ` came back a plain one, a
// foreign key lost DEFERRABLE and a named check its name, all while check
// against the source stayed clean; a trigger on `größe` was read as on
// "gr", and check was never clean.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('sqlite: bare names past ASCII', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE p (id INTEGER PRIMARY KEY)',
    'CREATE TABLE t (id INTEGER PRIMARY KEY, ü TEXT COLLATE NOCASE, é INT REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED, ' +
      'ñ INT AS (id + 1) STORED, ø INT CONSTRAINT cø CHECK (ø > 0))',
    'CREATE TABLE größe (id INTEGER PRIMARY KEY, wert INT, CONSTRAINT eindeutig_ö UNIQUE (wert), CONSTRAINT prüfung CHECK (wert > 0))',
    'CREATE TRIGGER trä AFTER INSERT ON größe BEGIN SELECT 1; END',
  ])

  test('keep what their definitions say, and check is clean on both sides', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /\.collate\('NOCASE'\)/)
    assert.match(models, /\.generated\('id \+ 1', \{ stored: true \}\)/)
    assert.match(models, /deferrable/)
    for (const name of ['cø', 'eindeutig_ö', 'prüfung']) assert.ok(models.includes(`'${name}'`), `${name} in ${models}`)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    for (const db of [source, rebuilt]) {
      await db.query('INSERT INTO p VALUES (1)')
      await db.query("INSERT INTO t (id, ü, é, ø) VALUES (1, 'A', 1, 1)")
    }
    const row = "SELECT ñ, ü = 'a' AS folded FROM t"
    assert.deepEqual(await rebuilt.query(row), [{ ñ: 2, folded: 1 }])
    const triggers = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
    assert.deepEqual(await rebuilt.query(triggers), [{ name: 'trä', tbl_name: 'größe' }])
  })
})
