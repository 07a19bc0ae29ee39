import assert from 'node:assert/strict'
import type { TestDatabase } from '../helpers/databases.js'
import { postgresCatalog } from './pg-catalog.js'
import { roundTrip } from './round-trip.js'

const digest = async (db: TestDatabase, table: string) =>
  (await db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`))[0]?.['digest']

roundTrip('postgresql', 'postgresql.sql', postgresCatalog, async (source, rebuilt, models) => {
  // Every row fits the rebuilt types unchanged: each row's text read back as the rebuilt table's row type.
  for (const table of ['kinds', 'notes', 'measurement', 'cities']) {
    for (const row of await source.query(`SELECT t::text AS r FROM ${table} t`)) {
      await rebuilt.query(`INSERT INTO ${table} SELECT ($1::${table}).*`, [String(row['r'])])
    }
    assert.equal(await digest(rebuilt, table), await digest(source, table), table)
  }
  // Each row went to the same partition: the partitions kept their bounds.
  for (const table of [
    'measurement_y2006m02',
    'measurement_y2006m03',
    'measurement_rest',
    'cities_west_0',
    'cities_west_1',
    'cities_east',
  ]) {
    assert.equal(await digest(rebuilt, table), await digest(source, table), table)
  }
  assert.match(models, /tags: col\.raw\('text\[\]'\)\.notNull\(\)/)
  assert.match(
    models,
    new RegExp(
      String.raw`postgresql: \{ unlogged: true, storage: \{ fillfactor: 70, autovacuum_enabled: false \}, ` +
        String.raw`rowLevelSecurity: true, forceRowLevelSecurity: true \}`,
    ),
  )
  assert.match(models, /status: col\.string\(10\)\.notNull\(\)\.default\('new'\)/)
  assert.match(models, /check\('ck_kinds_status', /)
  assert.match(models, /id: col\.integer\(\)\.primaryKey\(\)\.serial\('counters_id_seq'\)/)
  assert.match(models, /id: col\.bigint\(\)\.primaryKey\(\)\.identity\(\{ always: true, start: 1000, increment: 10 \}\)/)
  assert.match(models, /total: col\.numeric\(12, 2\)\.generated\('\(price \* \(quantity\)::numeric\)', \{ stored: true \}\)/)
  assert.match(models, /name: 'notes_other_fk', onUpdate: 'RESTRICT', matchFull: true, deferrable: true, initiallyDeferred: true/)
  assert.match(models, /primaryKey: \{ name: 'PK_Kinds', columns: \['id'\] \}/)
  // Index options, each only where it is not the default.
  assert.match(models, /\{ name: 'ix_events_created', order: \{ created_at: 'desc' \}, nulls: \{ priority: 'first' \} \}/)
  assert.match(
    models,
    /\{ name: 'ix_events_priority', order: \{ priority: 'desc' \}, nulls: \{ priority: 'last' \}, include: \['title', 'slug'\] \}/,
  )
  assert.match(models, /\{ name: 'ix_events_data', using: 'gin', opclass: \{ data: 'jsonb_path_ops' \} \}/)
  assert.match(models, /\{ name: 'ux_events_title', unique: true, nullsNotDistinct: true \}/)
  assert.match(models, /\{ name: 'ix_events_at_id', storage: \{ fillfactor: 70, deduplicate_items: false \} \}/)
  assert.match(models, /export const positiveInt = pgDomain\('positive_int', 'integer', \{ check: sql`\(VALUE > 0\)` \}\)/)
  assert.match(models, /pgDomain\('percent', 'numeric\(5,2\)', \{ default: sql\('0'\), notNull: true, checks: \[\{ name: 'percent_min', /)
  assert.match(models, /zip: usPostalCode\.column\(\),/)
  assert.match(models, /postgresql: \{ partitionBy: 'RANGE \(logdate\)' \},/)
  assert.match(
    models,
    /partition\('cities_west', 'cities', sql`FOR VALUES IN \('west', 'pacific'\)`, \{ partitionBy: 'HASH \(city_id\)' \}\)/,
  )
  assert.match(models, /partition\('measurement_rest', 'measurement', 'DEFAULT'\)/)
  // A partition is not a table of its own: no table(), no index or key repeated from its parent.
  assert.doesNotMatch(models, /table\('measurement_y2006m02'|measurement_y2006m02_logdate_idx|measurement_y2006m02_pkey/)
})
