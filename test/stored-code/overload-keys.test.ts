import assert from 'node:assert/strict'
import { test } from 'node:test'
import { diffStoredCode, type StatementNormalizers } from '../../src/diff/stored-code.js'
import { aggregateDefinition } from '../../src/dialect/postgresql/aggregates.js'
import { postgresArgumentTypes } from '../../src/dialect/postgresql/routine-arguments.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { defineModels, routine, sql, table, col } from '../../src/models/index.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { routineArgumentList, routineKindOf, withOrReplace } from '../../src/ops/stored-code-text.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Routine } from '../../src/schema/stored-code.js'

test('argument types as the catalog prints them: names, modes, defaults, modifiers and OUT dropped, aliases spelt out', () => {
  const cases: ReadonlyArray<readonly [string, string | undefined]> = [
    ['CREATE FUNCTION add(a int, b int4) RETURNS int RETURN a + b', 'integer, integer'],
    ['CREATE OR REPLACE FUNCTION public.add(a integer, b integer, c integer DEFAULT 0) RETURNS integer', 'integer, integer, integer'],
    ["CREATE FUNCTION f(IN x text, y varchar(20) = 'a,b', OUT z int) RETURNS int", 'text, character varying'],
    [
      'CREATE FUNCTION f(double precision, "Weird Name" character varying(3), timestamptz, t timestamp(3) with time zone)',
      'double precision, character varying, timestamp with time zone, timestamp with time zone',
    ],
    [
      'CREATE FUNCTION f(VARIADIC nums int[], flags bool[][], n numeric(10, 2), c char(3), charge float8, "Kind" "Mood")',
      'integer[], boolean[], numeric, character, double precision, "Mood"',
    ],
    // A %TYPE stays as written (DROP FUNCTION takes it too): two such overloads are two routines before the table exists.
    ['CREATE FUNCTION f(r orders.total%TYPE, n orders.note%type) RETURNS int', 'orders.total%type, orders.note%type'],
    // float(p) is real up to 24 binary digits; the SQL-standard NATIONAL CHARACTER is character.
    [
      'CREATE FUNCTION f(a float(10), b float(25), c national character varying(3), d nchar(2), e national char) RETURNS int',
      'real, double precision, character varying, character, character',
    ],
    // Comments in the list, with parentheses, commas and quotes in them, are no part of it.
    ["CREATE FUNCTION f(a int /* the (first, it's a) */, b text -- second)\n) RETURNS int", 'integer, text'],
    ['CREATE PROCEDURE log_it(IN message text, INOUT level int8)', 'text, bigint'],
    ['CREATE FUNCTION now_ish() RETURNS timestamptz', ''],
    ['CREATE AGGREGATE my_avg (numeric) (sfunc = avg_accum, stype = numeric[])', 'numeric'],
    ['CREATE AGGREGATE my_count(*) (sfunc = int8inc, stype = int8)', '*'],
    [
      'CREATE AGGREGATE pct (float8 ORDER BY anyelement) (stype = internal, sfunc = ordered_set_transition)',
      'double precision ORDER BY anyelement',
    ],
    [
      'CREATE AGGREGATE r (VARIADIC "any" ORDER BY VARIADIC "any") (stype = internal, sfunc = s, hypothetical)',
      'VARIADIC "any" ORDER BY VARIADIC "any"',
    ],
    ['CREATE AGGREGATE old_style (BASETYPE = int4, SFUNC = int4pl, STYPE = int4)', undefined],
  ]
  for (const [definition, types] of cases) assert.equal(postgresArgumentTypes(definition), types, definition)
})

test("the statement text: an aggregate is its own kind (MariaDB's AGGREGATE FUNCTION stays a function), replaced in place", () => {
  assert.equal(routineKindOf('CREATE AGGREGATE my_avg (numeric) (sfunc = f, stype = numeric)'), 'aggregate')
  assert.equal(routineKindOf('CREATE OR REPLACE AGGREGATE my_avg(numeric) (SFUNC = f, STYPE = numeric)'), 'aggregate')
  assert.equal(routineKindOf('CREATE AGGREGATE FUNCTION agg_sum(x INT) RETURNS INT BEGIN RETURN 0; END'), 'function')
  assert.equal(
    withOrReplace('CREATE AGGREGATE a(int) (sfunc = f, stype = int)'),
    'CREATE OR REPLACE AGGREGATE a(int) (sfunc = f, stype = int)',
  )
  assert.equal(routineArgumentList('CREATE FUNCTION "my add"(a int, b text DEFAULT \')\') RETURNS int'), "a int, b text DEFAULT ')'")
  assert.equal(
    routineArgumentList("CREATE FUNCTION f(a int -- (one)) it's\n, b int /* ) */) RETURNS int"),
    "a int -- (one)) it's\n, b int /* ) */",
  )
})

test('an aggregate statement rebuilt from its pg_aggregate row: defaults left out, each kind of aggregate', () => {
  const base = { quoted_name: 'my_avg', signature: 'numeric', nargs: 1, agg_kind: 'n', sspace: 0, msspace: 0, finalfunc_modify: 'r' }
  const row = { ...base, sfunc: 'avg_accum', stype: 'numeric[]', finalfunc: 'avg_final', combinefunc: 'avg_combine' }
  assert.equal(
    aggregateDefinition({ ...row, initcond: "{0,'0'}", parallel: 's', sortop: '>(integer,integer)', mfinalfunc_modify: 'r' }),
    [
      'CREATE OR REPLACE AGGREGATE my_avg(numeric) (',
      '    SFUNC = avg_accum,',
      '    STYPE = numeric[],',
      '    FINALFUNC = avg_final,',
      '    COMBINEFUNC = avg_combine,',
      "    INITCOND = '{0,''0''}',",
      '    SORTOP = >,',
      '    PARALLEL = SAFE',
      ')',
    ].join('\n'),
  )
  const hypothetical = { ...base, quoted_name: 'r', signature: 'VARIADIC "any" ORDER BY VARIADIC "any"', agg_kind: 'h' }
  assert.equal(
    aggregateDefinition({ ...hypothetical, sfunc: 's', stype: 'internal', finalfunc: 'f', finalfunc_extra: true, finalfunc_modify: 'w' }),
    'CREATE OR REPLACE AGGREGATE r(VARIADIC "any" ORDER BY VARIADIC "any") (\n    SFUNC = s,\n    STYPE = internal,\n' +
      '    FINALFUNC = f,\n    FINALFUNC_EXTRA,\n    HYPOTHETICAL\n)',
  )
  const moving = { ...base, nargs: 0, sfunc: 'int8inc', stype: 'bigint', msfunc: 'int8inc', minvfunc: 'int8dec', mstype: 'bigint' }
  assert.match(aggregateDefinition({ ...moving, msspace: 8, mfinalfunc_modify: 's' }), /^CREATE OR REPLACE AGGREGATE my_avg\(\*\) \(/)
  assert.match(
    aggregateDefinition({ ...moving, msspace: 8, mfinalfunc_modify: 's' }),
    /MSSPACE = 8,\n {4}MFINALFUNC_MODIFY = SHAREABLE\n\)$/,
  )
})

const ADD_INT = 'CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$'
const ADD_TEXT = 'CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$'

test('models: two routines of one name with other argument lists are two routines; the same list twice is refused', () => {
  const log = table('log', { id: col.integer().primaryKey() })
  const models = defineModels(log, routine('add', sql`${ADD_INT}`), routine('add', sql`${ADD_TEXT}`))
  assert.deepEqual(
    models.routines?.map((r) => r.definition),
    [ADD_INT, ADD_TEXT],
  )
  assert.throws(
    () => defineModels(log, routine('add', ADD_INT), routine('add', ADD_INT)),
    /routine "add\(a int, b int\)" is declared twice/,
  )
})

const stored = (definition: string, args: string): Routine => ({ name: 'add', routineKind: 'function', arguments: args, definition })
const overloads: StatementNormalizers = {
  trigger: async (t) => t.definition,
  routine: async (r) => r.definition,
  signature: { of: (r) => r.arguments ?? postgresArgumentTypes(r.definition), ask: async () => undefined },
}

test('diff: each overload on its own: one replaced, one dropped by its argument types, a new one created; the rest untouched', async () => {
  const current = { triggers: [], routines: [stored(ADD_INT, 'integer, integer'), stored(ADD_TEXT, 'text, text')] }
  const body = ADD_INT.replace('a + b', 'b + a')
  const three = 'CREATE FUNCTION add(a int, b int, c int) RETURNS int LANGUAGE sql AS $$ SELECT a + b + c $$'
  const target = {
    triggers: [],
    routines: [
      { name: 'add', routineKind: 'function' as const, definition: body },
      { name: 'add', routineKind: 'function' as const, definition: three },
    ],
  }
  const changes = await diffStoredCode(current, target, overloads)
  assert.deepEqual(changes.dropRoutines, [
    { kind: 'drop_routine', name: 'add', routineKind: 'function', arguments: 'text, text', existing: current.routines[1] },
  ])
  assert.deepEqual(
    changes.createRoutines.map((op) => [op.kind, op.kind === 'drop_routine' ? '' : (op as { routine: Routine }).routine.arguments]),
    [
      ['replace_routine', 'integer, integer'],
      ['create_routine', 'integer, integer, integer'],
    ],
  )
  // The new overload's downgrade drops it by its argument types: DROP FUNCTION add would be ambiguous.
  const [, created] = changes.createRoutines
  assert.deepEqual(
    postgresCompiler.compileSql(reverseOperation(created!), 'offline').map((s) => s.sql),
    [`DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add"(integer, integer, integer)', current_schema()); END$$`],
  )
  // Without overloads (MySQL), a routine is known by its name alone, as before.
  const byName = await diffStoredCode(
    { triggers: [], routines: [{ name: 'add', routineKind: 'function', definition: ADD_INT }] },
    { triggers: [], routines: [{ name: 'add', routineKind: 'function', definition: body }] },
    { trigger: async (t) => t.definition, routine: async (r) => r.definition },
  )
  assert.deepEqual(
    byName.createRoutines.map((op) => op.kind),
    ['replace_routine'],
  )
})

test('diff: two model overloads the catalog reads as one are refused, naming the argument types', async () => {
  const target = {
    triggers: [],
    routines: [
      { name: 'add', routineKind: 'function' as const, definition: ADD_INT },
      { name: 'add', routineKind: 'function' as const, definition: ADD_INT.replace('(a int, b int)', '(x int4, y integer)') },
    ],
  }
  await assert.rejects(
    diffStoredCode({ triggers: [], routines: [] }, target, overloads),
    /function "add\(integer, integer\)" is declared twice/,
  )
})

test('diff: an aggregate whose state function is dropped and created goes before it and comes back after it', async () => {
  const accum: Routine = {
    name: 'avg_accum',
    routineKind: 'function',
    arguments: 'numeric[], numeric',
    definition: 'CREATE FUNCTION avg_accum(s numeric[], v numeric) RETURNS numeric[] LANGUAGE sql AS $$ SELECT s $$',
  }
  const aggregate: Routine = {
    name: 'my_avg',
    routineKind: 'aggregate',
    arguments: 'numeric',
    definition: 'CREATE OR REPLACE AGGREGATE my_avg(numeric) (\n    SFUNC = avg_accum,\n    STYPE = numeric[]\n)',
  }
  const returnsOther = { ...accum, definition: accum.definition.replace('RETURNS numeric[]', 'RETURNS numeric[] STRICT') }
  const headChanged = {
    ...accum,
    definition: accum.definition.replace('$$ SELECT s $$', '$$ SELECT s $$').replace('RETURNS numeric[]', 'RETURNS setof numeric[]'),
  }
  const current = { triggers: [], routines: [accum, aggregate] }
  const changes = await diffStoredCode(current, { triggers: [], routines: [headChanged, aggregate] }, overloads)
  const nameOf = (op: Operation) =>
    op.kind === 'drop_routine' ? op.name : op.kind === 'create_routine' || op.kind === 'replace_routine' ? op.routine.name : ''
  const named = (ops: readonly Operation[]) => ops.map((op) => `${op.kind} ${nameOf(op)}`)
  assert.deepEqual(named(changes.dropRoutines), ['drop_routine my_avg', 'drop_routine avg_accum'])
  assert.deepEqual(named(changes.createRoutines), ['create_routine avg_accum', 'create_routine my_avg'])
  // A body change replaces the function in place: the aggregate stays.
  const replaced = await diffStoredCode(current, { triggers: [], routines: [returnsOther, aggregate] }, overloads)
  assert.deepEqual(named([...replaced.dropRoutines, ...replaced.createRoutines]), ['replace_routine avg_accum'])
})

test('diff: routines with a SQL-standard body calling one that is dropped and created go before it and come back after it', async () => {
  const fn = (name: string, definition: string): Routine => ({ name, routineKind: 'function', arguments: 'integer', definition })
  const add = { ...fn('add', 'CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql RETURN a + b'), arguments: 'integer, integer' }
  const add3 = fn('add3', 'CREATE FUNCTION add3(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT add(a, 3);\nEND')
  const add4 = fn('add4', 'CREATE FUNCTION add4(a int) RETURNS int LANGUAGE sql RETURN add3(a) + 1')
  // A body in quotes is not parsed when made: PostgreSQL records no dependency, the function stays.
  const quoted = fn('add5', 'CREATE FUNCTION add5(a int) RETURNS int LANGUAGE sql AS $$ SELECT add(a, 5) $$')
  const current = { triggers: [], routines: [add, add3, add4, quoted] }
  const renamed = { ...add, definition: add.definition.replace('(a int, b int)', '(x int, y int)').replace('a + b', 'x + y') }
  const changes = await diffStoredCode(current, { triggers: [], routines: [renamed, add3, add4, quoted] }, overloads)
  const names = (ops: readonly Operation[]) => ops.map((op) => `${op.kind} ${op.kind === 'drop_routine' ? op.name : ''}`.trim())
  assert.deepEqual(names(changes.dropRoutines), ['drop_routine add4', 'drop_routine add3', 'drop_routine add'])
  assert.deepEqual(
    changes.createRoutines.map((op) => (op.kind === 'create_routine' ? op.routine.name : op.kind)),
    ['add', 'add3', 'add4'],
  )
})

test('PostgreSQL: add and "Add" are two routines, in the models and in the diff', async () => {
  const lower = 'CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$'
  const mixed = 'CREATE FUNCTION "Add"(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a - b $$'
  const models = defineModels(routine('add', sql`${lower}`), routine('Add', sql`${mixed}`))
  assert.equal(models.routines?.length, 2)
  const current = {
    triggers: [],
    routines: [{ ...stored(lower, 'integer, integer') }, { ...stored(mixed, 'integer, integer'), name: 'Add' }],
  }
  const target = { triggers: [], routines: models.routines ?? [] }
  const changes = await diffStoredCode(current, target, overloads)
  assert.deepEqual([...changes.dropRoutines, ...changes.createRoutines], [])
  // A routine named in capitals whose statement writes the name bare is the lower-case routine PostgreSQL makes.
  const shouted = { name: 'ADD', routineKind: 'function' as const, definition: lower }
  const same = await diffStoredCode({ triggers: [], routines: [current.routines[0]!] }, { triggers: [], routines: [shouted] }, overloads)
  assert.deepEqual([...same.dropRoutines, ...same.createRoutines], [])
})
