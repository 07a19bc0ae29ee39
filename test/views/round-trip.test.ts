import assert from 'node:assert/strict'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { View } from '../../src/schema/view.js'
import { fixtureStatements, roundTrip } from '../fidelity/round-trip.js'
import type { TestDatabase } from '../helpers/databases.js'
import { tableNames } from '../dialect-live/catalog.js'

async function viewsOf(db: TestDatabase): Promise<View[]> {
  const connection = await db.connect()
  try {
    return await dialectNamed(db.dialect).views.read(connection)
  } finally {
    await connection.close()
  }
}

/** The tables, and each view's definition as the database reads it back, with what it reads. */
async function viewCatalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const views = await viewsOf(db)
  const tables = (await tableNames(db)).filter((t) => !t.startsWith('athanor_') && !views.some((v) => v.name === t))
  return { tables, views: views.map((v) => [v.name, v.materialized === true, v.definition, [...(v.dependsOn ?? [])].sort()]) }
}

/** What each view selects, in a stable order. */
async function viewRows(db: TestDatabase): Promise<unknown[]> {
  const quote = (name: string) => (db.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`)
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort()
  return Promise.all((await viewsOf(db)).map(async (v) => [v.name, sorted(await db.query(`SELECT * FROM ${quote(v.name)}`))]))
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  const fixture = `views-${dialect}.sql`
  roundTrip(dialect, fixture, viewCatalog, async (source, rebuilt, models) => {
    assert.match(models, /export const userOrders = view\('user_orders', sql`/)
    assert.match(models, /export const orderTotals = view\('order_totals', sql`/)
    if (dialect === 'postgresql') assert.match(models, /view\('big_spenders', sql`[^`]*`, \{ materialized: true \}\)/)
    // The migration creates empty tables: the same rows go in, and each view selects the same.
    for (const insert of fixtureStatements(fixture).filter((sql) => sql.startsWith('INSERT'))) await rebuilt.query(insert)
    if (dialect === 'postgresql') await rebuilt.query('REFRESH MATERIALIZED VIEW big_spenders')
    const rows = await viewRows(source)
    assert.equal(rows.length, dialect === 'postgresql' ? 3 : 2)
    assert.deepEqual(await viewRows(rebuilt), rows)
  })
}
