// A generated column whose expression changes is dropped and added again.
// The script used to add it before dropping it, so the upgrade failed on a
// column that already existed, and the rename check took the pair for a
// rename. A column a generated column reads, renamed, is only a rename: the
// database rewrites the expression itself.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (total: string, price: 'price' | 'cost') =>
  [
    "import { col, defineModels, index, table } from 'athanor'",
    "export const items = table('items', {",
    '  id: col.integer().primaryKey(), qty: col.integer().notNull(),',
    `  ${price}: col.integer().notNull(),`,
    `  total: col.integer().generated('qty * ${total}', { stored: true }),`,
    `  doubled: col.integer().generated('${price} * 2', { stored: true }),`,
    "}, { indexes: [index(['total'], { name: 'ix_items_total' })] })",
    'export default defineModels(items)',
  ].join('\n')

for (const server of ['postgresql', 'mysql', 'sqlite'] satisfies TestServer[]) {
  describe(`${server}: a generated column's expression`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const script = (suffix: string) => {
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(`_${suffix}.ts`))
      return readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    }
    const rows = () => db.query('SELECT id, total FROM items ORDER BY id')
    const totalIndexed = async () => {
      const result = await cli([...ws.base, 'check'])
      return result.stdout === CLEAN
    }

    test('changed: dropped, then added again with its index; the rows recompute; down and up again', async () => {
      writeFileSync(ws.models, models('2', 'price'))
      await cliOk([...ws.base, 'migrate', '-m', 'items'])
      await cliOk([...ws.base, 'upgrade'])
      await db.query('INSERT INTO items (id, qty, price) VALUES (1, 5, 7)')

      writeFileSync(ws.models, models('3', 'price'))
      const migrated = await cliOk([...ws.base, 'migrate', '-m', 'triple'])
      assert.doesNotMatch(migrated.stderr, /--rename-column/)
      const body = script('triple')
      assert.match(
        body,
        /dropColumn\((?:'items', )?'total'[\s\S]*addColumn\((?:'items', )?\{[\s\S]*qty \* 3[\s\S]*createIndex\('ix_items_total'/,
      )
      await cliOk([...ws.base, 'upgrade'])
      assert.deepEqual(await rows(), [{ id: 1, total: 15 }])
      assert.ok(await totalIndexed(), 'check is clean, the index back')

      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await rows(), [{ id: 1, total: 10 }])
      await cliOk([...ws.base, 'upgrade'])
      assert.deepEqual(await rows(), [{ id: 1, total: 15 }])
      assert.ok(await totalIndexed())
    })

    test('a column it reads, renamed: only the rename', async () => {
      writeFileSync(ws.models, models('3', 'cost'))
      await cliOk([...ws.base, 'migrate', '-m', 'cost', '--rename-column', 'items.price:cost'])
      const body = script('cost')
      assert.doesNotMatch(body, /dropColumn|addColumn/)
      assert.match(body, /newName: 'cost'/)
      await cliOk([...ws.base, 'upgrade'])
      assert.deepEqual(await db.query('SELECT cost, doubled FROM items'), [{ cost: 7, doubled: 14 }])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await cliOk([...ws.base, 'downgrade', 'base'])
    })
  })
}
