import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { tableNames } from '../dialect-live/catalog.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** A models file of a table `items` and the given objects, each as `routine(…)`/`view(…)` text. */
function models(objects: readonly string[]): string {
  return [
    "import { col, defineModels, routine, sql, table, view } from 'athanor'",
    "export const items = table('items', { id: col.integer().primaryKey(), name: col.string(20), price: col.numeric(10, 2) })",
    ...objects.map((object, n) => `export const object${n} = ${object}`),
    `export default defineModels(items${objects.map((_, n) => `, object${n}`).join('')})`,
    '',
  ].join('\n')
}

/** migrate, upgrade, then check clean live and on PGlite. */
async function step(ws: Workspace, objects: readonly string[], revision: string): Promise<void> {
  writeFileSync(ws.models, models(objects))
  await cliOk([...ws.base, 'migrate', '-m', revision, '--rev-id', revision])
  await cliOk([...ws.base, 'upgrade'])
  const checked = await cli([...ws.base, 'check'])
  assert.equal(checked.stdout, CLEAN, `${revision}: ${checked.stdout}${checked.stderr}`)
  const offline = await cli([...ws.base, 'check', '--offline'])
  assert.equal(offline.stdout, CLEAN, `${revision} offline: ${offline.stdout}${offline.stderr}`)
}

const ADD = (names: string, body: string, returns = 'int') =>
  `routine('add', sql\`CREATE FUNCTION add(${names}) RETURNS ${returns} LANGUAGE sql IMMUTABLE AS $$ SELECT ${body} $$\`)`
const ADD_TEXT = "routine('add', sql`CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$`)"
const TOTAL = (stype: string) => {
  const sfunc = stype === 'int4' ? 'int4pl' : "int84pl, INITCOND = '0'"
  return `routine('total', sql\`CREATE AGGREGATE total(int4) (SFUNC = ${sfunc}, STYPE = ${stype})\`)`
}
const TOTALS = "view('totals', sql`SELECT add(id, 1) AS next, total(id) AS sum FROM items GROUP BY id`)"
// SQL-standard bodies, which PostgreSQL parses when made and records as depending on what they call.
const ATOMIC = [
  "routine('add3', sql`CREATE FUNCTION add3(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT add(a, 3)::int; END`)",
  "routine('add4', sql`CREATE FUNCTION add4(a int) RETURNS int LANGUAGE sql RETURN add3(a) + 1`)",
]

describe('postgresql: a routine a view calls is dropped and created under it', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('an argument renamed, a default, a return type, an aggregate state type: views and callers go and come back', async () => {
    await step(ws, [ADD('a int, b int DEFAULT 1', 'a + b'), ADD_TEXT, TOTAL('int4'), TOTALS, ...ATOMIC], 's1')
    await db.query("INSERT INTO items VALUES (1, 'one', 1.5)")
    // PostgreSQL refuses CREATE OR REPLACE to rename an argument or change the return type: drop and create, the view with them.
    await step(ws, [ADD('x int, y int DEFAULT 1', 'x + y'), ADD_TEXT, TOTAL('int4'), TOTALS, ...ATOMIC], 's2')
    await step(ws, [ADD('x int, y int DEFAULT 5', 'x + y'), ADD_TEXT, TOTAL('int4'), TOTALS, ...ATOMIC], 's3')
    await step(ws, [ADD('x int, y int DEFAULT 5', '(x + y)::int8', 'bigint'), ADD_TEXT, TOTAL('int4'), TOTALS, ...ATOMIC], 's4')
    await step(ws, [ADD('x int, y int DEFAULT 5', '(x + y)::int8', 'bigint'), ADD_TEXT, TOTAL('int8'), TOTALS, ...ATOMIC], 's5')
    assert.deepEqual(await db.query('SELECT next::int AS next, sum::int AS sum, add4(1) AS four FROM totals'), [
      { next: 2, sum: 1, four: 5 },
    ])
    for (const _ of [5, 4, 3, 2]) await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await db.query("SELECT pg_get_function_arguments('add(int, int)'::regprocedure) AS args"), [
      { args: 'a integer, b integer DEFAULT 1' },
    ])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
  })
})

describe('postgresql: overloads the text cannot type alone are created, checked and dropped', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('two %TYPE overloads and an argument list with comments, on an empty database', async () => {
    const typed = (column: string, n: number) =>
      `routine('f_ref', sql\`CREATE FUNCTION f_ref(a items.${column}%TYPE) RETURNS int LANGUAGE sql AS $$ SELECT ${n} $$\`)`
    const commented =
      "routine('f_note', sql`CREATE FUNCTION f_note(a int /* the (first, it's a) */, b int -- second)\n" +
      ') RETURNS int LANGUAGE sql AS $$ SELECT a + b $$`)'
    const other = "routine('f_note', sql`CREATE FUNCTION f_note(a text) RETURNS text LANGUAGE sql AS $$ SELECT a $$`)"
    await step(ws, [typed('name', 1), typed('price', 2), commented, other], 's1')
    assert.deepEqual(await db.query("SELECT f_ref('x'::varchar) AS one, f_ref(1.5::numeric) AS two, f_note(1, 2) AS three"), [
      { one: 1, two: 2, three: 3 },
    ])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await db.query('SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace'), [])
  })
})

describe('postgresql: a routine a column default calls, its name quoted, is dropped and created under it', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('the default is dropped before the routine and set again after it, both ways', async () => {
    const twice = (arg: string) =>
      `routine('Twice', sql\`CREATE FUNCTION "Twice"(${arg} int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT ${arg} * 2 $$\`)`
    const numbers = 'table(\'numbers\', { id: col.integer().primaryKey(), n: col.integer().default(sql`"Twice"(2)`) })'
    await step(ws, [twice('a'), numbers], 's1')
    await step(ws, [twice('b'), numbers], 's2')
    const args = () => db.query('SELECT pg_get_function_arguments(\'"Twice"(int)\'::regprocedure) AS args')
    assert.deepEqual(await args(), [{ args: 'b integer' }])
    await db.query('INSERT INTO numbers (id) VALUES (1)')
    assert.deepEqual(await db.query('SELECT n FROM numbers'), [{ n: 4 }])
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await args(), [{ args: 'a integer' }])
    assert.deepEqual(await db.query("SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'numbers'::regclass"), [
      { d: '"Twice"(2)' },
    ])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
  })
})
