// A numeric default went through a JavaScript number on its way from the
// catalog into the models: a bigint past 2^53 and a long DECIMAL were
// rounded, PostgreSQL's numeric 0.00 became 0, and -2^63 was written in the
// digits JavaScript prints (…776000), which no bigint holds. The rebuilt
// database got other defaults, or failed at upgrade, and check compared the
// rounded numbers and was clean. A number a double would not say exactly
// now stays its text, and defaults compare by their exact value.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import type { DialectName } from '../../src/core/dialect-name.js'
import { defaultKey } from '../../src/schema/default-key.js'
import { decimalValueText, exactNumber } from '../../src/schema/exact-number.js'

const CLEAN = 'No new upgrade operations detected.\n'

const CASES: Record<DialectName, { schema: string[]; defaults: string }> = {
  postgresql: {
    schema: [
      `CREATE TABLE d (id integer PRIMARY KEY, amount numeric DEFAULT 0.00, big bigint DEFAULT 9007199254740993,
        lowest bigint DEFAULT -9223372036854775808, exact numeric(30,10) DEFAULT 12345678901234567890.1234567891,
        price numeric(10,2) DEFAULT 1.50, ratio double precision DEFAULT 0.1, small integer DEFAULT -5,
        label text DEFAULT 1.50, code varchar(10) DEFAULT 1.50)`,
    ],
    defaults: `SELECT a.attname AS name, pg_get_expr(d.adbin, d.adrelid) AS dflt FROM pg_attrdef d
      JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'd'::regclass ORDER BY 1`,
  },
  mysql: {
    schema: [
      `CREATE TABLE d (id INT PRIMARY KEY, big BIGINT DEFAULT 9007199254740993, lowest BIGINT DEFAULT -9223372036854775808,
        highest BIGINT UNSIGNED DEFAULT 18446744073709551615, exact DECIMAL(30,10) DEFAULT 12345678901234567890.1234567891,
        price DECIMAL(10,2) DEFAULT 0.00, ratio DOUBLE DEFAULT 0.1, small INT DEFAULT -5,
        label TEXT DEFAULT 1.50, code VARCHAR(10) DEFAULT 1.50, bytes BLOB DEFAULT 0.10)`,
    ],
    defaults: `SELECT COLUMN_NAME AS name, COLUMN_DEFAULT AS dflt FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'd' ORDER BY 1`,
  },
  sqlite: {
    schema: [
      `CREATE TABLE d (id INTEGER PRIMARY KEY, big INTEGER DEFAULT 9007199254740993, amount NUMERIC DEFAULT 0.00,
        label TEXT DEFAULT 1.50, ratio REAL DEFAULT 0.1, small INTEGER DEFAULT -5)`,
    ],
    defaults: "SELECT name, dflt_value AS dflt FROM pragma_table_info('d') ORDER BY 1",
  },
}

for (const [dialect, { schema, defaults }] of Object.entries(CASES) as [DialectName, (typeof CASES)[DialectName]][]) {
  describe(`${dialect}: numeric defaults`, () => {
    const project = usePulledProject(dialect, schema)

    test('are rebuilt exactly, and a new row gets the same values', async () => {
      const { source, rebuilt, ws } = project()
      const { models } = await pullAndRebuild(project())
      assert.doesNotMatch(models, /9007199254740992|9223372036854776000|12345678901234567000/)
      assert.deepEqual(await rebuilt.query(defaults), await source.query(defaults))
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await source.query('INSERT INTO d (id) VALUES (1)')
      await rebuilt.query('INSERT INTO d (id) VALUES (1)')
      const row = (db: TestDatabase) => db.query('SELECT * FROM d')
      assert.deepEqual(await rebuilt.query('SELECT * FROM d'), await row(source))
    })
  })
}

describe('a number, exactly', () => {
  test('a double holds it only where it prints back as the same value', () => {
    assert.equal(exactNumber('1.50'), 1.5)
    assert.equal(exactNumber('1.50', true), undefined)
    assert.equal(exactNumber('9007199254740992'), 9007199254740992)
    assert.equal(exactNumber('9007199254740993'), undefined)
    assert.equal(exactNumber('-9223372036854775808'), undefined)
    assert.equal(exactNumber('12345678901234567890.1234567891'), undefined)
    assert.equal(Object.is(exactNumber('-0.0'), 0), true)
    assert.equal(decimalValueText('-007.500'), '-7.5')
    assert.equal(decimalValueText('1e21'), '1000000000000000000000')
    assert.equal(decimalValueText('1e-7'), '0.0000001')
    assert.equal(decimalValueText('-1.25E-2'), '-0.0125')
  })

  test('defaults compare by value: 0 is 0.00, and …993 is not …992', () => {
    assert.equal(defaultKey({ kind: 'literal', value: 0 }), defaultKey({ kind: 'expression', sql: '0.00' }))
    assert.equal(defaultKey({ kind: 'literal', value: 1.5 }), defaultKey({ kind: 'expression', sql: "'1.50'::numeric" }))
    assert.notEqual(defaultKey({ kind: 'literal', value: 9007199254740992 }), defaultKey({ kind: 'expression', sql: '9007199254740993' }))
    assert.equal(
      defaultKey({ kind: 'literal', value: '9007199254740993' }),
      defaultKey({ kind: 'expression', sql: "'9007199254740993'::bigint" }),
    )
  })
})
