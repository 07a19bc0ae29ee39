import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { liveTables } from '../autogenerate/helpers.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

let db: TestDatabase
before(async () => {
  db = await createTestDatabase('sqlite')
})
after(async () => {
  await db?.drop()
})

test('sqlite: an unnamed one-column UNIQUE reads back where it was declared, on its column or after the columns', async () => {
  // Where it was declared decides SQLite's autoindex numbering, which a rebuild from the pulled models must repeat.
  await db.query('CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, a VARCHAR(1), b VARCHAR(1) UNIQUE, UNIQUE (a))')
  const [t] = await liveTables(db.url)
  assert.deepEqual(t?.uniqueConstraints, [{ columns: ['a'] }])
  assert.deepEqual(
    t?.columns.filter((c) => c.unique === true).map((c) => c.name),
    ['b'],
  )
})
