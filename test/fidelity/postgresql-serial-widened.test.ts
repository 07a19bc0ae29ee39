// A SERIAL column widened to bigint left its sequence AS integer: the
// migration that exists to lift the integer's limit kept it, and new rows
// failed at 2147483647 ("reached maximum value of sequence"), while check
// was clean. The sequence now takes the column's type with it, both ways.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const sequenceType =
  "SELECT format_type(seqtypid, NULL) AS type, seqmax::text AS max FROM pg_sequence WHERE seqrelid = 'a_id_seq'::regclass"

describe('postgresql: a SERIAL key widened to bigint', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE a (id serial PRIMARY KEY, name text)',
    'CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))',
  ])

  test('widens its sequence, and the downgrade narrows it again', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    const widened = models
      .replace(/id: col\.integer\(\)(\.primaryKey\(\)\.serial)/, 'id: col.bigint()$1')
      .replace('a_id: col.integer()', 'a_id: col.bigint()')
    assert.notEqual(widened, models)
    writeFileSync(ws.models, widened)
    await cliOk([...ws.base, 'migrate', '-m', 'bigint'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    assert.deepEqual(await rebuilt.query(sequenceType), [{ type: 'bigint', max: '9223372036854775807' }])
    await rebuilt.query("SELECT setval('a_id_seq', 2147483647)")
    await rebuilt.query("INSERT INTO a (name) VALUES ('past the integer')")
    await rebuilt.query('DELETE FROM a')
    await rebuilt.query("SELECT setval('a_id_seq', 1, false)")
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(sequenceType), [{ type: 'integer', max: '2147483647' }])
  })
})
