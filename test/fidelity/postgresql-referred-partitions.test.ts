// New bounds for a partition are a DETACH and an ATTACH, and PostgreSQL
// refuses the DETACH while a foreign key of another table refers to the
// partitioned table: "removing partition … violates foreign key
// constraint". The upgrade failed with rows in place.
// Once those keys were released, a table dropped in the same migration
// still had its key, and its rows, when the partition was detached; a
// table the migration creates had its key before the attach, so the
// downgrade, with rows written since, failed the same way.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'

const stockSql = [
  'CREATE TABLE stock (sku int NOT NULL, region text NOT NULL, qty int, PRIMARY KEY (sku, region)) PARTITION BY LIST (region)',
  "CREATE TABLE stock_eu PARTITION OF stock FOR VALUES IN ('eu')",
  "INSERT INTO stock VALUES (1, 'eu', 5)",
]
const ordersSql = [
  'CREATE TABLE orders (id int PRIMARY KEY, sku int NOT NULL, region text NOT NULL, FOREIGN KEY (sku, region) REFERENCES stock)',
  "INSERT INTO orders VALUES (10, 1, 'eu')",
]

describe('postgresql: new bounds for a partition a foreign key refers to', () => {
  const project = usePulledProject('postgresql', [...stockSql, ...ordersSql])

  test('drops the keys that refer to it around the detach and attach, rows kept, both ways', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const widened = models.replace("FOR VALUES IN ('eu')", "FOR VALUES IN ('eu', 'ch')")
    assert.notEqual(widened, models)
    writeFileSync(ws.models, widened)
    await cliOk([...ws.base, 'migrate', '-m', 'widened', ...url])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_widened.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    const upgrade = script.slice(script.indexOf('async function upgrade'), script.indexOf('async function downgrade'))
    const order = ['dropConstraint(', 'changePartitionBounds(', 'createForeignKey('].map((call) => upgrade.indexOf(call))
    assert.ok(order[0]! >= 0 && order[0]! < order[1]! && order[1]! < order[2]!, upgrade)
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, 'No new upgrade operations detected.\n')
    const bounds = "SELECT pg_get_expr(relpartbound, oid) AS b FROM pg_class WHERE relname = 'stock_eu'"
    assert.deepEqual(await source.query(bounds), [{ b: "FOR VALUES IN ('eu', 'ch')" }])
    const keys = "SELECT conname, convalidated FROM pg_constraint WHERE contype = 'f' AND conrelid = 'orders'::regclass AND conparentid = 0"
    assert.deepEqual(await source.query(keys), [{ conname: 'orders_sku_region_fkey', convalidated: true }])
    assert.deepEqual(await source.query('SELECT id, sku, region FROM orders'), [{ id: 10, sku: 1, region: 'eu' }])
    await source.query("INSERT INTO stock VALUES (2, 'ch', 1)")
    await assert.rejects(source.query("INSERT INTO orders VALUES (11, 3, 'ch')"), /foreign key/)
    await source.query("DELETE FROM stock WHERE region = 'ch'")

    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(bounds), [{ b: "FOR VALUES IN ('eu')" }])
    assert.deepEqual(await source.query(keys), [{ conname: 'orders_sku_region_fkey', convalidated: true }])
    assert.deepEqual(await source.query('SELECT sku, region, qty FROM stock'), [{ sku: 1, region: 'eu', qty: 5 }])
  })
})

const bounds = "SELECT pg_get_expr(relpartbound, oid) AS b FROM pg_class WHERE relname = 'stock_eu'"
const ordersModel = /export const orders = table\('orders'[\s\S]*?\n\}\)\n/

describe('postgresql: new bounds for a partition, a table that refers to it dropped', () => {
  const project = usePulledProject('postgresql', [...stockSql, ...ordersSql])
  const orders = "SELECT to_regclass('orders')::text AS t"
  const keys = "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass('orders') AND conparentid = 0"

  test('dropped: its key goes before the detach and is not made again; the downgrade makes it again after the old bounds', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const widened = models.replace("FOR VALUES IN ('eu')", "FOR VALUES IN ('eu', 'ch')").replace(ordersModel, '')
    writeFileSync(ws.models, widened.replace('stockEu, orders, stock', 'stockEu, stock'))
    await cliOk([...ws.base, 'migrate', '-m', 'widened', ...url])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_widened.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    const upgrade = script.slice(script.indexOf('async function upgrade'), script.indexOf('async function downgrade'))
    assert.doesNotMatch(upgrade, /createForeignKey\(/)
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, 'No new upgrade operations detected.\n')
    assert.deepEqual(await source.query(bounds), [{ b: "FOR VALUES IN ('eu', 'ch')" }])
    assert.deepEqual(await source.query(orders), [{ t: null }])

    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(bounds), [{ b: "FOR VALUES IN ('eu')" }])
    assert.deepEqual(await source.query(keys), [{ conname: 'orders_sku_region_fkey' }])
    assert.deepEqual(await source.query('SELECT sku, region, qty FROM stock'), [{ sku: 1, region: 'eu', qty: 5 }])
  })
})

describe('postgresql: new bounds for a partition, a table that refers to it created', () => {
  const project = usePulledProject('postgresql', stockSql)
  const orders = [
    "export const orders = table('orders', {",
    '  id: col.integer().primaryKey(),',
    '  sku: col.integer().notNull(),',
    '  region: col.text().notNull(),',
    '}, {',
    "  foreignKeys: [foreignKey(['sku', 'region'], 'stock', ['sku', 'region'], { name: 'orders_sku_region_fkey' })],",
    '})',
    '',
  ].join('\n')

  test('its key comes after the attach, so the downgrade drops it before the detach, with rows written since', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const widened = models
      .replace("FOR VALUES IN ('eu')", "FOR VALUES IN ('eu', 'ch')")
      .replace('import { col,', 'import { foreignKey, col,')
      .replace('export default defineModels(', `${orders}export default defineModels(orders, `)
    writeFileSync(ws.models, widened)
    await cliOk([...ws.base, 'migrate', '-m', 'widened', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, 'No new upgrade operations detected.\n')
    await source.query("INSERT INTO orders VALUES (10, 1, 'eu')")
    await assert.rejects(source.query("INSERT INTO orders VALUES (11, 3, 'ch')"), /foreign key/)

    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(bounds), [{ b: "FOR VALUES IN ('eu')" }])
    assert.deepEqual(await source.query("SELECT to_regclass('orders')::text AS t"), [{ t: null }])
    assert.deepEqual(await source.query('SELECT sku, region, qty FROM stock'), [{ sku: 1, region: 'eu', qty: 5 }])
  })
})
