// MySQL reads a double-quoted text as a string and TRUE/FALSE as 1/0, and
// MariaDB stores them so: `code IN ("G", "PG")` comes back `in ('G','PG')`,
// `ELSE TRUE` as `else 1`. Keyed as written, check was never clean and
// every migrate dropped and added the same checks and generated columns.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { diffHooksFor } from '../../src/dialect/registry.js'

const models = (checks: string) =>
  "import { check, col, defineModels, table } from 'athanor'\n" +
  "export const ev = table('ev', {\n" +
  '  id: col.integer().primaryKey(),\n' +
  '  code: col.string(10),\n' +
  '  n: col.integer(),\n' +
  '  flag: col.boolean(),\n' +
  '  true: col.integer(),\n' +
  "  g: col.integer().generated('IF(flag = TRUE, 1, 0)'),\n" +
  `}, { checks: [${checks}] })\n` +
  'export default defineModels(ev)\n'

const spelled = [
  `check('ck_dq', 'code IN ("G", "PG", "it\\\\"s", "a""b", "x\\'y")')`,
  "check('ck_case', 'CASE WHEN n > 0 THEN code IS NOT NULL ELSE TRUE END')",
  "check('ck_false', 'flag <> FALSE OR n IS NULL')",
  "check('ck_is', 'flag IS TRUE OR flag IS NOT FALSE OR `true` > 0')",
].join(', ')

describe('mysql: checks and generated columns with double-quoted strings and TRUE/FALSE', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('come back clean after their own upgrade, and a column named true stays a name', async () => {
    writeFileSync(ws.models, models(spelled))
    await cliOk([...ws.base, 'migrate', '-m', 'checks'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    // `true` the column is not TRUE the value: a change from one to the other is seen.
    writeFileSync(ws.models, models(spelled.replace('`true` > 0', 'TRUE > 0')))
    assert.match((await cli([...ws.base, 'check'])).stdout, /ck_is/)
  })
})

test('the MySQL key reads "…" as a string and TRUE as 1, not after IS or in backquotes', () => {
  const key = diffHooksFor('mysql').checkKey
  assert.equal(key('code IN ("G", "PG")'), key("`code` in ('G','PG')"))
  assert.equal(key('code <> "it\\"s" AND code <> "a""b"'), key("`code` <> 'it\"s' and `code` <> 'a\"b'"))
  assert.equal(key('code <> "x\'y"'), key("`code` <> 'x\\'y'"))
  assert.equal(key('flag = TRUE OR n <> FALSE'), key('`flag` = 1 or `n` <> 0'))
  assert.notEqual(key('flag IS TRUE'), key('`flag` is 1'))
  assert.equal(key('flag IS NOT FALSE'), key('`flag` is not false'))
  assert.notEqual(key('`true` > 0'), key('1 > 0'))
})
