// A column declared `.unique()` and added to a table already there was
// written UNIQUE in its ADD COLUMN and given a unique constraint of its own
// after it: two unique indexes, which check could not tell apart. Dropped,
// it took its unique with it, but the downgrade put both back, and SQLite
// then refused the next upgrade ("2 constraints on (code)"). SQLite
// puts it back as a table's UNIQUE (code), the same constraint.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (code: string) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  `export const kid = table('kid', { id: col.integer().primaryKey(), ${code}qty: col.integer() })\n` +
  'export default defineModels(kid)\n'

/** The unique indexes (constraints) on kid's code column, however the database lists them. */
async function uniquesOnCode(db: TestDatabase): Promise<number> {
  if (db.dialect === 'sqlite') {
    const indexes = (await db.query("SELECT name FROM pragma_index_list('kid') WHERE \"unique\" = 1 AND origin <> 'pk'")) as {
      name: string
    }[]
    return indexes.length
  }
  if (db.dialect === 'postgresql') {
    const rows = await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'kid' AND indexdef LIKE '%UNIQUE%(code)%'")
    return rows.length
  }
  const rows = await db.query(
    "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kid' " +
      "AND COLUMN_NAME = 'code' AND NON_UNIQUE = 0",
  )
  return rows.length
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: a unique column added to and dropped from a table with rows`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('has one unique index each way, and the downgrades and upgrades run again', async () => {
      writeFileSync(ws.models, models(''))
      await cliOk([...ws.base, 'migrate', '-m', 'kid'])
      await cliOk([...ws.base, 'upgrade'])
      await db.query('INSERT INTO kid (id, qty) VALUES (1, 1), (2, 2)')
      writeFileSync(ws.models, models('code: col.string(5).unique(), '))
      await cliOk([...ws.base, 'migrate', '-m', 'add code'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal(await uniquesOnCode(db), 1)
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

      writeFileSync(ws.models, models(''))
      await cliOk([...ws.base, 'migrate', '-m', 'drop code'])
      await cliOk([...ws.base, 'upgrade'])
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.equal(await uniquesOnCode(db), 1)
      await cliOk([...ws.base, 'upgrade'])
      await cliOk([...ws.base, 'downgrade', '-2'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      assert.deepEqual(await db.query('SELECT id, qty FROM kid ORDER BY id'), [
        { id: 1, qty: 1 },
        { id: 2, qty: 2 },
      ])
    })
  })

  describe(`${dialect}: a unique column made with its table, then dropped`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('comes back with one unique index, and the upgrade runs again', async () => {
      writeFileSync(ws.models, models('code: col.string(5).unique(), '))
      await cliOk([...ws.base, 'migrate', '-m', 'kid'])
      await cliOk([...ws.base, 'upgrade'])
      writeFileSync(ws.models, models(''))
      await cliOk([...ws.base, 'migrate', '-m', 'drop code'])
      await cliOk([...ws.base, 'upgrade'])
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.equal(await uniquesOnCode(db), 1)
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      // The stairway sees the unique come back, however the database now spells it.
      const tested = await cli([...ws.base, 'test'])
      assert.equal(tested.status, 0, tested.stdout)
    })
  })
}
