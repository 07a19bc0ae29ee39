import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { dialects } from '../../src/dialect/registry.js'
import type { ExecuteOp } from '../../src/ops/operation.js'
import { createTestDatabase } from '../helpers/databases.js'

const update: ExecuteOp = {
  kind: 'execute',
  sql: "UPDATE plan SET name = :name, at = '12:30', n = n::int WHERE id = :id AND note = :name -- \\:kept",
  params: { name: "it's", id: 7 },
}

describe('op.execute with :name parameters', () => {
  test('offline, each value is written as the dialect literal, casts and times untouched', () => {
    const sql = (name: 'sqlite' | 'postgresql' | 'mysql') => dialects[name].compiler.compileSql(update, 'offline')
    assert.deepEqual(sql('postgresql'), [
      { sql: "UPDATE plan SET name = 'it''s', at = '12:30', n = n::int WHERE id = 7 AND note = 'it''s' -- :kept" },
    ])
    assert.equal(sql('sqlite')[0]?.sql, sql('postgresql')[0]?.sql)
  })

  test('online, each use becomes the driver placeholder with its value bound', () => {
    assert.deepEqual(dialects.postgresql.compiler.compileSql(update, 'online'), [
      {
        sql: "UPDATE plan SET name = $1, at = '12:30', n = n::int WHERE id = $2 AND note = $3 -- :kept",
        params: ["it's", 7, "it's"],
      },
    ])
    assert.match(dialects.mysql.compiler.compileSql(update, 'online')[0]!.sql, /SET name = \?, .* WHERE id = \? AND note = \?/)
  })

  test('a placeholder without a value is an error naming it; no params leaves colons alone', () => {
    assert.throws(
      () => dialects.sqlite.compiler.compileSql({ kind: 'execute', sql: 'DELETE FROM t WHERE id = :gone', params: {} }, 'online'),
      (error) => isAthanorError(error, 'INVALID_OPTION') && /:gone/.test(error.message),
    )
    assert.deepEqual(dialects.sqlite.compiler.compileSql({ kind: 'execute', sql: "SELECT ':x'" }, 'online'), [{ sql: "SELECT ':x'" }])
  })

  test('bound values reach a live SQLite database', async () => {
    const db = await createTestDatabase('sqlite')
    const connection = await db.connect()
    try {
      await connection.execute({ sql: 'CREATE TABLE plan (id INTEGER, name TEXT)' })
      await connection.execute({ sql: "INSERT INTO plan VALUES (7, 'old')" })
      for (const statement of dialects.sqlite.compiler.compileSql(
        { kind: 'execute', sql: 'UPDATE plan SET name = :name WHERE id = :id', params: { name: "it's", id: 7 } },
        'online',
      ))
        await connection.execute(statement)
      assert.deepEqual(await db.query('SELECT name FROM plan'), [{ name: "it's" }])
    } finally {
      await connection.close()
      await db.drop()
    }
  })
})
