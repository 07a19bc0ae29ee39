// MariaDB's INVISIBLE columns, IGNORED indexes and the SRID of spatial
// columns are modelled: pulled into the models, made again from them, and
// each change of one migrated in place, the rows kept.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { mysqlCatalog } from './mysql-catalog.js'
import { fixtureStatements, roundTrip } from './round-trip.js'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'

const IGNORED = `SELECT DISTINCT TABLE_NAME AS tbl, INDEX_NAME AS name, IGNORED AS ignored FROM information_schema.STATISTICS
  WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE 'athanor%' ORDER BY TABLE_NAME, INDEX_NAME`
const SRIDS = `SELECT G_TABLE_NAME AS tbl, G_GEOMETRY_COLUMN AS col, SRID AS srid FROM information_schema.GEOMETRY_COLUMNS
  WHERE G_TABLE_SCHEMA = DATABASE() ORDER BY G_TABLE_NAME, G_GEOMETRY_COLUMN`

/** The catalog, with what it leaves out here: which indexes are ignored, and each spatial column's SRID. */
async function catalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  return { ...(await mysqlCatalog(db)), ignored: await db.query(IGNORED), srids: await db.query(SRIDS) }
}

roundTrip('mysql', 'mysql-invisible.sql', catalog, async (source, _rebuilt, models) => {
  assert.match(models, /spot: col\.raw\('POINT'\)\.notNull\(\)\.srid\(4326\),/)
  assert.match(models, /area: col\.raw\('GEOMETRY'\)\.srid\(3857\),/)
  assert.match(models, /plain_shape: col\.raw\('POLYGON'\),/)
  assert.match(models, /audit_note: col\.string\(20\)\.invisible\(\),/)
  assert.match(models, /index\(\['name'\], \{ name: 'ix_places_name', invisible: true \}\)/)
  assert.match(models, /index\(\['audit_note'\], \{ name: 'ux_places_audit', unique: true, invisible: true \}\)/)
  assert.match(models, /index\(\['spot'\], \{ name: 'sx_places_spot', spatial: true \}\)/)
  assert.deepEqual(await source.query(SRIDS), [
    { tbl: 'places', col: 'area', srid: 3857 },
    { tbl: 'places', col: 'plain_shape', srid: 0 },
    { tbl: 'places', col: 'spot', srid: 4326 },
  ])
})

const CLEAN = 'No new upgrade operations detected.\n'
const EXTRA =
  'SELECT COLUMN_NAME AS col, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ' +
  "AND TABLE_NAME = 'places' AND COLUMN_NAME IN ('kind', 'audit_note') ORDER BY COLUMN_NAME"

describe('mysql: an invisible column, an ignored index and an SRID, each changed by a migration', () => {
  const project = usePulledProject('mysql', fixtureStatements('mysql-invisible.sql'))

  test('the change is an ALTER in place, applied with the rows kept, and its downgrade undoes it', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    const changed = models
      .replace("kind: col.string(10).notNull().default('place'),", "kind: col.string(10).notNull().default('place').invisible(),")
      .replace('audit_note: col.string(20).invisible(),', 'audit_note: col.string(20),')
      .replace("spot: col.raw('POINT').notNull().srid(4326),", "spot: col.raw('POINT').notNull().srid(3857),")
      .replace("index(['name'], { name: 'ix_places_name', invisible: true })", "index(['name'], { name: 'ix_places_name' })")
      .replace("{ name: 'sx_places_spot', spatial: true }", "{ name: 'sx_places_spot', spatial: true, invisible: true }")
    writeFileSync(ws.models, changed)
    const differences = await cli([...ws.base, 'check', ...url])
    assert.equal(differences.status, 1, differences.stderr)
    await cliOk([...ws.base, 'migrate', '-m', 'hide and show', ...url])
    const versions = join(ws.directory, 'versions')
    const file = readdirSync(versions).find((name) => name.endsWith('_hide_and_show.ts'))
    const script = file === undefined ? undefined : readFileSync(join(versions, file), 'utf8')
    assert.match(String(script), /await op\.alterIndex\('places', 'ix_places_name', \{ invisible: false \}\)/)
    assert.match(String(script), /await op\.alterIndex\('places', 'sx_places_spot', \{ invisible: true \}\)/)
    assert.doesNotMatch(String(script), /dropIndex|createIndex|dropColumn|addColumn/)
    const sql = await cliOk([...ws.base, 'upgrade', 'head', '--sql', ...url])
    assert.match(sql.stdout, /ALTER TABLE `places` ALTER INDEX `ix_places_name` \/\*M!100600 NOT IGNORED\*\/ \/\*!80000 VISIBLE\*\//)
    assert.match(sql.stdout, /ALTER TABLE `places` ALTER INDEX `sx_places_spot` \/\*M!100600 IGNORED\*\/ \/\*!80000 INVISIBLE\*\//)
    assert.match(sql.stdout, /MODIFY COLUMN `kind` VARCHAR\(10\) NOT NULL DEFAULT 'place' INVISIBLE/)
    assert.match(sql.stdout, /MODIFY COLUMN `audit_note` VARCHAR\(20\) NULL(?! INVISIBLE)/)
    assert.match(sql.stdout, /MODIFY COLUMN `spot` POINT REF_SYSTEM_ID=3857 NOT NULL/)
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.deepEqual(await source.query(EXTRA), [
      { col: 'audit_note', extra: '' },
      { col: 'kind', extra: 'INVISIBLE' },
    ])
    const ignored = (rows: Record<string, unknown>[]) => rows.map((row) => `${row['name']} ${row['ignored']}`).sort()
    assert.deepEqual(ignored(await source.query(IGNORED)), ['PRIMARY NO', 'ix_places_name NO', 'sx_places_spot YES', 'ux_places_audit YES'])
    assert.deepEqual(
      (await source.query(SRIDS)).map((row) => `${row['col']} ${row['srid']}`),
      ['area 3857', 'plain_shape 0', 'spot 3857'],
    )
    // The row is still there, whole.
    assert.deepEqual(await source.query('SELECT id, name, kind, audit_note, ST_AsText(spot) AS spot FROM places'), [
      { id: 1, name: 'harbour', kind: 'place', audit_note: 'checked', spot: 'POINT(1 2)' },
    ])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(EXTRA), [
      { col: 'audit_note', extra: 'INVISIBLE' },
      { col: 'kind', extra: '' },
    ])
    assert.deepEqual(ignored(await source.query(IGNORED)), ['PRIMARY NO', 'ix_places_name YES', 'sx_places_spot NO', 'ux_places_audit YES'])
    assert.deepEqual(
      (await source.query(SRIDS)).map((row) => `${row['col']} ${row['srid']}`),
      ['area 3857', 'plain_shape 0', 'spot 4326'],
    )
    // Undone, the database is what the pulled models say again.
    rmSync(join(versions, String(file)))
    writeFileSync(ws.models, models)
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
  })
})
