import assert from 'node:assert/strict'
import { roundTrip } from './round-trip.js'
import { sqliteCatalog } from './sqlite-catalog.js'

roundTrip(
  'sqlite',
  'sqlite.sql',
  sqliteCatalog,
  async (_source, _rebuilt, models) => {
    assert.match(models, /name: col\.raw\('NVARCHAR\(120\)'\)\.notNull\(\)/)
    assert.match(models, /bio: col\.text\(\)\.default\(null\)/)
    assert.match(models, /seconds: col\.raw\('INT'\)\.generated\('milliseconds \/ 1000'\)/)
    assert.match(models, /price_cents: col\.integer\(\)\.generated\('unit_price \* 100', \{ stored: true \}\)/)
    assert.match(models, /plays: col\.raw\('INT'\)\.notNull\(\)\.default\(0\)/)
    assert.match(models, /name: col\.text\(\)\.notNull\(\)\.default\('untitled'\)\.collate\('NOCASE'\)/)
    assert.match(models, /code: col\.string\(8\)\.unique\(\)\.collate\('RTRIM'\)/)
    assert.match(models, /doubled: col\.integer\(\)\.generated\('id \* 2'\)/)
    assert.match(models, /check\('ck_playlists_name', 'name <> \\'\\''\)/)
    assert.doesNotMatch(models, /track_search/)
    assert.match(models, /sqlite: \{ strict: true, withoutRowid: true \}/)
  },
  'unmanaged-sqlite.sql',
)
