// A composite type (CREATE TYPE … AS (…)) is a row type columns and arrays
// use. Before, pull listed it as not represented and the rebuilt database
// failed at upgrade, its tables' columns naming a type that was not there;
// now pull writes pgComposite, migrate creates it before its tables, check
// compares its attributes, and a change alters it in place, the rows kept.
// The schema is the manual's (https://www.postgresql.org/docs/current/rowtypes.html).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Each composite type of the user's with its attributes, as the catalog holds them. */
const composites = (db: TestDatabase) =>
  db.query(
    `SELECT n.nspname || '.' || t.typname AS name,
            string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attcollation::regcollation::text,
              ', ' ORDER BY a.attnum) AS attributes
       FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' JOIN pg_namespace n ON n.oid = t.typnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' GROUP BY 1 ORDER BY 1`,
  )

const item = (db: TestDatabase) => db.query('SELECT (item).name AS name, (item).price::text AS price, count FROM on_hand')

function scriptOf(directory: string, message: string): string {
  const [file] = readdirSync(join(directory, 'versions')).filter((name) => name.endsWith(`_${message}.ts`))
  return join(directory, 'versions', file!)
}

describe('postgresql: composite types', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TYPE complex AS (r double precision, i double precision)',
    'CREATE TYPE inventory_item AS (name text, supplier_id integer, price numeric)',
    "CREATE TYPE mood AS ENUM ('sad', 'ok')",
    'CREATE TYPE "Place Name" AS ("the name" text COLLATE "C", feeling mood, spots complex[])',
    'CREATE TYPE nothing_yet AS ()',
    'CREATE TABLE on_hand (id integer PRIMARY KEY, item inventory_item, count integer, waves complex[], at "Place Name")',
    "INSERT INTO on_hand VALUES (1, ROW('fuzzy dice', 42, 1.99), 1000, ARRAY[ROW(1, 2)::complex], ROW('here', 'ok', NULL))",
  ])

  test('are pulled, made again before their tables, compared, and altered in place with the rows kept', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.match(printed, /, 4 composite types/)
    assert.doesNotMatch(printed, /^ +composite type /m, 'not listed as not represented')
    assert.match(
      models,
      /export const inventoryItem = pgComposite\('inventory_item', \{ name: 'text', supplier_id: 'integer', price: 'numeric' \}\)/,
    )
    assert.match(
      models,
      /pgComposite\('Place Name', \{ 'the name': \{ type: 'text', collation: 'C' \}, feeling: 'mood', spots: 'complex\[\]' \}\)/,
    )
    assert.match(models, /item: inventoryItem\.column\(\)/)
    assert.match(models, /waves: complex\.column\(\{ array: true \}\)/)
    assert.deepEqual(await composites(rebuilt), await composites(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query("INSERT INTO on_hand VALUES (1, ROW('fuzzy dice', 42, 1.99), 1000, NULL, NULL)")

    // An attribute at the end: one ALTER TYPE, the rows kept.
    writeFileSync(ws.models, models.replace("price: 'numeric' }", "price: 'numeric', discontinued: 'boolean' }"))
    await cliOk([...ws.base, 'migrate', '-m', 'discontinued'])
    assert.match(
      readFileSync(scriptOf(ws.directory, 'discontinued'), 'utf8'),
      /op\.alterCompositeType\('inventory_item', \{ addAttributes:/,
    )
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await item(rebuilt), [{ name: 'fuzzy dice', price: '1.99', count: 1000 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    // A rename the models cannot tell from a drop and an add: a comment offering it, which the author takes.
    const renamed = models.replace(
      "supplier_id: 'integer', price: 'numeric' }",
      "vendor_id: 'integer', price: 'numeric', discontinued: 'boolean' }",
    )
    writeFileSync(ws.models, renamed)
    await cliOk([...ws.base, 'migrate', '-m', 'vendor'])
    const file = scriptOf(ws.directory, 'vendor')
    const offered = readFileSync(file, 'utf8')
    const call = "await op.alterCompositeType('inventory_item', { renameAttributes: [{ from: 'supplier_id', to: 'vendor_id' }] })"
    assert.ok(offered.includes(`write ${call.replaceAll("'", "\\'")} here`), offered)
    const back = "await op.alterCompositeType('inventory_item', { renameAttributes: [{ from: 'vendor_id', to: 'supplier_id' }] })"
    const bodies = offered.split(/await op\.execute\('-- composite type inventory_item[^\n]*\n/)
    assert.equal(bodies.length, 3)
    writeFileSync(file, `${bodies[0]}${call}\n${bodies[1]}${back}\n${bodies[2]}`)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rebuilt.query('SELECT (item).vendor_id AS vendor FROM on_hand'), [{ vendor: 42 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await composites(rebuilt), [])
    writeFileSync(ws.models, models)
  })
})
