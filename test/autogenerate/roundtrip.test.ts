import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { autogenProject, DIALECTS, liveTables } from './helpers.js'
import { randomSchema } from './random-schema.js'

/**
 * empty database → migrate → upgrade → check reports nothing → downgrade
 * base → no tables left, on random schemas, on every dialect.
 */
for (const dialect of DIALECTS) {
  describe(`autogenerate round trip on ${dialect}`, () => {
    let db: TestDatabase
    before(async () => {
      db = await createTestDatabase(dialect)
    })
    after(async () => {
      await db?.drop()
    })

    for (const seed of [11, 23, 37]) {
      it(`random schema #${seed}`, async () => {
        const project = autogenProject(db.url)
        try {
          const tables = randomSchema(seed, dialect)
          project.models(tables)
          const script = await project.migrate(`schema ${seed}`)
          assert.ok(script, 'a script is written for a new schema')
          await project.upgrade()
          assert.deepEqual(await project.check(), [])
          assert.equal(await project.migrate('nothing'), undefined, 'an empty diff writes no file')
          await project.downgrade('base')
          assert.deepEqual(
            (await liveTables(db.url)).map((t) => t.name),
            [],
          )
        } finally {
          project.cleanup()
        }
      })
    }
  })
}
