// A type written with the digits its database gives it anyway is the same
// type: PostgreSQL's NUMERIC(10) is NUMERIC(10,0) and its TIMESTAMP and TIME
// keep 6 fractional-second digits; MariaDB's DECIMAL is DECIMAL(10,0) and
// its TIME keeps none. A model spelling one of them the other way had
// migrate write an ALTER of the column on every run (a table rewrite that
// lint reports as an error), and check exit 1 on a database that matches.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const SPELLINGS = {
  postgresql: {
    table: 'CREATE TABLE prices (id INTEGER PRIMARY KEY, amount NUMERIC(10), at TIMESTAMP, zoned TIMESTAMPTZ(6), span TIME(6))',
    columns:
      'amount: col.numeric(10, 0), at: col.timestamp({ precision: 6 }), zoned: col.timestamp({ withTimeZone: true }), span: col.time()',
  },
  mysql: {
    table: 'CREATE TABLE prices (id INTEGER PRIMARY KEY, amount DECIMAL, exact DECIMAL(12), span TIME)',
    columns: 'amount: col.numeric(), exact: col.numeric(12), span: col.time({ precision: 0 })',
  },
} as const

for (const dialect of ['postgresql', 'mysql'] as const) {
  describe(`${dialect}: a type spelled with the digits it has anyway`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('is no change: check passes and migrate writes nothing', async () => {
      await db.query(SPELLINGS[dialect].table)
      writeFileSync(
        ws.models,
        "import { col, defineModels, table } from 'athanor'\n" +
          `export const prices = table('prices', { id: col.integer().primaryKey(), ${SPELLINGS[dialect].columns} })\n` +
          'export default defineModels(prices)\n',
      )
      await cliOk([...ws.base, 'stamp', 'head'])
      const check = await cli([...ws.base, 'check'])
      assert.equal(check.status, 0, check.stdout + check.stderr)
    })
  })
}
