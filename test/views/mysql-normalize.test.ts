import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { mysqlViews } from '../../src/dialect/mysql/views.js'
import type { View } from '../../src/schema/view.js'
import { useTestDatabase } from '../helpers/databases.js'

const view = (name: string, definition: string): View => ({ name, definition })

describe('mysql: model views normalised together', () => {
  const db = useTestDatabase('mysql')

  test('each as it would be alone: a refused one in the middle, comments, a backslash, a closing semicolon', async () => {
    await db.query('CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))')
    const views = [
      view('a', 'SELECT id FROM users'),
      // Reads a table that does not exist: refused, and the batch stops there.
      view('b', 'SELECT id FROM missing'),
      view('c', 'SELECT email FROM users -- the emails'),
      view('d', "SELECT id FROM users WHERE email LIKE 'a\\_%'"),
      view('e', 'SELECT id, email FROM users WHERE id > 0;'),
      view('f', "SELECT ';' AS semicolon, id FROM users"),
      view('g', 'SELECT id FROM users /* a block comment */'),
    ]
    const connection = await db.connect()
    try {
      let queries = 0
      const counted = {
        dialect: connection.dialect,
        query: (sql: string) => {
          queries++
          return connection.query(sql)
        },
      }
      const together = await mysqlViews.normalize(counted, views)
      // a, b batched (b refused: the batch stops), b alone, c, e, f batched again; d and g, three statements each, alone.
      assert.equal(queries, 3 + 1 + 2 + 6)
      const alone: (string | undefined)[] = []
      for (const v of views) alone.push(...(await mysqlViews.normalize(connection, [v])))
      assert.deepEqual(together, alone)
      assert.equal(together[1], undefined)
      assert.match(together[0] ?? '', /^select `users`\.`id` AS `id` from `users`$/)
      assert.equal(together.filter((definition) => definition === undefined).length, 1)
      // Every throwaway view is gone.
      assert.deepEqual(await db.query('SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()'), [])
    } finally {
      await connection.close()
    }
  })
})
