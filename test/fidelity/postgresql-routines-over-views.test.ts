// Routines were made before every view, so a function reading a view, one
// returning SETOF a view or taking its row type failed at upgrade
// ("relation v does not exist", "type v does not exist"). A routine that
// names a view the migration makes now follows the views, unless a view it
// makes calls it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

describe('postgresql: routines over views', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE t (id int)',
    'CREATE VIEW v AS SELECT count(*) AS c FROM t',
    "CREATE FUNCTION f() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT c FROM v'",
    "CREATE FUNCTION g() RETURNS SETOF v LANGUAGE sql STABLE AS 'SELECT * FROM v'",
    "CREATE FUNCTION h(x v) RETURNS bigint LANGUAGE plpgsql AS 'BEGIN RETURN x.c; END'",
    'CREATE FUNCTION k() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT c FROM v; END',
    "CREATE FUNCTION twice(n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT n * 2'",
    'CREATE VIEW w AS SELECT twice(c) AS d FROM v',
  ])

  test('are made after the views they name, and before those that call them; check is clean, and back', async () => {
    const { rebuilt, ws } = project()
    await pullAndRebuild(project())
    await rebuilt.query('INSERT INTO t VALUES (1), (2)')
    assert.deepEqual(await rebuilt.query('SELECT f() AS f, (SELECT c FROM g()) AS g, k() AS k, (SELECT d FROM w) AS d'), [
      { f: 2, g: 2, k: 2, d: 4 },
    ])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await rebuilt.query("SELECT proname FROM pg_proc WHERE proname IN ('f', 'g', 'h', 'k', 'twice')"), [])
  })
})
