// A session that runs migrations on MySQL/MariaDB is strict: without
// STRICT_TRANS_TABLES a narrowing MODIFY cuts values and NOT NULL fills
// NULLs with 0, without a word. A server already strict keeps its mode.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import { useTestDatabase } from '../helpers/databases.js'

const strictSession = dialectNamed('mysql').strictSession!

describe('mysql: the strict session of a migration', () => {
  const db = useTestDatabase('mysql')

  test('a lenient session becomes strict: a value too long for a narrowed column is refused, not cut', async () => {
    const connection = await db.connect()
    try {
      await connection.execute({ sql: "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'" })
      await connection.execute({ sql: 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))' })
      await connection.execute({ sql: "INSERT INTO notes VALUES (1, 'twelve chars')" })
      await strictSession(connection)
      const [row] = await connection.query('SELECT @@SESSION.sql_mode AS mode')
      assert.deepEqual(String(row?.['mode']).split(',').sort(), ['NO_ENGINE_SUBSTITUTION', 'STRICT_TRANS_TABLES'])
      await assert.rejects(connection.execute({ sql: 'ALTER TABLE notes MODIFY body VARCHAR(5)' }), /Data truncated|too long/i)
      assert.deepEqual(await connection.query('SELECT body FROM notes'), [{ body: 'twelve chars' }])
    } finally {
      await connection.close()
    }
  })

  test("a session already strict keeps the server's mode as it is", async () => {
    const connection = await db.connect()
    try {
      await connection.execute({ sql: "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ONLY_FULL_GROUP_BY'" })
      const [before] = await connection.query('SELECT @@SESSION.sql_mode AS mode')
      await strictSession(connection)
      const [after] = await connection.query('SELECT @@SESSION.sql_mode AS mode')
      assert.equal(after?.['mode'], before?.['mode'])
    } finally {
      await connection.close()
    }
  })
})
