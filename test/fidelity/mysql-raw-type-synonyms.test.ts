// A raw type written in a short or synonym form (YEAR, BOOL, DEC(5,2),
// DOUBLE PRECISION, LONG VARCHAR…) is stored by the server in its own
// spelling (year(4), tinyint(1), decimal(5,2), double, mediumtext), and was
// compared with that as text: check was never clean after upgrade, and every
// migrate wrote the same MODIFY again.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { rawTypeModels, versionScripts } from './raw-type-models.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Column name → a raw type as a user may write it, each spelled otherwise than COLUMN_TYPE reports it. */
const SYNONYMS: Readonly<Record<string, string>> = {
  y: 'YEAR',
  b: 'BIT',
  c: 'BOOL',
  c2: 'boolean',
  i: 'INTEGER',
  iu: 'INTEGER UNSIGNED',
  i8: 'INT8',
  m: 'MEDIUMINT(5)',
  su: 'SMALLINT(2) UNSIGNED',
  z: 'INT ZEROFILL',
  d: 'DEC(5,2)',
  du: 'DEC(5, 2) UNSIGNED',
  n: 'NUMERIC',
  f: 'FIXED(6,3)',
  dp: 'DOUBLE PRECISION',
  r: 'REAL',
  fl: 'FLOAT(30)',
  cv: 'CHARACTER VARYING(12)',
  ch: 'CHARACTER',
  lv: 'LONG VARCHAR',
  lb: 'LONG VARBINARY',
  bl: 'BLOB(100)',
  ts: 'TIMESTAMP NULL',
  t0: 'TIME(0)',
}

describe('mysql: raw types written as synonyms of what the server stores', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)
  const versions = () => versionScripts(ws.directory)

  test('settle after one migration: check is clean and a second migrate writes nothing', async () => {
    writeFileSync(ws.models, rawTypeModels(SYNONYMS, 'col.integer().primaryKey().autoincrement()'))
    await cliOk([...ws.base, 'migrate', '-m', 'synonyms'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'migrate', '-m', 'again'])
    assert.equal(versions().length, 1, versions().join(', '))
  })

  test('a real change of such a type is still seen, and settles once made', async () => {
    const changed = { ...SYNONYMS, i: 'BIGINT', cv: 'CHARACTER VARYING(20)', d: 'DEC(6,2)', y: 'INTEGER' }
    writeFileSync(ws.models, rawTypeModels(changed, 'col.integer().primaryKey().autoincrement()'))
    const found = (await cli([...ws.base, 'check'])).stdout
    for (const name of ['i', 'cv', 'd', 'y']) assert.match(found, new RegExp(`alter column d\\.${name} \\(type\\)`))
    assert.equal(found.match(/alter column/g)?.length, 4, found)
    await cliOk([...ws.base, 'migrate', '-m', 'retyped'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const types = await db.query(
      "SELECT COLUMN_NAME AS c, COLUMN_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'd' " +
        "AND COLUMN_NAME IN ('i', 'cv', 'd', 'y') ORDER BY COLUMN_NAME",
    )
    assert.deepEqual(
      types.map((row) => `${row['c']} ${String(row['t']).replace(/^(int|bigint)\(\d+\)/, '$1')}`),
      ['cv varchar(20)', 'd decimal(6,2)', 'i bigint', 'y int'],
    )
  })

  test('a column changed by hand behind the models is seen', async () => {
    await db.query('ALTER TABLE d MODIFY lv TEXT, MODIFY b BIT(2)')
    const found = (await cli([...ws.base, 'check'])).stdout
    assert.match(found, /alter column d\.lv \(type\)/)
    assert.match(found, /alter column d\.b \(type\)/)
  })
})
