import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { pull } from '../../src/command/pull.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { autogenProject, DIALECTS, liveTables } from './helpers.js'
import { randomSchema } from './random-schema.js'

for (const dialect of DIALECTS) {
  describe(`pull on ${dialect}`, () => {
    let source: TestDatabase
    let target: TestDatabase
    before(async () => {
      source = await createTestDatabase(dialect)
      target = await createTestDatabase(dialect)
    })
    after(async () => {
      await source?.drop()
      await target?.drop()
    })

    it('pull, then migrate and upgrade an empty database, reproduces the catalog', async () => {
      const original = autogenProject(source.url)
      const copy = autogenProject(target.url)
      try {
        original.models(randomSchema(71, dialect, 6))
        await original.migrate('original')
        await original.upgrade()
        const { text } = await pull({ directory: original.directory, url: source.url, env: {} })
        assert.match(text, /export default defineModels\(/)
        copy.models(text)
        await copy.migrate('from pull')
        await copy.upgrade()
        assert.deepEqual(await liveTables(target.url), await liveTables(source.url))
      } finally {
        original.cleanup()
        copy.cleanup()
      }
    })
  })
}
