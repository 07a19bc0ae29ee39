import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { postgresViews } from '../../src/dialect/postgresql/views.js'
import type { View } from '../../src/schema/view.js'
import { useTestDatabase } from '../helpers/databases.js'

const view = (name: string, definition: string): View => ({ name, definition })

describe('postgresql: model views normalised together', () => {
  const db = useTestDatabase('postgresql')

  const VIEWS = [
    view('a', 'SELECT id FROM users'),
    view('c', 'SELECT email FROM users -- the emails'),
    view('d', "SELECT id FROM users WHERE email LIKE 'a\\_%'"),
    view('e', 'SELECT id, email FROM users WHERE id > 0;'),
    view('f', "SELECT ';' AS semicolon, id FROM users"),
    view('g', 'SELECT id FROM users /* a block comment */'),
  ]

  /** The views normalised through a connection that counts its round trips, and what throwaway views it still holds after. */
  async function normalizeCounting(views: readonly View[]) {
    const connection = await db.connect()
    let queries = 0
    try {
      const counted = {
        dialect: connection.dialect,
        query: (sql: string) => {
          queries++
          return connection.query(sql)
        },
      }
      const normal = await postgresViews.normalize(counted, views)
      const left = await connection.query("SELECT relname FROM pg_class WHERE relname LIKE 'athanor_normal_%' AND pg_table_is_visible(oid)")
      return { normal, queries, left }
    } finally {
      await connection.close()
    }
  }

  test('in two round trips, each as it would be alone: comments, a backslash, semicolons', async () => {
    await db.query('CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(100))')
    const { normal: together, queries, left } = await normalizeCounting(VIEWS)
    assert.equal(queries, 2)
    assert.deepEqual(left, [])
    const connection = await db.connect()
    try {
      const alone: (string | undefined)[] = []
      for (const v of VIEWS) alone.push(...(await postgresViews.normalize(connection, [v])))
      assert.deepEqual(together, alone)
      assert.equal(together[0], 'SELECT users.id\n   FROM users;')
      assert.ok(together.every((definition) => definition !== undefined))
    } finally {
      await connection.close()
    }
  })

  test('a refused one, reading a table not created yet, is found by halves and the others kept', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS users (id INT PRIMARY KEY, email VARCHAR(100))')
    const views = [...VIEWS.slice(0, 3), view('b', 'SELECT id FROM missing'), ...VIEWS.slice(3)]
    const { normal: together, queries, left } = await normalizeCounting(views)
    assert.deepEqual(
      together.map((definition) => definition === undefined),
      [false, false, false, true, false, false, false],
    )
    // 7 refused; 4 refused, 3 read (2); 2 read (2), 2 refused; 1 refused, 1 read (2).
    assert.equal(queries, 1 + 1 + 2 + 2 + 1 + 1 + 2)
    assert.deepEqual(left, [])
  })
})
