import assert from 'node:assert/strict'
import type { TestDatabase } from '../helpers/databases.js'
import { postgresCatalog } from './pg-catalog.js'
import { roundTrip } from './round-trip.js'

const digest = async (db: TestDatabase, table: string) =>
  (await db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`))[0]?.['digest']

roundTrip(
  'postgresql',
  'postgresql.sql',
  postgresCatalog,
  async (source, rebuilt, models) => {
    // Every row fits the rebuilt types unchanged: each row's text read back as the rebuilt table's row type.
    for (const table of ['kinds', 'notes']) {
      for (const row of await source.query(`SELECT t::text AS r FROM ${table} t`)) {
        await rebuilt.query(`INSERT INTO ${table} SELECT ($1::${table}).*`, [String(row['r'])])
      }
      assert.equal(await digest(rebuilt, table), await digest(source, table), table)
    }
    assert.match(models, /tags: col\.raw\('text\[\]'\)\.notNull\(\)/)
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
  },
  'postgresql-objects.sql',
)
