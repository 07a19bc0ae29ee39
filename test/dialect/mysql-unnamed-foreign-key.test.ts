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

test('mysql: the index InnoDB adds for a foreign key declared without a name is not read as an index of the model', async () => {
  await db.query('CREATE TABLE parents (id INT PRIMARY KEY)')
  await db.query('CREATE TABLE children (id INT PRIMARY KEY, parent_id INT, label INT, FOREIGN KEY (parent_id) REFERENCES parents (id))')
  await db.query('CREATE INDEX ix_children_label ON children (label)')
  const children = (await liveTables(db.url)).find((t) => t.name === 'children')
  assert.deepEqual(
    children?.indexes?.map((i) => i.name),
    ['ix_children_label'],
  )
  assert.deepEqual(
    children?.foreignKeys?.map((fk) => fk.columns),
    [['parent_id']],
  )
})
