// A models default given as a JavaScript bigint (past 2^53, which a number
// cannot hold) failed migrate with "Do not know how to serialize a BigInt"
// and a stack-less "unexpected error". It is now the exact digits, in the
// form pull writes for such a default (`sql('9007199254740993')`).
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const MODELS =
  "import { col, defineModels, table } from 'athanor'\n" +
  "export const t = table('counters', { id: col.integer().primaryKey(), " +
  'big: col.bigint().default(9007199254740993n), lowest: col.bigint().default(-9223372036854775808n) })\n' +
  'export default defineModels(t)\n'

for (const dialect of ['mysql', 'postgresql', 'sqlite'] as const) {
  describe(`${dialect}: a bigint default in the models`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('is written exactly, gives new rows its value, and check is clean', async () => {
      writeFileSync(ws.models, MODELS)
      await cliOk([...ws.base, 'migrate', '-m', 'counters'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
      await db.query('INSERT INTO counters (id) VALUES (1)')
      // SQLite's driver reads an INTEGER as a double here: its text is the stored value.
      const text = (column: string) => (dialect === 'sqlite' ? `CAST(${column} AS TEXT) AS ${column}` : column)
      const [row] = await db.query(`SELECT ${text('big')}, ${text('lowest')} FROM counters`)
      assert.deepEqual([String(row?.['big']), String(row?.['lowest'])], ['9007199254740993', '-9223372036854775808'])
    })
  })
}
