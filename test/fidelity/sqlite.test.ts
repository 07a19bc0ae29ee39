import assert from 'node:assert/strict'
import { roundTrip } from './round-trip.js'
import { sqliteCatalog } from './sqlite-catalog.js'

roundTrip('sqlite', 'sqlite.sql', sqliteCatalog, async (_source, _rebuilt, models) => {
  assert.match(models, /name: col\.raw\('NVARCHAR\(120\)'\)\.notNull\(\)/)
  assert.match(models, /bio: col\.text\(\)\.default\(null\)/)
  assert.match(models, /plays: col\.raw\('INT'\)\.notNull\(\)\.default\(0\)/)
})
