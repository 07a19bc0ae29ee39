// A routine may share its name and arguments with a built-in: the airlines
// demo database makes its own now(), frozen at the day its data was taken.
// PostgreSQL looks in pg_catalog before the search path, so a bare
// `DROP FUNCTION now()` found the built-in and the downgrade failed. Such a
// drop now names the session's schema, where the bare CREATE made it.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const ownRoutines = 'SELECT proname AS name FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY 1'

describe('postgresql: routines named like a built-in', () => {
  const project = usePulledProject('postgresql', [
    "CREATE FUNCTION now() RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$ SELECT '2017-08-15 18:00:00+03'::timestamptz $$",
    "CREATE FUNCTION lower(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'shadow' $$",
    'CREATE TABLE flights (id int PRIMARY KEY, departed timestamptz DEFAULT public.now())',
  ])

  test('are changed and dropped in the session schema, the built-ins left alone', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.deepEqual(await rebuilt.query(ownRoutines), [{ name: 'lower' }, { name: 'now' }])
    // A new signature is a drop and a create: the drop must find this lower(text), not pg_catalog's.
    writeFileSync(ws.models, models.replace('FUNCTION lower(text)\n RETURNS text', 'FUNCTION lower(text)\n RETURNS varchar'))
    await cliOk([...ws.base, 'migrate', '-m', 'varchar lower'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await rebuilt.query(ownRoutines), [])
    const [{ year, l }] = (await rebuilt.query("SELECT extract(year FROM now())::int AS year, lower('X') AS l")) as [
      { year: number; l: string },
    ]
    assert.ok(year > 2017)
    assert.equal(l, 'x')
  })
})
