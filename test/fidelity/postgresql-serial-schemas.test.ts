// A SERIAL column of a table outside the search path: its default reads
// nextval('s.t_id_seq'::regclass), and pull took the qualified text for the
// sequence's name, so the rebuilt database renamed the sequence to
// "s.t_id_seq" and check never came clean on it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const sequences = (db: TestDatabase) =>
  db.query(
    `SELECT pg_get_serial_sequence('s.t', 'id') AS t, pg_get_serial_sequence('"we.ird"."Ta.ble"', 'n') AS weird,
            pg_get_serial_sequence('plain', 'id') AS plain`,
  )

describe('postgresql: a SERIAL column in a schema of its own', () => {
  const project = usePulledProject('postgresql', [
    'CREATE SCHEMA s',
    'CREATE TABLE s.t (id serial PRIMARY KEY)',
    'CREATE SCHEMA "we.ird"',
    'CREATE TABLE "we.ird"."Ta.ble" (id integer PRIMARY KEY, n bigserial)',
    'CREATE TABLE plain (id serial PRIMARY KEY)',
  ])

  test('keeps its sequence name, unqualified, as SERIAL made it', async () => {
    const { source, rebuilt, ws } = project()
    await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url, '--schema', 's', '--schema', 'we.ird'])
    assert.equal((await cli([...ws.base, 'check', '--url', source.url])).stdout, CLEAN)
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await sequences(rebuilt), await sequences(source))
    assert.deepEqual(await sequences(rebuilt), [{ t: 's.t_id_seq', weird: '"we.ird"."Ta.ble_n_seq"', plain: 'public.plain_id_seq' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})
