// What a MariaDB column carries that the models do not represent, and a
// migration therefore never changes, must survive a migration that restates
// the column (MODIFY replaces the whole definition): a default drawing from
// a sequence was dropped when the column's type changed, so inserts that
// relied on it failed, and check could not tell.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { adoptSource, usePulledProject } from './pulled-project.js'
import { cliOk } from '../helpers/cli.js'

const DEFAULT_OF = (table: string, column: string) =>
  'SELECT COLUMN_DEFAULT AS d FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ' +
  `AND TABLE_NAME = '${table}' AND COLUMN_NAME = '${column}'`

describe('mysql: a column whose default draws from a sequence, changed by a migration', () => {
  const project = usePulledProject('mysql', [
    'CREATE SEQUENCE seq_tickets START WITH 100 INCREMENT BY 5',
    'CREATE TABLE tickets (id INT NOT NULL DEFAULT NEXT VALUE FOR seq_tickets PRIMARY KEY, note VARCHAR(20))',
  ])

  test('keeps the default through the change and its downgrade', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const wider = models.replace('id: col.integer().primaryKey()', 'id: col.bigint().primaryKey()')
    assert.notEqual(wider, models)
    writeFileSync(ws.models, wider)
    await cliOk([...ws.base, 'migrate', '-m', 'wider', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    const [kept] = await source.query(DEFAULT_OF('tickets', 'id'))
    assert.match(String(kept?.['d']), /nextval\(.*seq_tickets`?\)/)
    await source.query("INSERT INTO tickets (note) VALUES ('t1')")
    assert.deepEqual(
      (await source.query('SELECT id FROM tickets')).map((row) => Number(row['id'])),
      [100],
    )
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.match(String((await source.query(DEFAULT_OF('tickets', 'id')))[0]?.['d']), /nextval\(.*seq_tickets`?\)/)
    await source.query("INSERT INTO tickets (note) VALUES ('t2')")
  })
})

// A spatial column's SRID, which the models hold (`.srid(4326)`), stays through a change of something else.
const SRID_OF =
  'SELECT G_GEOMETRY_COLUMN AS col, SRID AS srid FROM information_schema.GEOMETRY_COLUMNS ' +
  "WHERE G_TABLE_SCHEMA = DATABASE() AND G_TABLE_NAME = 'geo'"

describe('mysql: a spatial column with an SRID, changed by a migration', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE geo (id INT PRIMARY KEY, g GEOMETRY REF_SYSTEM_ID=4326 NOT NULL, SPATIAL INDEX sp_g (g))',
    "INSERT INTO geo VALUES (1, ST_GeomFromText('POINT(1 2)', 4326))",
  ])

  test('keeps its SRID through the change and its downgrade', async () => {
    const { ws, source } = project()
    const { models, url } = await adoptSource(project())
    const commented = models.replace("g: col.raw('GEOMETRY').notNull()", "g: col.raw('GEOMETRY').notNull().comment('position')")
    assert.notEqual(commented, models)
    writeFileSync(ws.models, commented)
    await cliOk([...ws.base, 'migrate', '-m', 'comment', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.deepEqual(await source.query(SRID_OF), [{ col: 'g', srid: 4326 }])
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.deepEqual(await source.query(SRID_OF), [{ col: 'g', srid: 4326 }])
  })
})
