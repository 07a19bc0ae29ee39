import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { tableNames, versionRows } from './catalog.js'
import { writeMigrations } from './fixture.js'

// Tables whose names try to end the quoting of each dialect; each must be
// created, filled, read and dropped under exactly that name, and the table
// `x` they name must survive.
const DOUBLE_QUOTE = 'we"ird; DROP TABLE x'
const BACKTICK = 'back`tick`; DROP TABLE x; --'
const COLUMN = `co"l\`um'n`
const VALUE = `'); DROP TABLE x; -- \\ "\``

const migrations = writeMigrations([
  {
    id: 'r1',
    down: null,
    upgrade: `  await op.createTable('x', [{ name: 'id', type: 'integer', primaryKey: true }])\n  await op.bulkInsert('x', [{ id: 1 }])`,
    downgrade: `  await op.dropTable('x')`,
  },
  {
    id: 'r2',
    down: 'r1',
    upgrade: [
      ...[DOUBLE_QUOTE, BACKTICK].map(
        (name) =>
          `  await op.createTable(${JSON.stringify(name)}, [` +
          "{ name: 'id', type: 'integer', primaryKey: true, autoincrement: true }, " +
          `{ name: ${JSON.stringify(COLUMN)}, type: { kind: 'string', length: 60 }, comment: ${JSON.stringify(VALUE)} }], ` +
          `{ comment: ${JSON.stringify(VALUE)}, ` +
          `indexes: [{ name: ${JSON.stringify(`ix ${name}`)}, columns: [${JSON.stringify(COLUMN)}] }] })`,
      ),
      `  await op.bulkInsert(${JSON.stringify(DOUBLE_QUOTE)}, [{ ${JSON.stringify(COLUMN)}: ${JSON.stringify(VALUE)} }])`,
      `  await op.bulkInsert(${JSON.stringify(BACKTICK)}, [{ ${JSON.stringify(COLUMN)}: ${JSON.stringify(VALUE)} }])`,
      `  await op.renameTable(${JSON.stringify(BACKTICK)}, ${JSON.stringify(`${BACKTICK} 2`)})`,
    ].join('\n'),
    downgrade: `  await op.dropTable(${JSON.stringify(DOUBLE_QUOTE)})\n  await op.dropTable(${JSON.stringify(`${BACKTICK} 2`)})`,
  },
])

const quote = (dialect: DialectName, name: string) =>
  dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: weird names survive upgrade and downgrade through the CLI`, () => {
    const db = useTestDatabase(dialect)

    test('upgrade creates and fills them under their exact names; downgrade drops only them', async () => {
      await cliOk(['upgrade', '-d', migrations, '--url', db.url])
      assert.deepEqual(await versionRows(db), ['r2'])
      assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history', `${BACKTICK} 2`, DOUBLE_QUOTE, 'x'].sort())
      for (const name of [DOUBLE_QUOTE, `${BACKTICK} 2`]) {
        const rows = await db.query(`SELECT ${quote(dialect, COLUMN)} AS v FROM ${quote(dialect, name)}`)
        assert.deepEqual(rows, [{ v: VALUE }], name)
      }
      await cliOk(['downgrade', '-d', migrations, '--url', db.url, 'r1'])
      assert.deepEqual(await versionRows(db), ['r1'])
      assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history', 'x'])
      assert.deepEqual(await db.query('SELECT id FROM x'), [{ id: 1 }])
    })
  })
}
