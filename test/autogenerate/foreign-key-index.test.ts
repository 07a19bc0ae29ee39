// An index a foreign key uses, changed or dropped in the models. MariaDB
// refuses to drop the index a key needs ("Cannot drop index …: needed in a
// foreign key constraint"), so the script stopped at its first statement:
// the key is now dropped before the index changes and added after them.
// Where the models keep no index for it, the key made again brings the
// server's own. PostgreSQL needs no index for a key, and keeps its key.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** The models, with the child's index on `columns` (none when empty). */
const models = (columns: readonly string[]) =>
  [
    "import { col, defineModels, foreignKey, index, table } from 'athanor'",
    "export const p = table('p', { id: col.integer().primaryKey() })",
    "export const c = table('c', { id: col.integer().primaryKey(), p_id: col.integer(), active: col.boolean() }, {",
    "  foreignKeys: [foreignKey(['p_id'], 'p', ['id'], { name: 'fk_c_p' })],",
    `  indexes: [${columns.length === 0 ? '' : `index(${JSON.stringify(columns)}, { name: 'ix_c_p' })`}],`,
    '})',
    'export default defineModels(p, c)',
  ].join('\n')

const changes: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
  ['wider', ['p_id'], ['p_id', 'id']],
  ['narrower', ['p_id', 'active'], ['p_id']],
  ['dropped', ['p_id'], []],
  ['off the key', ['p_id'], ['active']],
]

for (const server of ['mysql', 'postgresql'] satisfies TestServer[]) {
  for (const [change, before, after] of changes) {
    describe(`${server}: the index of a foreign key, ${change}`, () => {
      const db = useTestDatabase(server)
      const ws = useWorkspace(db)

      test('runs up, down and up again, rows and key kept', async () => {
        writeFileSync(ws.models, models(before))
        await cliOk([...ws.base, 'migrate', '-m', 'tables'])
        await cliOk([...ws.base, 'upgrade'])
        await db.query('INSERT INTO p (id) VALUES (1), (2)')
        await db.query('INSERT INTO c (id, p_id, active) VALUES (10, 1, true), (20, 2, false)')

        writeFileSync(ws.models, models(after))
        await cliOk([...ws.base, 'migrate', '-m', change])
        await cliOk([...ws.base, 'upgrade'])
        assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
        await cliOk([...ws.base, 'downgrade', '-1'])
        await cliOk([...ws.base, 'upgrade'])
        assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

        assert.deepEqual(await db.query('SELECT id, p_id FROM c ORDER BY id'), [
          { id: 10, p_id: 1 },
          { id: 20, p_id: 2 },
        ])
        await assert.rejects(db.query('INSERT INTO c (id, p_id, active) VALUES (30, 3, true)'))
      })
    })
  }
}
