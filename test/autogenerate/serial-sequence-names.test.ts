// A SERIAL column keeps its sequence's name through a round trip. A table
// renamed after it was made keeps its sequence's old name (`a_id_seq` under
// table `b`), and code calls nextval('a_id_seq'); pull wrote
// `.serial('a_id_seq')`, but the migration made plain SERIAL, named
// `b_id_seq` on the new database.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { defaultSerialSequence } from '../../src/dialect/postgresql/serial-names.js'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: the sequence of a SERIAL column', () => {
  const source = useTestDatabase('postgresql')
  const ws = useWorkspace(source)

  test('is named as PostgreSQL names it, long names cut as the server cuts them', async () => {
    const long = 'a_table_name_that_goes_on_and_on_for_a_while'
    const column = 'a_column_name_that_is_also_rather_long'
    await source.query(`CREATE TABLE ${long} (${column} serial, id serial)`)
    const rows = await source.query(
      `SELECT pg_get_serial_sequence('${long}', '${column}') AS a, pg_get_serial_sequence('${long}', 'id') AS b`,
    )
    assert.deepEqual(rows, [{ a: `public.${defaultSerialSequence(long, column)}`, b: `public.${defaultSerialSequence(long, 'id')}` }])
    await source.query(`DROP TABLE ${long}`)
  })

  test('named for a table since renamed, is made under that name on a new database', async () => {
    await source.query('CREATE TABLE a (id serial PRIMARY KEY, n serial)')
    await source.query('ALTER TABLE a RENAME TO b')
    await source.query('INSERT INTO b DEFAULT VALUES')
    await cliOk([...ws.base, 'pull', '-o', ws.models])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /id: col\.integer\(\)\.notNull\(\)\.serial\('a_id_seq'\)/)

    const target = await createTestDatabase('postgresql')
    try {
      const base = ['-d', ws.directory, '--url', target.url]
      writeFileSync(ws.models, models)
      await cliOk([...base, 'migrate', '-m', 'adopt'])
      await cliOk([...base, 'upgrade'])
      const sequences = "SELECT pg_get_serial_sequence('b', 'id') AS id, pg_get_serial_sequence('b', 'n') AS n"
      assert.deepEqual(await target.query(sequences), await source.query(sequences))
      assert.deepEqual(await target.query("SELECT nextval('a_id_seq') AS v"), [{ v: 1 }])
      assert.equal((await cli([...base, 'check'])).stdout, CLEAN)
      await cliOk([...base, 'downgrade', 'base'])
      assert.deepEqual(await target.query("SELECT relname FROM pg_class WHERE relkind = 'S' AND relname NOT LIKE 'athanor%'"), [])
    } finally {
      await target.drop()
    }
  })
})
