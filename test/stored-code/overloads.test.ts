import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { tableNames } from '../dialect-live/catalog.js'
import { postgresCatalog } from '../fidelity/pg-catalog.js'
import { roundTrip } from '../fidelity/round-trip.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'
import { assertGolden } from '../helpers/golden.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Every routine of the schema with its argument list, source and, for an aggregate, its pg_aggregate row: PostgreSQL's own words. */
async function routineCatalog(db: TestDatabase): Promise<Record<string, unknown[]>> {
  const catalog = await postgresCatalog(db)
  catalog['routines'] = await db.query(
    `SELECT p.proname, p.prokind, pg_get_function_arguments(p.oid) AS arguments, p.prorettype::regtype::text AS returns,
        l.lanname, p.provolatile, p.proparallel, p.proisstrict, p.prosrc
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      WHERE p.pronamespace = current_schema()::regnamespace ORDER BY p.proname, arguments`,
  )
  catalog['aggregates'] = await db.query(
    `SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS arguments, a.aggkind, a.aggnumdirectargs,
        a.aggtransfn::text, a.aggfinalfn::text, a.aggcombinefn::text, a.aggserialfn::text, a.aggdeserialfn::text,
        a.aggmtransfn::text, a.aggminvtransfn::text, a.aggmfinalfn::text, a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify,
        a.aggmfinalmodify, a.aggsortop::regoperator::text AS sortop, a.aggtranstype::regtype::text AS stype, a.aggtransspace,
        a.aggmtranstype::regtype::text AS mstype, a.aggmtransspace, a.agginitval, a.aggminitval
      FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
      WHERE p.pronamespace = current_schema()::regnamespace ORDER BY p.proname, arguments`,
  )
  return catalog
}

/** What the routines compute, read by calling each overload and aggregate. */
const RESULTS = `SELECT add('a', 'b') AS texts, add(1, 2, 3) AS three,
    (SELECT my_avg(value) FROM readings) AS avg_numeric, (SELECT my_avg(id) FROM readings) AS avg_integer,
    (SELECT my_count(*) FROM readings) AS counted, (SELECT my_max(id) FROM readings) AS biggest,
    (SELECT unsafe_sum(value::float8) FROM readings) AS summed, (SELECT my_sum(id::int8) FROM readings) AS id_sum,
    (SELECT my_int_avg(id) FROM readings) AS id_avg,
    (SELECT array_agg(s) FROM (SELECT unsafe_sum(id) OVER (ORDER BY id ROWS 1 PRECEDING) AS s FROM readings) w) AS moving,
    (SELECT my_percentile_disc(0.5) WITHIN GROUP (ORDER BY value) FROM readings) AS median,
    (SELECT my_rank(2.5) WITHIN GROUP (ORDER BY value) FROM readings) AS ranked,
    (SELECT string_agg(message || ':' || level, ',' ORDER BY id) FROM log) AS logged`

roundTrip('postgresql', 'overloads-postgresql.sql', routineCatalog, async (source, rebuilt, models) => {
  // Each overload is its own routine() of the same name.
  assert.equal(models.match(/= routine\('add', sql`CREATE OR REPLACE FUNCTION add\(/g)?.length, 3)
  assert.match(models, /= routine\('my_avg', sql`CREATE OR REPLACE AGGREGATE my_avg\(numeric\) \(\n {4}SFUNC = avg_accum,/)
  await rebuilt.query("INSERT INTO readings VALUES (1, 'a', 1.5), (2, 'a', 2.5), (3, 'b', 4)")
  await rebuilt.query("CALL log_it('started')")
  await rebuilt.query("CALL log_it('warned', 2)")
  assert.deepEqual(await rebuilt.query(RESULTS), await source.query(RESULTS))
})

/**
 * Hand-written models at four stages, in the spellings a person uses (`int`, `int4`, lower-case options):
 * 1 two overloads of `add` and of the procedure `log_it`, an aggregate with its state and final functions;
 * 2 one overload of `add` given a new body; 3 that overload and one of `log_it` removed, the aggregate's
 * INITCOND changed; 4 nothing.
 */
const ADD_INT = "routine('add', sql`CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$`)"
const ADD_TEXT = (body: string) =>
  `routine('add', sql\`CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT ${body} $$\`)`
const LOG_IT = [
  "routine('log_it', sql`CREATE PROCEDURE log_it(message text) LANGUAGE sql\n" +
    '  AS $$ INSERT INTO log (message, level) VALUES (message, 0) $$`)',
  "routine('log_it', sql`CREATE PROCEDURE log_it(message text, level int4)\n" +
    '  LANGUAGE sql AS $$ INSERT INTO log (message, level) VALUES (message, level) $$`)',
]
const AVG = (initcond: string) => [
  "routine('avg_accum', sql`CREATE FUNCTION avg_accum(state numeric[], value numeric) RETURNS numeric[] LANGUAGE sql IMMUTABLE STRICT\n" +
    '  AS $$ SELECT ARRAY[state[1] + value, state[2] + 1] $$`)',
  "routine('avg_final', sql`CREATE FUNCTION avg_final(state numeric[]) RETURNS numeric LANGUAGE sql IMMUTABLE\n" +
    '  AS $$ SELECT CASE WHEN state[2] = 0 THEN NULL ELSE state[1] / state[2] END $$`)',
  `routine('my_avg', sql\`CREATE AGGREGATE my_avg (numeric)\n(\n    sfunc = avg_accum,\n    stype = numeric[],\n` +
    `    finalfunc = avg_final,\n    initcond = '${initcond}'\n)\`)`,
]
const STAGES: readonly (readonly string[])[] = [
  [ADD_INT, ADD_TEXT('a || b'), ...LOG_IT, ...AVG('{0,0}')],
  [ADD_INT, ADD_TEXT("a || ' ' || b"), ...LOG_IT, ...AVG('{0,0}')],
  [ADD_INT, LOG_IT[1]!, ...AVG('{10,1}')],
  [],
]

function models(stage: number): string {
  const objects = STAGES[stage]!
  return [
    "import { col, defineModels, routine, sql, table } from 'athanor'",
    "export const log = table('log', {",
    '  id: col.integer().primaryKey().identity({ always: true }),',
    '  message: col.text().notNull(),',
    '  level: col.integer().notNull(),',
    '})',
    ...objects.map((object, n) => `export const object${n} = ${object}`),
    `export default defineModels(log${objects.map((_, n) => `, object${n}`).join('')})`,
    '',
  ].join('\n')
}

function scriptOf(ws: Workspace, revision: string): { upgrade: string; downgrade: string } {
  const versions = join(ws.directory, 'versions')
  const file = readdirSync(versions).find((name) => name.startsWith(revision))
  assert.ok(file !== undefined, `no ${revision} script in ${versions}`)
  const [upgrade = '', downgrade = ''] = readFileSync(join(versions, file), 'utf8').split('export async function downgrade')
  return { upgrade, downgrade }
}

const opsIn = (text: string) => text.match(/await op\.\w+\('[\w]+'/g) ?? []

async function adds(db: TestDatabase): Promise<string[]> {
  const rows = await db.query("SELECT pg_get_function_identity_arguments(oid) AS args FROM pg_proc WHERE proname = 'add' ORDER BY 1")
  return rows.map((row) => String(row['args']))
}

describe('postgresql: overloads and aggregates evolve one at a time', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('an overload replaced alone, one dropped while the other stays, an aggregate replaced; check clean at each step', async () => {
    for (const stage of [0, 1, 2, 3]) {
      writeFileSync(ws.models, models(stage))
      await cliOk([...ws.base, 'migrate', '-m', `stage ${stage + 1}`, '--rev-id', `stage${stage + 1}`])
      if (stage === 1) {
        // Only the overload whose body changed is replaced, in place; the downgrade puts its old body back.
        const { upgrade, downgrade } = scriptOf(ws, 'stage2')
        assert.deepEqual(opsIn(upgrade), ["await op.replaceRoutine('add'"])
        assert.match(upgrade, /replaceRoutine\('add', `CREATE FUNCTION add\(a text, b text\)/)
        assert.deepEqual(opsIn(downgrade), ["await op.replaceRoutine('add'"])
        assert.match(downgrade, /replaceRoutine\('add', `CREATE OR REPLACE FUNCTION add\(a text, b text\)[\s\S]*SELECT a \|\| b \$/)
      }
      if (stage === 2) {
        const { upgrade, downgrade } = scriptOf(ws, 'stage3')
        assert.match(upgrade, /await op\.dropRoutine\('log_it', \{ kind: 'procedure', arguments: 'text' \}\)/)
        assert.match(upgrade, /await op\.dropRoutine\('add', \{ kind: 'function', arguments: 'text, text' \}\)/)
        assert.match(upgrade, /await op\.replaceRoutine\('my_avg', `CREATE AGGREGATE my_avg \(numeric\)/)
        assert.equal(opsIn(upgrade).length, 3)
        assert.match(downgrade, /await op\.createRoutine\('add', `CREATE OR REPLACE FUNCTION add\(a text, b text\)/)
      }
      await cliOk([...ws.base, 'upgrade'])
      const checked = await cli([...ws.base, 'check'])
      assert.equal(checked.stdout, CLEAN, `stage ${stage + 1}: ${checked.stdout}${checked.stderr}`)
      // The same against the migrations replayed on PGlite, in memory.
      const offline = await cli([...ws.base, 'check', '--offline'])
      assert.equal(offline.stdout, CLEAN, `stage ${stage + 1} offline: ${offline.stdout}${offline.stderr}`)
      if (stage === 1) assert.deepEqual(await db.query("SELECT add(1, 2) AS n, add('a', 'b') AS s"), [{ n: 3, s: 'a b' }])
      if (stage === 2) {
        assert.deepEqual(await adds(db), ['a integer, b integer'])
        await db.query("CALL log_it('kept', 3)")
        assert.deepEqual(await db.query('SELECT my_avg(level) AS avg FROM log'), [{ avg: '6.5000000000000000' }])
      }
    }
    assert.deepEqual(await db.query('SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace'), [])
    await cliOk([...ws.base, 'downgrade', '-1'])
    await cliOk([...ws.base, 'downgrade', '-1'])
    // Back at stage 2: the dropped overload is there again with the body it had.
    assert.deepEqual(await adds(db), ['a integer, b integer', 'a text, b text'])
    assert.deepEqual(await db.query("SELECT add(1, 2) AS n, add('a', 'b') AS s"), [{ n: 3, s: 'a b' }])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    assert.deepEqual(await db.query('SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace'), [])
    // The whole chain as an offline script: each overload named by its argument types.
    const { stdout: up } = await cliOk([...ws.base, 'upgrade', '--sql'])
    const { stdout: down } = await cliOk([...ws.base, 'downgrade', '--sql', 'head:base'])
    assertGolden(join(import.meta.dirname, 'golden'), 'overloads-postgresql.sql', `-- upgrade\n${up}\n-- downgrade\n${down}`)
    // athanor test runs that script and the live upgrade on scratch databases: their routines and aggregates agree.
    const tested = await cliOk([...ws.base, 'test'])
    assert.match(tested.stdout, /^ok +offline script matches the live run/m)
  })
})
