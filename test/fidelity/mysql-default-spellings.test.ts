// MariaDB stores a default written CURRENT_DATE as curdate(), CURRENT_TIME
// as curtime() and a double-quoted string "y" as 'y'. Compared as written,
// check was never clean and every migrate wrote the same ALTER again.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { mysqlStoredDefault } from '../../src/dialect/mysql/stored-default.js'

const models =
  "import { col, defineModels, sql, table } from 'athanor'\n" +
  "export const ev = table('ev', {\n" +
  '  id: col.integer().primaryKey(),\n' +
  "  d1: col.date().notNull().default(sql('CURRENT_DATE')),\n" +
  "  d2: col.date().default(sql('(CURRENT_DATE())')),\n" +
  "  d3: col.date().default(sql('CURDATE()')),\n" +
  "  t1: col.time().default(sql('CURRENT_TIME')),\n" +
  "  t2: col.time().default(sql('CURTIME()')),\n" +
  "  l1: col.timestamp().default(sql('LOCALTIME')),\n" +
  '  s1: col.string(5).default(sql(\'"y"\')),\n' +
  '  s2: col.string(5).default(sql(\'("a""b")\')),\n' +
  '  n1: col.integer().default(sql(\'"5"\')),\n' +
  '})\n' +
  'export default defineModels(ev)\n'

describe('mysql: defaults written in a spelling the server stores otherwise', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('come back clean after their own upgrade', async () => {
    writeFileSync(ws.models, models)
    await cliOk([...ws.base, 'migrate', '-m', 'defaults'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await db.query('INSERT INTO ev (id) VALUES (1)')
    const [row] = await db.query('SELECT s1, s2, n1, d1 = CURDATE() AS today FROM ev')
    assert.deepEqual({ ...row }, { s1: 'y', s2: 'a"b', n1: 5, today: 1 })
  })
})

test('a stored spelling maps to itself; other expressions are left as written', () => {
  const stored = (sql: string) => mysqlStoredDefault({ kind: 'expression', sql })
  assert.deepEqual(stored('curdate()'), { kind: 'expression', sql: 'curdate()' })
  assert.deepEqual(stored('current_time(2)'), { kind: 'expression', sql: 'curtime(2)' })
  assert.deepEqual(stored('curtime(2)'), { kind: 'expression', sql: 'curtime(2)' })
  assert.deepEqual(stored('"it\\"s"'), { kind: 'literal', value: 'it"s' })
  assert.deepEqual(stored('"a" + "b"'), { kind: 'expression', sql: '"a" + "b"' })
  assert.deepEqual(stored('(curdate()) + (1)'), { kind: 'expression', sql: '(curdate()) + (1)' })
})
