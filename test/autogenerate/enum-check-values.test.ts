// An enum column's values changed. Where the enum is a VARCHAR with a CHECK
// (PostgreSQL, SQLite), a value replaced by one of the same length used to
// be no change at all, and a longer one added the new CHECK beside the old,
// whose name it took, so the upgrade failed. MariaDB's ENUM is a type of
// its own and is run here too.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (kind: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const parcels = table('parcels', { id: col.integer().primaryKey(), kind: ${kind}.notNull() })`,
    'export default defineModels(parcels)',
  ].join('\n')

for (const server of ['postgresql', 'sqlite', 'mysql'] satisfies TestServer[]) {
  describe(`${server}: an enum column's values`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const kinds = async () => (await db.query('SELECT kind FROM parcels ORDER BY id')).map((row) => row['kind'])
    const refused = async (kind: string) => {
      const inserted = await db.query(`INSERT INTO parcels (id, kind) VALUES (99, '${kind}')`).then(
        () => true,
        () => false,
      )
      if (inserted) await db.query('DELETE FROM parcels WHERE id = 99')
      return !inserted
    }
    const step = async (kind: string, message: string) => {
      writeFileSync(ws.models, models(kind))
      await cliOk([...ws.base, 'migrate', '-m', message])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN, `check after ${message}`)
    }

    test('replaced, lengthened, then a plain string: each upgrade, downgrade and upgrade again keeps the rows', async () => {
      await step("col.enum(['x', 'y'])", 'parcels')
      await db.query("INSERT INTO parcels (id, kind) VALUES (1, 'x'), (2, 'y')")
      assert.ok(await refused('z'))

      await step("col.enum(['x', 'y', 'z'])", 'same length')
      assert.ok(!(await refused('z')), 'z is allowed')
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.ok(await refused('z'), 'z is refused again')
      await cliOk([...ws.base, 'upgrade'])

      await step("col.enum(['x', 'y', 'zz'])", 'longer')
      assert.ok(!(await refused('zz')))
      assert.ok(await refused('z'))
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.ok(!(await refused('z')))
      await cliOk([...ws.base, 'upgrade'])

      await step('col.string(10)', 'free text')
      assert.ok(!(await refused('other')), 'no CHECK is left')
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.ok(await refused('other'))
      await cliOk([...ws.base, 'upgrade'])
      assert.deepEqual(await kinds(), ['x', 'y'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    })
  })
}
