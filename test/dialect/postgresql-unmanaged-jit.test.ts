// The catalog query behind "not managed" is costed past jit_above_cost on a few hundred tables; compiling it
// took far longer than running it, so it runs without JIT, and the session keeps its own setting.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { postgresUnmanaged } from '../../src/dialect/postgresql/unmanaged.js'
import { useTestDatabase } from '../helpers/databases.js'

describe('postgresql: what is not managed, read without JIT', () => {
  const db = useTestDatabase('postgresql')

  async function readRecording(sessionJit: 'on' | 'off') {
    const connection = await db.connect()
    try {
      await connection.query(`SET jit = ${sessionJit}`)
      const sent: string[] = []
      const recording = {
        dialect: connection.dialect,
        query: (sql: string) => {
          sent.push(sql)
          return connection.query(sql)
        },
      }
      const found = await postgresUnmanaged(recording)
      const [after] = await connection.query("SELECT current_setting('jit') AS jit")
      return { found, sent, jitAfter: after?.['jit'] }
    } finally {
      await connection.close()
    }
  }

  test('the catalog query sets jit off for itself alone where the session has it on', async () => {
    await db.query('CREATE TABLE events (id integer PRIMARY KEY, note text)')
    await db.query('CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)')
    const on = await readRecording('on')
    const catalog = on.sent.filter((sql) => sql.includes("'operator'"))
    assert.equal(catalog.length, 1)
    assert.match(catalog[0] ?? '', /^SELECT set_config\('jit', 'off', true\);\n/)
    assert.equal(on.jitAfter, 'on')
    assert.deepEqual(on.found, [{ kind: 'operator', name: '=== (integer, integer)' }])

    const off = await readRecording('off')
    assert.ok(off.sent.every((sql) => !sql.includes("set_config('jit'")))
    assert.equal(off.jitAfter, 'off')
    assert.deepEqual(off.found, on.found)
  })
})
