// The type of columns a foreign key holds, changed at both ends (INT to
// BIGINT). MariaDB refuses to change a column a key holds ("Cannot change
// column … used in a foreign key constraint"), so the script failed at
// upgrade: the key is now dropped before the changes and added after them.
// PostgreSQL changes such columns in place, and keeps its key.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (type: 'integer' | 'bigint') =>
  [
    "import { col, defineModels, foreignKey, table } from 'athanor'",
    `export const parent = table('parent', { id: col.${type}().primaryKey() })`,
    `export const child = table('child', { id: col.integer().primaryKey(), parent_id: col.${type}().notNull() }, {`,
    "  foreignKeys: [foreignKey(['parent_id'], 'parent', ['id'], { name: 'fk_child_parent', onDelete: 'CASCADE' })],",
    '})',
    'export default defineModels(parent, child)',
  ].join('\n')

for (const server of ['mysql', 'postgresql'] satisfies TestServer[]) {
  describe(`${server}: the type of columns a foreign key holds`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)

    test('changes at both ends, up and down, and the key holds after', async () => {
      writeFileSync(ws.models, models('integer'))
      await cliOk([...ws.base, 'migrate', '-m', 'tables'])
      await cliOk([...ws.base, 'upgrade'])
      await db.query('INSERT INTO parent (id) VALUES (1), (2)')
      await db.query('INSERT INTO child (id, parent_id) VALUES (10, 1), (20, 2)')

      writeFileSync(ws.models, models('bigint'))
      await cliOk([...ws.base, 'migrate', '-m', 'wider'])
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_wider.ts'))
      const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
      const upgrade = script.slice(script.indexOf('async function upgrade'), script.indexOf('async function downgrade'))
      if (server === 'mysql') {
        assert.match(
          upgrade,
          /await op\.dropConstraint\('fk_child_parent'[\s\S]*alterColumn[\s\S]*alterColumn[\s\S]*createForeignKey\('fk_child_parent'/,
        )
      } else {
        assert.doesNotMatch(upgrade, /fk_child_parent/)
      }
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await db.query('DELETE FROM parent WHERE id = 1')
      assert.deepEqual(await db.query('SELECT id FROM child'), [{ id: 20 }])

      await cliOk([...ws.base, 'downgrade', '-1'])
      await db.query('DELETE FROM parent WHERE id = 2')
      assert.deepEqual(await db.query('SELECT id FROM child'), [])
      await cliOk([...ws.base, 'downgrade', 'base'])
    })
  })
}
