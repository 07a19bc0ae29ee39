// An added column landed last, whatever its place in the models, and a
// downgrade put a dropped column back at the end: a table changed by
// migrations had its columns in another order than one made from the
// models, and `SELECT *` or `INSERT … VALUES` without a column list read
// them differently after a downgrade.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'
const ORDER =
  "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'people' " +
  'ORDER BY ORDINAL_POSITION'

describe('mysql: added and dropped columns keep their places', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)
  const models = (columns: string) =>
    "import { col, defineModels, table } from 'athanor'\n" +
    `export const people = table('people', { ${columns} })\n` +
    'export default defineModels(people)\n'
  const order = async () => (await db.query(ORDER)).map((row) => row.c)

  test('upgrade puts new columns where the models have them; downgrade puts dropped ones back', async () => {
    writeFileSync(
      ws.models,
      models(
        'id: col.integer().primaryKey(), name: col.string(40), label: col.string(90).generated("concat(name, \'!\')"), ' +
          'email: col.string(80), legacy: col.string(20), note: col.text()',
      ),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'people'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO people (id, name, email, legacy, note) VALUES (1, 'Ada', 'ada@example.org', 'old', 'n1')")

    // A column first, one in the middle, one after a renamed column, a
    // generated column made again in place, one dropped.
    writeFileSync(
      ws.models,
      models(
        'tenant: col.integer(), id: col.integer().primaryKey(), name: col.string(40), ' +
          'label: col.string(90).generated("concat(name, \'?\')"), middle: col.string(40), contact: col.string(80), ' +
          'extra: col.string(10), note: col.text()',
      ),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'reshaped', '--rename-column', 'people.email:contact'])
    const script = readdirSync(join(ws.directory, 'versions')).find((file) => file.includes('reshaped'))!
    const text = readFileSync(join(ws.directory, 'versions', script), 'utf8')
    assert.match(text, /addColumn\('people', \{ name: 'tenant'[^\n]*\{ first: true \}\)/)
    assert.match(text, /addColumn\('people', \{ name: 'extra'[^\n]*\{ after: 'email' \}\)/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await order(), ['tenant', 'id', 'name', 'label', 'middle', 'contact', 'extra', 'note'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await db.query('SELECT id, name, label, contact, note FROM people'), [
      { id: 1, name: 'Ada', label: 'Ada?', contact: 'ada@example.org', note: 'n1' },
    ])

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await order(), ['id', 'name', 'label', 'email', 'legacy', 'note'])
    assert.deepEqual(await db.query('SELECT * FROM people'), [
      { id: 1, name: 'Ada', label: 'Ada!', email: 'ada@example.org', legacy: null, note: 'n1' },
    ])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await order(), ['tenant', 'id', 'name', 'label', 'middle', 'contact', 'extra', 'note'])
  })
})
