import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { liveTables } from '../autogenerate/helpers.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

let db: TestDatabase
before(async () => {
  db = await createTestDatabase('mysql')
})
after(async () => {
  await db?.drop()
})

test('mariadb: the zero date it gives a NOT NULL ON UPDATE column without a default is not read as the model default', async () => {
  await db.query(`CREATE TABLE t (id INT PRIMARY KEY, a DATETIME NOT NULL ON UPDATE CURRENT_TIMESTAMP,
    b DATETIME(3) NOT NULL DEFAULT '2000-01-01 00:00:00.000' ON UPDATE CURRENT_TIMESTAMP(3))`)
  const [t] = await liveTables(db.url)
  assert.equal(t?.columns.find((c) => c.name === 'a')?.serverDefault, undefined)
  assert.notEqual(t?.columns.find((c) => c.name === 'b')?.serverDefault, undefined)
})
