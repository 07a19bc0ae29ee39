import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

// From the manual's pages on overloading and aggregates (https://www.postgresql.org/docs/15/xfunc-overload.html, xaggr.html).
const SQL = [
  'CREATE TABLE amounts (id integer PRIMARY KEY, amount numeric NOT NULL)',
  'CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$',
  'CREATE FUNCTION twice(n numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$',
  "CREATE AGGREGATE total (numeric) (sfunc = numeric_add, stype = numeric, initcond = '0')",
  'CREATE FUNCTION once(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n $$',
]

describe('postgresql: overloaded functions and aggregates stay not managed; the other routines are pulled', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('pull lists them and writes the rest; check names them as not managed and the migration leaves them', async () => {
    for (const sql of SQL) await db.query(sql)
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models])
    assert.match(pulled.stderr, /^Wrote 1 table to .*: 2 columns, .*, 1 routine$/m)
    const listed = pulled.stderr.split('\n').filter((line) => line.startsWith('  '))
    assert.deepEqual(listed, ['  aggregate total(numeric)', '  function twice(n integer)', '  function twice(n numeric)'])
    await cliOk([...ws.base, 'migrate', '-m', 'adopt'])
    await cliOk([...ws.base, 'stamp', 'head'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
    for (const line of listed) assert.ok(checked.stderr.includes(`${line}\n`), checked.stderr)
  })
})
