import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { autogenProject, DIALECTS } from './helpers.js'

const V1 = `import { col, defineModels, table } from 'athanor'
export const users = table('users', {
  id: col.integer().primaryKey().autoincrement(),
  name: col.string(50).notNull(),
  email: col.string(100),
})
export const posts = table('posts', {
  id: col.integer().primaryKey().autoincrement(),
  user_id: col.integer().notNull().references('users', { onDelete: 'CASCADE' }),
  title: col.string(80).notNull(),
})
export default defineModels(users, posts)
`

/** v2: a column added and one dropped, an index, a new table; elsewhere also a widened type, nullability and a default. */
function v2(alters: boolean): string {
  return `import { col, defineModels, index, table } from 'athanor'
export const users = table('users', {
  id: col.integer().primaryKey().autoincrement(),
  name: col.string(${alters ? 120 : 50}).notNull(),
  age: col.integer(),
}, { indexes: [index(['name'])] })
export const posts = table('posts', {
  id: col.integer().primaryKey().autoincrement(),
  user_id: col.integer().notNull().references('users', { onDelete: 'CASCADE' }),
  title: col.string(80)${alters ? ".default('untitled')" : '.notNull()'},
})
export const tags = table('tags', {
  id: col.integer().primaryKey().autoincrement(),
  label: col.string(40).notNull().unique(),
})
export default defineModels(users, posts, tags)
`
}

for (const dialect of DIALECTS) {
  describe(`models v1 → v2 on ${dialect}`, () => {
    let db: TestDatabase
    before(async () => {
      db = await createTestDatabase(dialect)
    })
    after(async () => {
      await db?.drop()
    })

    it('keeps the rows of surviving columns, and downgrades back to v1', async () => {
      const project = autogenProject(db.url)
      try {
        project.models(V1)
        await project.migrate('v1')
        await project.upgrade()
        await db.query("INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com'), ('bob', NULL)")
        await db.query("INSERT INTO posts (user_id, title) VALUES (1, 'hello'), (2, 'world')")

        // SQLite's ALTER TABLE cannot change a type, nullability or default in place.
        project.models(v2(dialect !== 'sqlite'))
        const v2Script = await project.migrate('v2')
        assert.ok(v2Script)
        await project.upgrade()
        assert.deepEqual(await project.check(), [])
        const users = await db.query('SELECT id, name FROM users ORDER BY id')
        assert.deepEqual(
          users.map((r) => [Number(r['id']), r['name']]),
          [
            [1, 'ada'],
            [2, 'bob'],
          ],
        )
        const posts = await db.query('SELECT user_id, title FROM posts ORDER BY id')
        assert.deepEqual(
          posts.map((r) => [Number(r['user_id']), r['title']]),
          [
            [1, 'hello'],
            [2, 'world'],
          ],
        )

        await project.downgrade('-1')
        // As a developer discarding v2: with its script gone, v1 is head again.
        rmSync(v2Script)
        project.models(V1)
        assert.deepEqual(await project.check(), [])
        const back = await db.query('SELECT name FROM users ORDER BY id')
        assert.deepEqual(
          back.map((r) => r['name']),
          ['ada', 'bob'],
        )
      } finally {
        project.cleanup()
      }
    })
  })
}
