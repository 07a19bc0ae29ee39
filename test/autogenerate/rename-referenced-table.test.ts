// A table renamed while another table's foreign key points at it. Every
// database moves the key along with the rename, but the diff compared the
// key's old target name with the new one: the upgrade dropped and re-added
// the key for nothing, and the downgrade re-added it on the old name before
// the table had it back, which MariaDB refused (errno 150).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (parent: string) =>
  [
    "import { col, defineModels, foreignKey, table } from 'athanor'",
    `export const parent = table('${parent}', { id: col.integer().primaryKey() })`,
    "export const child = table('child', { id: col.integer().primaryKey(), parent_id: col.integer().notNull() }, {",
    `  foreignKeys: [foreignKey(['parent_id'], '${parent}', ['id'], { name: 'fk_child_parent', onDelete: 'CASCADE' })],`,
    '})',
    'export default defineModels(parent, child)',
  ].join('\n')

for (const server of ['mysql', 'postgresql', 'sqlite'] satisfies TestServer[]) {
  describe(`${server}: renaming a table a foreign key points at`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)

    test('is the rename alone, both ways, and the key still cascades', async () => {
      writeFileSync(ws.models, models('p'))
      await cliOk([...ws.base, 'migrate', '-m', 'tables'])
      await cliOk([...ws.base, 'upgrade'])
      await db.query('INSERT INTO p (id) VALUES (1), (2)')
      await db.query('INSERT INTO child (id, parent_id) VALUES (10, 1), (20, 2)')

      writeFileSync(ws.models, models('pp'))
      await cliOk([...ws.base, 'migrate', '-m', 'rename', '--rename-table', 'p:pp'])
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_rename.ts'))
      const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
      assert.doesNotMatch(script, /ForeignKey|dropConstraint/)
      assert.match(script, /renameTable\('p', 'pp'\)/)
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await db.query('DELETE FROM pp WHERE id = 1')
      assert.deepEqual(await db.query('SELECT id FROM child'), [{ id: 20 }])

      await cliOk([...ws.base, 'downgrade', '-1'])
      await db.query('DELETE FROM p WHERE id = 2')
      assert.deepEqual(await db.query('SELECT id FROM child'), [])
      await cliOk([...ws.base, 'downgrade', 'base'])
    })
  })
}
