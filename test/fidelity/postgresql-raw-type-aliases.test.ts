// A raw type spelled as PostgreSQL also accepts it (int4, varchar(10)[],
// timestamptz(3), pg_catalog.int8range, numeric(10, 2) ARRAY…) reads back in
// format_type's spelling, and was compared with that as text: check was never
// clean after upgrade. A raw serial type (bigserial…) reads back as its
// integer type numbered from a sequence, and check wrote `ALTER COLUMN …
// TYPE bigserial`, which the next upgrade failed on.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { rawTypeModels, versionScripts } from './raw-type-models.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Column name → a raw type as a user may write it, each spelled otherwise than format_type prints it. */
const SPELLINGS: Readonly<Record<string, string>> = {
  i4: 'int4',
  i: 'int',
  i2: 'INT2',
  i8: 'int8',
  f: 'float',
  f24: 'float(24)',
  f4: 'float4',
  dp: 'double precision',
  b: 'bool',
  vc: 'varchar(10)',
  vca: 'varchar(10)[]',
  cv: 'char varying(5)',
  ch: 'char',
  ch3: 'char(3)',
  d: 'decimal(10,2)',
  n10: 'numeric(10)',
  na: 'numeric(10, 2) ARRAY',
  ts: 'timestamp',
  tsz: 'timestamptz(3)',
  tsza: 'timestamptz[]',
  t: 'time(2)',
  tz: 'timetz',
  iv: 'INTERVAL DAY TO SECOND (3)',
  bt: 'bit',
  vb: 'varbit(5)',
  r: 'pg_catalog.int8range',
  q: 'pg_catalog.int4',
  ia: 'int4[3][3]',
  s2: 'smallserial',
  s4: 'serial',
  s4b: 'serial4',
  s8: 'bigserial',
  s8b: 'serial8',
  s2b: 'serial2',
}

describe('postgresql: raw types spelled otherwise than the catalog reads them back', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const versions = () => versionScripts(ws.directory)

  test('settle after one migration: check is clean and a second migrate writes nothing', async () => {
    writeFileSync(ws.models, rawTypeModels(SPELLINGS))
    await cliOk([...ws.base, 'migrate', '-m', 'spellings'])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stdout + checked.stderr)
    assert.equal(checked.status, 0)
    await cliOk([...ws.base, 'migrate', '-m', 'again'])
    assert.equal(versions().length, 1, versions().join(', '))
  })

  test('a real change of such a type is still seen, and settles once made', async () => {
    const changed = { ...SPELLINGS, vc: 'varchar(20)', tsz: 'timestamptz(6)', i4: 'int8', na: 'numeric(10, 3) ARRAY', s8: 'serial' }
    writeFileSync(ws.models, rawTypeModels(changed))
    const found = (await cli([...ws.base, 'check'])).stdout
    for (const name of ['vc', 'tsz', 'i4', 'na', 's8']) assert.match(found, new RegExp(`alter column d\\.${name} \\(type\\)`), found)
    assert.equal(found.match(/alter column/g)?.length, 5, found)
    await cliOk([...ws.base, 'migrate', '-m', 'retyped'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const types = await db.query(
      "SELECT attname AS c, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'd'::regclass " +
        "AND attname IN ('vc', 'tsz', 'i4', 'na', 's8') ORDER BY attname",
    )
    assert.deepEqual(
      types.map((row) => `${row['c']} ${row['t']}`),
      ['i4 bigint', 'na numeric(10,3)[]', 's8 integer', 'tsz timestamp(6) with time zone', 'vc character varying(20)'],
    )
  })

  test('a column made a serial type that is not numbered from a sequence is refused at migrate, naming what to write', async () => {
    writeFileSync(ws.models, rawTypeModels({ ...SPELLINGS, vc: 'bigserial' }))
    const before = versions().length
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'serial']),
      { code: 'UNSUPPORTED_OPERATION' },
      'column "vc" of table "d"',
      "col.bigint().serial('d_vc_seq')",
    )
    assert.equal(versions().length, before)
  })
})
