import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { dialectNamed } from '../../src/dialect/registry.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { Operations } from '../../src/ops/operations.js'
import { renderOperation } from '../../src/ops/render-op.js'
import type { RenderImports } from '../../src/ops/render-value.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { OfflineExecutor } from '../../src/runtime/offline-executor.js'
import type { Routine, Trigger } from '../../src/schema/stored-code.js'

const count: Trigger = {
  name: 'count_animals',
  table: 'animals',
  definition: 'CREATE TRIGGER count_animals AFTER INSERT ON animals FOR EACH ROW BEGIN UPDATE tally SET n = n + 1; END;',
}
const addOne: Routine = {
  name: 'add_one',
  routineKind: 'function',
  definition: 'CREATE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 1 $$',
}
const addTwo: Routine = { ...addOne, definition: addOne.definition.replace('a + 1', 'a + 2'), arguments: 'a integer' }
const archive: Routine = { name: 'archive', routineKind: 'procedure', definition: 'CREATE PROCEDURE archive() BEGIN DELETE FROM logs; END' }

// SQL text holding what a template literal would read as a placeholder, which the rendered one must escape.
const DOLLAR = '$'

const sqlOf = (compiler: typeof sqliteCompiler, op: Operation) => compiler.compileSql(op, 'offline').map((s) => s.sql)

test('triggers compile per dialect: the statement as written without its closing semicolon; PostgreSQL drops one within its table', () => {
  const create: Operation = { kind: 'create_trigger', trigger: count }
  const body = count.definition.slice(0, -1)
  for (const compiler of [sqliteCompiler, postgresCompiler, mysqlCompiler]) assert.deepEqual(sqlOf(compiler, create), [body])
  const drop: Operation = { kind: 'drop_trigger', name: 'count_animals', table: 'animals', schema: 'zoo' }
  assert.deepEqual(sqlOf(postgresCompiler, drop), ['DROP TRIGGER "count_animals" ON "zoo"."animals"'])
  assert.deepEqual(sqlOf(mysqlCompiler, drop), ['DROP TRIGGER `count_animals`'])
  assert.deepEqual(sqlOf(sqliteCompiler, drop), ['DROP TRIGGER "count_animals"'])
})

test('routines: PostgreSQL replaces in place and drops by argument types, MySQL drops and creates, SQLite refuses them', () => {
  const replace: Operation = { kind: 'replace_routine', routine: addTwo, existing: addOne }
  assert.deepEqual(sqlOf(postgresCompiler, replace), [
    'CREATE OR REPLACE FUNCTION add_one(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + 2 $$',
  ])
  assert.deepEqual(sqlOf(postgresCompiler, { kind: 'drop_routine', name: 'add_one', routineKind: 'function', arguments: 'a integer' }), [
    `DO $$BEGIN EXECUTE format('DROP FUNCTION %I."add_one"(a integer)', current_schema()); END$$`,
  ])
  assert.deepEqual(sqlOf(mysqlCompiler, { kind: 'replace_routine', routine: archive, existing: archive }), [
    'DROP PROCEDURE `archive`',
    archive.definition,
  ])
  assert.deepEqual(sqlOf(mysqlCompiler, { kind: 'drop_routine', name: 'add_one', routineKind: 'function', arguments: 'a integer' }), [
    'DROP FUNCTION `add_one`',
  ])
  assert.throws(() => sqlOf(sqliteCompiler, { kind: 'create_routine', routine: addOne }), {
    code: 'UNSUPPORTED_OPERATION',
    message: 'routine "add_one": sqlite has no stored functions or procedures',
  })
})

test("a printed MySQL script sets a DELIMITER around a compound statement, for the mysql client; a driver's script does not", async () => {
  const printed = async (forDriver: boolean) => {
    const chunks: string[] = []
    const executor = new OfflineExecutor(dialectNamed('mysql'), 'athanor_version', (text) => chunks.push(text), { forDriver })
    await executor.run({ kind: 'create_trigger', trigger: count })
    await executor.run({ kind: 'create_routine', routine: { ...addOne, definition: 'CREATE FUNCTION one() RETURNS INT RETURN 1' } })
    return chunks.join('')
  }
  assert.equal(
    await printed(false),
    `DELIMITER //\n${count.definition.slice(0, -1)}//\nDELIMITER ;\n\nCREATE FUNCTION one() RETURNS INT RETURN 1;\n\n`,
  )
  assert.equal(await printed(true), `${count.definition.slice(0, -1)};\n\nCREATE FUNCTION one() RETURNS INT RETURN 1;\n\n`)
})

test('trigger and routine operations reverse and render as op calls; the facade reads the routine kind from the statement', async () => {
  const drop = reverseOperation({ kind: 'create_trigger', trigger: count })
  assert.deepEqual(drop, { kind: 'drop_trigger', name: 'count_animals', table: 'animals', existing: count })
  assert.deepEqual(reverseOperation(drop), { kind: 'create_trigger', trigger: count })
  assert.deepEqual(reverseOperation({ kind: 'drop_routine', name: 'add_one', routineKind: 'function', existing: addTwo }), {
    kind: 'create_routine',
    routine: addTwo,
  })
  assert.deepEqual(reverseOperation({ kind: 'replace_routine', routine: addTwo, existing: addOne }), {
    kind: 'replace_routine',
    routine: addOne,
    existing: addTwo,
  })
  assert.throws(() => reverseOperation({ kind: 'drop_trigger', name: 't', table: 'x' }), {
    code: 'IRREVERSIBLE_OPERATION',
    message: 'Cannot reverse drop_trigger on trigger "t" on "x": its statement as it was (`existing`) is not known',
  })
  const imports: RenderImports = { names: new Set() }
  assert.equal(renderOperation(drop, imports), "await op.dropTrigger('count_animals', 'animals')")
  assert.equal(
    renderOperation(
      {
        kind: 'create_routine',
        routine: { ...addOne, definition: ['CREATE FUNCTION f() RETURNS text AS $$ SELECT `', DOLLAR, '{x}\\` $$'].join('') },
      },
      imports,
    ),
    ["await op.createRoutine('add_one', `CREATE FUNCTION f() RETURNS text AS $$ SELECT \\`\\", DOLLAR, '{x}\\\\\\` $$`)'].join(''),
  )
  assert.equal(
    renderOperation({ kind: 'drop_routine', name: 'archive', routineKind: 'procedure' }, imports),
    "await op.dropRoutine('archive', { kind: 'procedure' })",
  )
  const ran: Operation[] = []
  const op = new Operations(
    { dialect: 'mysql', offline: true, run: async (o) => void ran.push(o), query: async () => [] },
    { revision: 'r', direction: 'upgrade', x: {} },
  )
  await op.createTrigger('count_animals', 'animals', count.definition)
  await op.createRoutine('archive', archive.definition)
  await op.dropRoutine('archive', { kind: 'procedure' })
  assert.deepEqual(ran, [
    { kind: 'create_trigger', trigger: count },
    { kind: 'create_routine', routine: archive },
    { kind: 'drop_routine', name: 'archive', routineKind: 'procedure' },
  ])
  await assert.rejects(async () => op.createRoutine('archive', 'DELETE FROM logs'), {
    code: 'INVALID_ARGUMENT',
    message: "op.createRoutine('archive', …) needs a CREATE FUNCTION, PROCEDURE or AGGREGATE statement",
  })
})
