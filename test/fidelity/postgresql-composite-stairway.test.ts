// A composite type's attribute dropped from the middle was added back by the
// downgrade at the end, as PostgreSQL adds one, so the type's attributes no
// longer stood as before the upgrade: `athanor test` failed the stairway
// ("left composite type … as street, zip, city, not street, city, zip"),
// and a value written as ROW(…) after the downgrade went to the wrong
// fields. The downgrade now moves the attributes that stood after it past
// it, their values copied in every column of the type.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { attributesOf } from './composite-attributes.js'

const models = (attributes: string) =>
  [
    "import { col, defineModels, pgComposite, table } from 'athanor'",
    `export const address = pgComposite('address', { ${attributes} })`,
    "export const shop = table('shop', { id: col.integer().primaryKey(), at: address.column() })",
    'export default defineModels(address, shop)',
  ].join('\n')

describe('postgresql: an attribute dropped from the middle of a composite type', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const attributes = attributesOf('address')

  test('comes back where it stood, the values after it kept: the stairway passes', async () => {
    writeFileSync(ws.models, models("street: 'text', city: 'text', zip: { type: 'character varying(10)', collation: 'C' }, no: 'integer'"))
    await cliOk([...ws.base, 'migrate', '-m', 'address'])
    writeFileSync(ws.models, models("street: 'text', zip: { type: 'character varying(10)', collation: 'C' }, no: 'integer'"))
    await cliOk([...ws.base, 'migrate', '-m', 'no city', '--offline'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_no_city.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(
      script.slice(script.indexOf('async function downgrade')),
      /moveToEnd: \[\{ name: 'zip', type: 'character varying\(10\)', collation: 'C' \}, \{ name: 'no', type: 'integer' \}\]/,
    )
    const tested = await cli([...ws.base, 'test'])
    assert.match(tested.stdout, /^ok {4}stairway/m, tested.stdout)
    assert.match(tested.stdout, /^ok {4}offline/m, tested.stdout)

    await cliOk([...ws.base, 'upgrade', '+1'])
    await db.query("INSERT INTO shop VALUES (1, ROW('Main St', 'Bern', '3000', 7)), (2, NULL), (3, ROW(NULL, NULL, NULL, NULL))")
    await cliOk([...ws.base, 'upgrade'])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await db.query(attributes), [{ a: 'street,city,zip,no' }])
    const rows = await db.query('SELECT id, at::text AS at, at IS NULL AS empty, (at).zip FROM shop ORDER BY id')
    assert.deepEqual(rows, [
      { id: 1, at: '("Main St",,3000,7)', empty: false, zip: '3000' },
      { id: 2, at: null, empty: true, zip: null },
      { id: 3, at: '(,,,)', empty: true, zip: null },
    ])
    await db.query("INSERT INTO shop VALUES (4, ROW('Side St', 'Basel', '4000', 8))")
    assert.deepEqual(await db.query('SELECT (at).city FROM shop WHERE id = 4'), [{ city: 'Basel' }])
    assert.equal((await cli([...ws.base, 'upgrade'])).status, 0)
  })
})
