// A column narrowed to fewer decimal places or fractional-second digits
// (DECIMAL(10,3) to DECIMAL(10,2), DATETIME(6) to DATETIME(0), TIME(3) to
// TIME(0)) rounds or cuts the values it holds, with no error on MariaDB even
// in strict mode, nor on PostgreSQL. migrate wrote it without a word and lint
// spoke only of the table copy. Now migrate warns on stderr and in the
// script, as for a drop and an add that may be a rename, and lint reports it;
// SQLite keeps the values as they were, and says nothing.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { ColumnType } from '../../src/schema/types.js'

const models = (scale: number, fraction: number) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  "export const prices = table('prices', { id: col.integer().primaryKey(), amount: col.numeric(10, " +
  `${scale}), at: col.timestamp({ precision: ${fraction === 3 ? 6 : 0} }), span: col.time({ precision: ${fraction} }) })\n` +
  'export default defineModels(prices)\n'

const ROW = "INSERT INTO prices (id, amount, at, span) VALUES (1, 1.235, '2024-01-01 10:00:00.700000', '10:00:00.600')"

for (const dialect of ['mysql', 'postgresql', 'sqlite'] as const) {
  describe(`a column narrowed to fewer digits on ${dialect}`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)
    const rounds = dialect !== 'sqlite'

    test(rounds ? 'rounds the values it holds, and migrate and lint say so' : 'keeps the values, and nothing warns', async () => {
      writeFileSync(ws.models, models(3, 3))
      await cliOk([...ws.base, 'migrate', '-m', 'prices'])
      await cliOk([...ws.base, 'upgrade', 'head'])
      await db.query(ROW)

      writeFileSync(ws.models, models(2, 0))
      const migrated = await cliOk([...ws.base, 'migrate', '-m', 'narrow'])
      const versions = join(ws.directory, 'versions')
      const script = readFileSync(join(versions, readdirSync(versions).find((f) => f.endsWith('_narrow.ts'))!), 'utf8')
      const linted = await cli([...ws.base, 'lint'])
      const warned = [
        /warning: column prices\.amount narrowed from 3 decimal places to 2: /,
        /warning: column prices\.at narrowed from 6 fractional-second digits to 0: /,
        /warning: column prices\.span narrowed from 3 fractional-second digits to 0: /,
      ]
      for (const line of warned) {
        if (rounds) assert.match(migrated.stderr, line)
        else assert.doesNotMatch(migrated.stderr, line)
      }
      if (rounds) {
        assert.match(script, /^\/\/ Columns narrowed to fewer digits, which rounds the values they hold/m)
        assert.match(script, /^\/\/ {3}column prices\.amount: 3 decimal places to 2$/m)
        assert.match(linted.stdout + linted.stderr, /rounding-type-change/)
      } else {
        assert.doesNotMatch(script, /narrowed/)
        assert.doesNotMatch(linted.stdout + linted.stderr, /rounding-type-change/)
      }

      await cliOk([...ws.base, 'upgrade', 'head'])
      const [row] = await db.query('SELECT amount, at, span FROM prices')
      const text = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value))
      const [amount, at, span] = [text(row?.['amount']), text(row?.['at']), text(row?.['span'])]
      if (rounds) {
        // The warning is true: the digits are gone (MariaDB cuts a time's fraction, PostgreSQL rounds it).
        assert.equal(Number(amount), 1.24)
        assert.doesNotMatch(at, /\.7/)
        assert.match(span, /^10:00:0[01]$/)
      } else {
        assert.equal(Number(amount), 1.235)
        assert.match(at, /00\.7/)
        assert.equal(span, '10:00:00.600')
      }
    })
  })
}

describe('which type changes round, by the digits each database gives a type that does not say them', () => {
  test('fewer decimal places or fractional-second digits round; widenings and other changes do not', () => {
    const numeric = (precision?: number, scale?: number): ColumnType => ({
      kind: 'numeric',
      ...(precision === undefined ? {} : { precision }),
      ...(scale === undefined ? {} : { scale }),
    })
    const mysql = dialectNamed('mysql').diffHooks
    const postgresql = dialectNamed('postgresql').diffHooks
    const sqlite = dialectNamed('sqlite').diffHooks
    assert.equal(postgresql.roundedDigits(numeric(), numeric(12, 2)), 'any number of decimal places to 2')
    assert.equal(mysql.roundedDigits(numeric(), numeric(12, 2)), undefined) // DECIMAL is DECIMAL(10,0)
    assert.equal(mysql.roundedDigits(numeric(10, 2), { kind: 'integer' }), '2 decimal places to 0')
    assert.equal(mysql.roundedDigits(numeric(10, 2), numeric(12, 3)), undefined)
    assert.equal(mysql.roundedDigits({ kind: 'time' }, { kind: 'time', precision: 3 }), undefined) // TIME is TIME(0)
    assert.equal(postgresql.roundedDigits({ kind: 'time' }, { kind: 'time', precision: 3 }), '6 fractional-second digits to 3')
    assert.equal(mysql.roundedDigits({ kind: 'timestamp' }, { kind: 'timestamp', precision: 0 }), '6 fractional-second digits to 0')
    assert.equal(sqlite.roundedDigits(numeric(10, 3), numeric(10, 2)), undefined) // SQLite keeps the value whatever the type
  })

  test('a floating-point column made an integer or a decimal rounds too (2.75 to 3, or 2.8 in DECIMAL(10,1)); not the reverse', () => {
    const mysql = dialectNamed('mysql').diffHooks
    const postgresql = dialectNamed('postgresql').diffHooks
    const decimal: ColumnType = { kind: 'numeric', precision: 10, scale: 1 }
    assert.equal(postgresql.roundedDigits({ kind: 'double' }, { kind: 'integer' }), 'any number of decimal places to 0')
    assert.equal(postgresql.roundedDigits({ kind: 'real' }, decimal), 'any number of decimal places to 1')
    assert.equal(mysql.roundedDigits({ kind: 'double' }, decimal), 'any number of decimal places to 1')
    assert.equal(mysql.roundedDigits({ kind: 'real' }, { kind: 'bigint' }), 'any number of decimal places to 0')
    assert.equal(mysql.roundedDigits(decimal, { kind: 'double' }), undefined)
    assert.equal(postgresql.roundedDigits({ kind: 'real' }, { kind: 'double' }), undefined)
  })

  // Each checked on the servers: a value inserted, the column altered, the value read back changed, with no error
  // (MariaDB in strict mode too: a note 1265 at most). See the live test below.
  test('a float narrowed to fewer significant digits, and a date and time made a date or a time, lose data too', () => {
    for (const hooks of [dialectNamed('mysql').diffHooks, dialectNamed('postgresql').diffHooks]) {
      assert.equal(hooks.roundedDigits({ kind: 'double' }, { kind: 'real' }), '15 significant digits to 6')
      assert.equal(hooks.roundedDigits({ kind: 'integer' }, { kind: 'real' }), '10 significant digits to 6')
      assert.equal(hooks.roundedDigits({ kind: 'bigint' }, { kind: 'double' }), '19 significant digits to 15')
      assert.equal(hooks.roundedDigits({ kind: 'numeric', precision: 10, scale: 2 }, { kind: 'real' }), '10 significant digits to 6')
      assert.equal(hooks.roundedDigits({ kind: 'timestamp', precision: 3 }, { kind: 'date' }), 'a date and time to a date')
      assert.equal(hooks.roundedDigits({ kind: 'timestamp', withTimeZone: true }, { kind: 'date' }), 'a date and time to a date')
      assert.equal(hooks.roundedDigits({ kind: 'timestamp' }, { kind: 'time' }), 'a date and time to a time of day')
      // Widenings, and floats that hold every value of the type before exactly (2^24 and 2^53 integers).
      assert.equal(hooks.roundedDigits({ kind: 'real' }, { kind: 'double' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'integer' }, { kind: 'double' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'mediumint', unsigned: true }, { kind: 'real' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'numeric', precision: 6, scale: 2 }, { kind: 'real' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'date' }, { kind: 'timestamp' }), undefined)
      // A type athanor does not know (raw SQL) is not judged, spelled like a known one or not.
      assert.equal(hooks.roundedDigits({ kind: 'raw', sql: 'numeric(10,3)' }, { kind: 'numeric', precision: 10, scale: 2 }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'double' }, { kind: 'raw', sql: 'float4' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'raw', sql: 'datetime2' }, { kind: 'date' }), undefined)
      assert.equal(hooks.roundedDigits({ kind: 'timestamp' }, { kind: 'raw', sql: 'daterange' }), undefined)
    }
    assert.equal(
      dialectNamed('postgresql').diffHooks.roundedDigits({ kind: 'numeric' }, { kind: 'double' }),
      'any number of significant digits to 15',
    )
    assert.equal(dialectNamed('mysql').diffHooks.roundedDigits({ kind: 'numeric' }, { kind: 'double' }), undefined) // DECIMAL(10,0)
    const sqlite = dialectNamed('sqlite').diffHooks
    assert.equal(sqlite.roundedDigits({ kind: 'double' }, { kind: 'real' }), undefined)
    assert.equal(sqlite.roundedDigits({ kind: 'timestamp' }, { kind: 'date' }), undefined)
  })
})

const lossy = (narrowed: boolean) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  "export const readings = table('readings', { id: col.integer().primaryKey(), " +
  (narrowed
    ? 'value: col.real(), count: col.real(), at: col.date() })\n'
    : 'value: col.double(), count: col.integer(), at: col.timestamp() })\n') +
  'export default defineModels(readings)\n'

for (const dialect of ['mysql', 'postgresql'] as const) {
  describe(`a double made a float, an integer made a float, a timestamp made a date on ${dialect}`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('lose what the values held, and migrate and lint say so', async () => {
      writeFileSync(ws.models, lossy(false))
      await cliOk([...ws.base, 'migrate', '-m', 'readings'])
      await cliOk([...ws.base, 'upgrade', 'head'])
      await db.query("INSERT INTO readings VALUES (1, 1.23456789012345, 123456789, '2024-01-01 10:30:00')")
      writeFileSync(ws.models, lossy(true))
      const migrated = await cliOk([...ws.base, 'migrate', '-m', 'narrow', '--json'])
      const report = JSON.parse(migrated.stdout) as { roundingChanges?: unknown }
      assert.deepEqual(report.roundingChanges, [
        { column: 'readings.value', digits: '15 significant digits to 6' },
        { column: 'readings.count', digits: '10 significant digits to 6' },
        { column: 'readings.at', digits: 'a date and time to a date' },
      ])
      const linted = await cli([...ws.base, 'lint'])
      assert.equal((linted.stdout + linted.stderr).match(/rounding-type-change/g)?.length, 3, linted.stdout + linted.stderr)
      await cliOk([...ws.base, 'upgrade', 'head'])
      const [row] = await db.query(
        dialect === 'mysql'
          ? 'SELECT CAST(value AS DECIMAL(20, 14)) AS value, CAST(count AS DECIMAL(20, 0)) AS count, CAST(at AS CHAR) AS at FROM readings'
          : 'SELECT value::numeric(20, 14)::text AS value, count::numeric(20, 0)::text AS count, at::text AS at FROM readings',
      )
      assert.notEqual(Number(row?.['value']), 1.23456789012345)
      assert.notEqual(Number(row?.['count']), 123456789)
      assert.equal(String(row?.['at']), '2024-01-01')
    })
  })
}
