import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

// From the manual's pages on overloading, aggregates and window functions
// (https://www.postgresql.org/docs/15/xfunc-overload.html, xaggr.html, functions-window.html): a window function is
// written in C (here the built-in row_number's, LANGUAGE internal), which no statement in a model can carry.
const SQL = [
  'CREATE TABLE amounts (id integer PRIMARY KEY, amount numeric NOT NULL)',
  'CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$',
  'CREATE FUNCTION twice(n numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$',
  "CREATE AGGREGATE total (numeric) (sfunc = numeric_add, stype = numeric, initcond = '0')",
  "CREATE FUNCTION my_row_number() RETURNS bigint LANGUAGE internal WINDOW IMMUTABLE AS 'window_row_number'",
]

describe('postgresql: overloaded functions and aggregates are pulled; a window function stays not managed', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('pull writes each overload and the aggregate, lists the window function; check names it and is clean', async () => {
    for (const sql of SQL) await db.query(sql)
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models])
    assert.match(pulled.stderr, /^Wrote 1 table to .*: 2 columns, .*, 3 routines$/m)
    const listed = pulled.stderr.split('\n').filter((line) => line.startsWith('  '))
    assert.deepEqual(listed, ['  window function my_row_number()'])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /= routine\('twice', sql`CREATE OR REPLACE FUNCTION twice\(n integer\)/)
    assert.match(models, /= routine\('twice', sql`CREATE OR REPLACE FUNCTION twice\(n numeric\)/)
    assert.match(models, /= routine\('total', sql`CREATE OR REPLACE AGGREGATE total\(numeric\) \(\n {4}SFUNC = numeric_add,/)
    await cliOk([...ws.base, 'migrate', '-m', 'adopt'])
    await cliOk([...ws.base, 'stamp', 'head'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, 'No new upgrade operations detected.\n', checked.stderr)
    for (const line of listed) assert.ok(checked.stderr.includes(`${line}\n`), checked.stderr)
  })
})
