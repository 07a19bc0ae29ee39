// A policy calling a SQL function that reads the policy's table: the
// routine was made before every table a migration makes, as a routine a
// table's check or default calls must be, and PostgreSQL, which checks a SQL
// function's body as it makes it, refused it: the table was not there yet.
// A policy is made after its table, so it now waits for the routine instead;
// a check calling one has it made first still, its body unchecked as pg_dump makes it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import { inRunOrder } from '../../src/runtime/compare-stored-code.js'
import { noStoredCodeChanges } from '../../src/diff/stored-code.js'
import type { Operation } from '../../src/ops/operation.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'

describe('postgresql: a policy calling a routine that reads its table', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE users (id integer PRIMARY KEY, is_admin boolean NOT NULL DEFAULT false)',
    'CREATE FUNCTION is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT exists(SELECT 1 FROM users WHERE is_admin) $$',
    'ALTER TABLE users ENABLE ROW LEVEL SECURITY',
    'CREATE POLICY admins_delete ON users FOR DELETE USING (is_admin())',
  ])

  test('is rebuilt: the table, then the routine, then the policy, and back', async () => {
    const { rebuilt, ws } = project()
    await pullAndRebuild(project())
    const [policy] = await rebuilt.query("SELECT pg_get_expr(polqual, polrelid) AS qual FROM pg_policy WHERE polname = 'admins_delete'")
    assert.equal(policy?.['qual'], 'is_admin()')
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await rebuilt.query("SELECT proname FROM pg_proc WHERE proname = 'is_admin'"), [])
  })
})

describe('postgresql: a check calling a SQL function that reads another table', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE codes (code text PRIMARY KEY)',
    'CREATE FUNCTION known(c text) RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT exists(SELECT 1 FROM codes WHERE code = c) $$',
    'CREATE TABLE items (id integer PRIMARY KEY, code text CHECK (known(code)))',
  ])

  test('is rebuilt: the function made first with its body unchecked, as pg_dump makes it, and checked when it runs', async () => {
    const { rebuilt, ws } = project()
    await pullAndRebuild(project())
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query("INSERT INTO codes VALUES ('a')")
    await rebuilt.query("INSERT INTO items VALUES (1, 'a')")
    await assert.rejects(rebuilt.query("INSERT INTO items VALUES (2, 'b')"), /violates check constraint/)
  })

  test('PostgreSQL turns the check off for that one statement and puts back what the session had', () => {
    const routine = { name: 'known', routineKind: 'function' as const, definition: 'CREATE FUNCTION known() …' }
    assert.deepEqual(
      postgresCompiler.compileSql({ kind: 'create_routine', routine, checkBody: false }, 'offline').map((s) => s.sql),
      [
        "SELECT set_config('athanor.check_function_bodies', current_setting('check_function_bodies'), false), " +
          "set_config('check_function_bodies', 'off', false)",
        'CREATE FUNCTION known() …',
        "SELECT set_config('check_function_bodies', current_setting('athanor.check_function_bodies'), false)",
      ],
    )
    assert.deepEqual(mysqlCompiler.compileSql({ kind: 'create_routine', routine, checkBody: false }, 'offline').length, 1)
  })

  test('the downgrade that makes a dropped SQL function again, before the tables, makes it unchecked too', () => {
    const existing = { name: 'known', routineKind: 'function' as const, definition: 'CREATE FUNCTION known(c text) … LANGUAGE sql …' }
    assert.deepEqual(reverseOperation({ kind: 'drop_routine', name: 'known', routineKind: 'function', existing, remakeUnchecked: true }), {
      kind: 'create_routine',
      routine: existing,
      checkBody: false,
    })
  })
})

describe('the run order of a policy and the routine it calls', () => {
  const routine = { name: 'is_admin', routineKind: 'function' as const, definition: 'CREATE FUNCTION is_admin() …' }
  const table: Operation = { kind: 'create_table', table: { name: 'users', columns: [{ name: 'id', type: { kind: 'integer' } }] } }
  const policy: Operation = { kind: 'create_policy', table: 'users', policy: { name: 'p', using: 'is_admin()' } }
  const create: Operation = { kind: 'create_routine', routine }

  test('the policy waits for the routine, which follows the tables', () => {
    const ops = inRunOrder({ ...noStoredCodeChanges, createRoutines: [create] }, { before: [], after: [] }, [table, policy])
    assert.deepEqual(ops, [table, create, policy])
  })

  test('a check calling the routine still has it made first', () => {
    const checked: Operation = {
      kind: 'create_table',
      table: { name: 'users', columns: [{ name: 'id', type: { kind: 'integer' } }], checkConstraints: [{ expression: 'is_admin()' }] },
    }
    const ops = inRunOrder({ ...noStoredCodeChanges, createRoutines: [create] }, { before: [], after: [] }, [checked, policy])
    assert.deepEqual(ops, [create, checked, policy])
  })

  test('a routine a check calls is made just before that table, after the tables made ahead of it', () => {
    const checked: Operation = {
      kind: 'create_table',
      table: { name: 'items', columns: [{ name: 'id', type: { kind: 'integer' } }], checkConstraints: [{ expression: 'is_admin()' }] },
    }
    const ops = inRunOrder({ ...noStoredCodeChanges, createRoutines: [create] }, { before: [], after: [] }, [table, checked])
    assert.deepEqual(ops, [table, create, checked])
  })
})
