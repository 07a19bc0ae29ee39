// A new table whose foreign key refers to a unique constraint the same
// migration adds to an existing table was made with the key in its CREATE
// TABLE, before the constraint: PostgreSQL refused it ("there is no unique
// constraint matching given keys"), MySQL too, and the downgrade dropped
// the constraint before the key that stood on it. Such a key is now added
// after the table changes, and dropped first on the way back.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestServer } from '../helpers/databases.js'

for (const server of ['postgresql', 'mysql'] as TestServer[]) {
  describe(`${server}: a new table's key to a unique constraint added beside it`, () => {
    const project = usePulledProject(server, ['CREATE TABLE a (id INT PRIMARY KEY, t INT NOT NULL)'])

    test('is added after the constraint, and dropped before it', async () => {
      const { rebuilt, ws } = project()
      const { models } = await pullAndRebuild(project())
      const grown = models
        .replace(/\}\)\n\nexport default defineModels\(a\)/, "}, {\n  uniques: [unique(['id', 't'], { name: 'a_id_t_key' })],\n})\n\n")
        .concat(
          "export const c = table('c', { id: col.integer().primaryKey(), a_id: col.integer(), t: col.integer() }, {\n" +
            "  foreignKeys: [foreignKey(['a_id', 't'], 'a', ['id', 't'], { name: 'c_a_fk' })],\n})\n\n" +
            'export default defineModels(a, c)\n',
        )
        .replace(
          "import { col, defineModels, table } from 'athanor'",
          "import { col, defineModels, foreignKey, table, unique } from 'athanor'",
        )
      assert.notEqual(grown, models)
      writeFileSync(ws.models, grown)
      await cliOk([...ws.base, 'migrate', '-m', 'keyed'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
      await rebuilt.query('INSERT INTO a VALUES (1, 1)')
      await rebuilt.query('INSERT INTO c VALUES (1, 1, 1)')
      await assert.rejects(rebuilt.query('INSERT INTO c VALUES (2, 1, 2)'))
      await rebuilt.query('DELETE FROM c')
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await rebuilt.query('SELECT id, t FROM a'), [{ id: 1, t: 1 }])
    })
  })
}
