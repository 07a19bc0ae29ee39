import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { Operations } from '../../src/ops/operations.js'
import { renderOperation } from '../../src/ops/render-op.js'
import type { RenderImports } from '../../src/ops/render-value.js'
import { reverseOperation } from '../../src/ops/reverse.js'

const active = { name: 'active_users', definition: 'SELECT id FROM users WHERE active' }
const wider = { name: 'active_users', definition: 'SELECT id, email FROM users WHERE active' }
const totals = { name: 'totals', schema: 'reports', definition: 'SELECT count(*) AS n FROM orders;', materialized: true }

const sqlOf = (compiler: typeof sqliteCompiler, op: Operation) => compiler.compileSql(op, 'offline').map((s) => s.sql)

test('views compile per dialect: create, drop, replace (in place only on MySQL/MariaDB)', () => {
  const create: Operation = { kind: 'create_view', view: active }
  const replace: Operation = { kind: 'replace_view', view: wider, existing: active }
  assert.deepEqual(sqlOf(sqliteCompiler, create), ['CREATE VIEW "active_users" AS SELECT id FROM users WHERE active'])
  assert.deepEqual(sqlOf(postgresCompiler, create), ['CREATE VIEW "active_users" AS SELECT id FROM users WHERE active'])
  assert.deepEqual(sqlOf(mysqlCompiler, create), ['CREATE VIEW `active_users` AS SELECT id FROM users WHERE active'])
  assert.deepEqual(sqlOf(mysqlCompiler, { kind: 'drop_view', name: 'active_users' }), ['DROP VIEW `active_users`'])
  assert.deepEqual(sqlOf(mysqlCompiler, replace), ['CREATE OR REPLACE VIEW `active_users` AS SELECT id, email FROM users WHERE active'])
  assert.deepEqual(sqlOf(postgresCompiler, replace), [
    'DROP VIEW "active_users"',
    'CREATE VIEW "active_users" AS SELECT id, email FROM users WHERE active',
  ])
  assert.deepEqual(sqlOf(sqliteCompiler, replace), [
    'DROP VIEW "active_users"',
    'CREATE VIEW "active_users" AS SELECT id, email FROM users WHERE active',
  ])
})

test("PostgreSQL's materialized views; the other dialects refuse them", () => {
  assert.deepEqual(sqlOf(postgresCompiler, { kind: 'create_view', view: totals }), [
    'CREATE MATERIALIZED VIEW "reports"."totals" AS SELECT count(*) AS n FROM orders',
  ])
  assert.deepEqual(sqlOf(postgresCompiler, { kind: 'drop_view', name: 'totals', schema: 'reports', materialized: true }), [
    'DROP MATERIALIZED VIEW "reports"."totals"',
  ])
  assert.throws(() => sqlOf(mysqlCompiler, { kind: 'create_view', view: { ...active, materialized: true } }), {
    code: 'UNSUPPORTED_FEATURE',
  })
  assert.throws(() => sqlOf(sqliteCompiler, { kind: 'create_view', view: { ...active, materialized: true } }), {
    code: 'UNSUPPORTED_FEATURE',
  })
})

test('view operations reverse and render as op calls', async () => {
  const create: Operation = { kind: 'create_view', view: totals }
  const back = reverseOperation(create)
  assert.deepEqual(back, { kind: 'drop_view', name: 'totals', schema: 'reports', materialized: true, existing: totals })
  assert.deepEqual(reverseOperation(back), { kind: 'create_view', view: totals })
  assert.deepEqual(reverseOperation({ kind: 'replace_view', view: wider, existing: active }), {
    kind: 'replace_view',
    view: active,
    existing: wider,
  })
  assert.throws(() => reverseOperation({ kind: 'drop_view', name: 'v' }), { code: 'IRREVERSIBLE_OPERATION' })
  const imports: RenderImports = { names: new Set() }
  assert.equal(
    renderOperation(create, imports),
    "await op.createView('totals', 'SELECT count(*) AS n FROM orders;', { schema: 'reports', materialized: true })",
  )
  assert.equal(renderOperation(back, imports), "await op.dropView('totals', { schema: 'reports', materialized: true })")
  assert.equal(
    renderOperation({ kind: 'replace_view', view: wider }, imports),
    "await op.replaceView('active_users', 'SELECT id, email FROM users WHERE active')",
  )
  const ran: Operation[] = []
  const op = new Operations(
    { dialect: 'postgresql', offline: true, run: async (o) => void ran.push(o), query: async () => [] },
    { revision: 'r', direction: 'upgrade', x: {} },
  )
  await op.createView('totals', totals.definition, { schema: 'reports', materialized: true })
  await op.dropView('active_users')
  await op.replaceView('active_users', wider.definition)
  assert.deepEqual(ran, [
    { kind: 'create_view', view: totals },
    { kind: 'drop_view', name: 'active_users' },
    { kind: 'replace_view', view: wider },
  ])
})
