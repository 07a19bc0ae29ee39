// A column renamed while a foreign key holds it, at either end: a key on the
// renamed column, a key of another table pointing at it, and a table's key
// to itself. Every database renames the column in the keys too, but the
// diff compared the keys under the columns' old names with the models' new
// ones, so the migration dropped each key and added it again: on a big
// table that re-checks every row, under a lock.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (names: { pk: string; owner: string; boss: string }) =>
  [
    "import { col, defineModels, foreignKey, table } from 'athanor'",
    `export const parent = table('parent', { ${names.pk}: col.integer().primaryKey() })`,
    'export const child = table(',
    "  'child',",
    `  { id: col.integer().primaryKey(), ${names.owner}: col.integer().notNull(), ${names.boss}: col.integer() },`,
    '  {',
    '    foreignKeys: [',
    `      foreignKey(['${names.owner}'], 'parent', ['${names.pk}'], { name: 'fk_child_parent', onDelete: 'CASCADE' }),`,
    `      foreignKey(['${names.boss}'], 'child', ['id'], { name: 'fk_child_boss', onDelete: 'SET NULL' }),`,
    '    ],',
    '  },',
    ')',
    'export default defineModels(parent, child)',
  ].join('\n')

for (const server of ['sqlite', 'postgresql', 'mysql'] satisfies TestServer[]) {
  describe(`${server}: renaming columns that foreign keys hold`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)

    test('is the renames alone, both ways, and the keys still act', async () => {
      writeFileSync(ws.models, models({ pk: 'id', owner: 'parent_id', boss: 'boss_id' }))
      await cliOk([...ws.base, 'migrate', '-m', 'tables'])
      await cliOk([...ws.base, 'upgrade'])
      await db.query('INSERT INTO parent (id) VALUES (1), (2), (3)')
      await db.query('INSERT INTO child (id, parent_id, boss_id) VALUES (10, 1, NULL), (20, 2, 10), (30, 3, 20)')

      writeFileSync(ws.models, models({ pk: 'pid', owner: 'owner_id', boss: 'manager_id' }))
      const renames = ['--rename-column', 'parent.id:pid', '--rename-column', 'child.parent_id:owner_id']
      await cliOk([...ws.base, 'migrate', '-m', 'renamed', ...renames, '--rename-column', 'child.boss_id:manager_id'])
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_renamed.ts'))
      const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
      assert.doesNotMatch(script, /ForeignKey|dropConstraint/)
      assert.equal(script.match(/newName: '(pid|owner_id|manager_id)'/g)?.length, 3, script)
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      // The keys act under the new names: a delete cascades, and sets a report's manager to NULL.
      await db.query('DELETE FROM child WHERE id = 10')
      assert.deepEqual(await db.query('SELECT id, owner_id, manager_id FROM child ORDER BY id'), [
        { id: 20, owner_id: 2, manager_id: null },
        { id: 30, owner_id: 3, manager_id: 20 },
      ])
      await db.query('DELETE FROM parent WHERE pid = 2')
      assert.deepEqual(await db.query('SELECT id, manager_id FROM child ORDER BY id'), [{ id: 30, manager_id: null }])

      await cliOk([...ws.base, 'downgrade', '-1'])
      await db.query('DELETE FROM parent WHERE id = 3')
      assert.deepEqual(await db.query('SELECT id FROM child'), [])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await cliOk([...ws.base, 'downgrade', 'base'])
    })
  })
}
