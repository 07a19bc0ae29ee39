// A function with a SQL-standard body (BEGIN ATOMIC … END, RETURN …) is
// parsed as PostgreSQL makes it, whatever check_function_bodies says: the
// tables it reads must be there. When a check or default calls one that
// reads a table the migration makes after the caller's, the routine cannot
// come first; the migration failed at upgrade ("relation … does not exist").
// The caller's table is now made without the check and default, the routine
// after the tables, and they are added back after it, as pg_dump does.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import { inRunOrder } from '../../src/runtime/compare-stored-code.js'
import { noStoredCodeChanges } from '../../src/diff/stored-code.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperations } from '../../src/ops/reverse.js'

describe('postgresql: a check and a default calling BEGIN ATOMIC functions that read a later table', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE z_limits (lim integer NOT NULL)',
    'CREATE FUNCTION within_limit(v integer) RETURNS boolean LANGUAGE sql STABLE ' +
      'BEGIN ATOMIC SELECT v <= coalesce((SELECT max(lim) FROM z_limits), 100); END',
    'CREATE FUNCTION default_limit() RETURNS integer LANGUAGE sql STABLE RETURN (SELECT coalesce(min(lim), 7) FROM z_limits)',
    'CREATE TABLE a_orders (id integer PRIMARY KEY, n integer DEFAULT default_limit(), ' +
      'CONSTRAINT a_orders_n_within CHECK (within_limit(n)))',
  ])

  test('is rebuilt, checks and defaults work, check is clean, and downgrade base leaves nothing', async () => {
    const { rebuilt, ws } = project()
    await pullAndRebuild(project())
    const script = await cliOk([...ws.base, 'upgrade', 'base:head', '--sql'])
    const text = script.stdout
    const at = (needle: string) => {
      const index = text.indexOf(needle)
      assert.ok(index >= 0, `${needle} is in the script`)
      return index
    }
    // The tables, then the routines, then what calls them.
    assert.ok(at('CREATE TABLE "z_limits"') < at('FUNCTION within_limit'))
    assert.ok(at('FUNCTION within_limit') < at('ADD CONSTRAINT "a_orders_n_within" CHECK'))
    assert.ok(at('FUNCTION default_limit') < at('ALTER COLUMN "n" SET DEFAULT'))
    await rebuilt.query('INSERT INTO z_limits VALUES (10)')
    await rebuilt.query('INSERT INTO a_orders (id) VALUES (1)')
    assert.deepEqual(await rebuilt.query('SELECT n FROM a_orders'), [{ n: 10 }])
    await assert.rejects(rebuilt.query('INSERT INTO a_orders VALUES (2, 11)'), /violates check constraint "a_orders_n_within"/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')

    // Models without them: the check and default go first, then the routines, then the tables they read.
    const models = readFileSync(ws.models, 'utf8')
    const imports = models.split('\n').filter((line) => line.startsWith('import '))
    writeFileSync(ws.models, [...imports, "export default defineModels(table('kept', { id: col.integer().primaryKey() }))", ''].join('\n'))
    await cliOk([...ws.base, 'migrate', '-m', 'gone'])
    await cliOk([...ws.base, 'upgrade'])
    const names =
      "SELECT proname AS name FROM pg_proc WHERE proname IN ('within_limit', 'default_limit') " +
      "UNION ALL SELECT relname FROM pg_class WHERE relname IN ('a_orders', 'z_limits') ORDER BY 1"
    assert.deepEqual(await rebuilt.query(names), [])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    // And back: the tables, the routines, then what calls them.
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.equal((await rebuilt.query(names)).length, 4)
    await assert.rejects(rebuilt.query('INSERT INTO a_orders VALUES (3, 101)'), /violates check constraint "a_orders_n_within"/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rebuilt.query(names), [])
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await rebuilt.query(names), [])
  })
})

describe('the run order of a routine parsed as it is made', () => {
  const column = { name: 'n', type: { kind: 'integer' as const } }
  const routine = (definition: string) => ({ name: 'ok', routineKind: 'function' as const, definition })
  const atomic = routine('CREATE FUNCTION ok(v int) RETURNS boolean BEGIN ATOMIC SELECT v < (SELECT max(lim) FROM limits); END')
  const quoted = routine('CREATE FUNCTION ok(v int) RETURNS boolean LANGUAGE sql AS $$ SELECT v < (SELECT max(lim) FROM limits) $$')
  const checked: Operation = {
    kind: 'create_table',
    table: { name: 'items', columns: [column], checkConstraints: [{ expression: 'ok(n)' }] },
  }
  const limits: Operation = { kind: 'create_table', table: { name: 'limits', columns: [{ name: 'lim', type: { kind: 'integer' } }] } }
  const order = (create: Operation, tableOps: Operation[]) =>
    inRunOrder({ ...noStoredCodeChanges, createRoutines: [create] }, { before: [], after: [] }, tableOps)

  test('reading a table made after its caller, it follows the tables, and the check is added after it', () => {
    const create: Operation = { kind: 'create_routine', routine: atomic }
    const items: Operation = { kind: 'create_table', table: { name: 'items', columns: [column], checkConstraints: [] } }
    const addCheck: Operation = { kind: 'create_check_constraint', table: 'items', constraint: { expression: 'ok(n)' } }
    const ops = order(create, [checked, limits])
    assert.deepEqual(ops, [items, limits, create, addCheck])
    // The way back drops the check, then the routine, then the tables.
    assert.deepEqual(
      reverseOperations(ops).map((op) => op.kind),
      ['drop_constraint', 'drop_routine', 'drop_table', 'drop_table'],
    )
  })

  test('reading only tables made before its caller, it is made just before the caller, the check inline', () => {
    const create: Operation = { kind: 'create_routine', routine: atomic }
    assert.deepEqual(order(create, [limits, checked]), [limits, create, checked])
  })

  test('with a quoted body, which PostgreSQL does not parse, it is made first, unchecked', () => {
    const create: Operation = { kind: 'create_routine', routine: quoted }
    assert.deepEqual(order(create, [checked, limits]), [{ ...create, checkBody: false }, checked, limits])
  })

  test('a generated column calling it cannot wait: the routine stays before its caller', () => {
    const create: Operation = { kind: 'create_routine', routine: atomic }
    const generated: Operation = {
      kind: 'create_table',
      table: {
        name: 'items',
        columns: [column, { name: 'g', type: { kind: 'boolean' }, generated: { expression: 'ok(n)', stored: true } }],
      },
    }
    assert.deepEqual(order(create, [generated, limits]), [create, generated, limits])
  })

  test('dropped with a table it reads and one that calls it, it goes after its callers and before the tables', () => {
    const existingItems = { name: 'items', columns: [column], checkConstraints: [{ name: 'ck_ok', expression: 'ok(n)' }] }
    const dropItems: Operation = { kind: 'drop_table', table: 'items', existing: existingItems }
    const dropLimits: Operation = { kind: 'drop_table', table: 'limits', existing: { name: 'limits', columns: [column] } }
    const drop: Operation = { kind: 'drop_routine', name: 'ok', routineKind: 'function', existing: atomic }
    const ops = inRunOrder({ ...noStoredCodeChanges, dropRoutines: [drop] }, { before: [], after: [] }, [dropItems, dropLimits])
    const dropCheck: Operation = {
      kind: 'drop_constraint',
      table: 'items',
      name: 'ck_ok',
      type: 'check',
      existing: { name: 'ck_ok', expression: 'ok(n)' },
    }
    assert.deepEqual(ops, [dropCheck, drop, { ...dropItems, existing: { ...existingItems, checkConstraints: [] } }, dropLimits])
    // The way back: the tables, the routine, then the check.
    assert.deepEqual(
      reverseOperations(ops).map((op) => op.kind),
      ['create_table', 'create_table', 'create_routine', 'create_check_constraint'],
    )
  })

  test('with a quoted body it is dropped after the tables, as before', () => {
    const dropItems: Operation = {
      kind: 'drop_table',
      table: 'items',
      existing: { name: 'items', columns: [column], checkConstraints: [{ expression: 'ok(n)' }] },
    }
    const drop: Operation = { kind: 'drop_routine', name: 'ok', routineKind: 'function', existing: quoted }
    const ops = inRunOrder({ ...noStoredCodeChanges, dropRoutines: [drop] }, { before: [], after: [] }, [dropItems])
    assert.deepEqual(ops, [dropItems, { ...drop, remakeUnchecked: true }])
  })
})
