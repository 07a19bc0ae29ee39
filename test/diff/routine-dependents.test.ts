import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { routineDependents } from '../../src/diff/routine-dependents.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { check, col, index, policy, sql, table } from '../../src/models/index.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Table } from '../../src/schema/types.js'
import type { TableName } from '../../src/diff/options.js'

const hooks = diffHooksFor('postgresql')
const items = (name: string, extra: Record<string, ReturnType<typeof col.integer>> = {}) =>
  table(
    name,
    { id: col.integer().primaryKey(), n: col.integer().default(sql`twice(2)`), ...extra },
    {
      indexes: [index(['twice(id)'], { name: 'ix_twice', expressions: true })],
    },
  )

const summary = (ops: readonly Operation[]) =>
  ops.map((op) =>
    [
      op.kind,
      'table' in op && typeof op.table === 'string' ? op.table : '',
      'column' in op && typeof op.column === 'string' ? op.column : '',
    ]
      .join(' ')
      .trim(),
  )

async function around(current: readonly Table[], target: readonly Table[], recreated: readonly string[] = ['twice']) {
  const renames = {
    tables: async (dropped: readonly TableName[], added: readonly TableName[]) =>
      dropped.flatMap((was, n) => (added[n] === undefined ? [] : [[was, added[n]] as const])),
    columns: async () => [],
  }
  const ops = await autogenerate(current, target, { hooks, renames })
  return routineDependents(recreated, { tables: current }, { tables: target }, ops, hooks)
}

test('nothing recreated: the table changes as they are', async () => {
  const { detach, tableOps, reattach } = await around([items('items')], [items('items', { qty: col.integer() })], [])
  assert.deepEqual([detach, reattach], [[], []])
  assert.deepEqual(summary(tableOps), ['add_column items'])
})

test('a table renamed meanwhile: taken off under its old name, put back under its new one', async () => {
  const { detach, tableOps, reattach } = await around([items('items')], [items('goods')])
  assert.deepEqual(summary(detach), ['alter_column items n', 'drop_index items'])
  assert.deepEqual(summary(tableOps), ['rename_table items'])
  assert.deepEqual(summary(reattach), ['alter_column goods n', 'create_index goods'])
})

test('an index or check renamed meanwhile: taken off under its old name, put back under its new one, not renamed', async () => {
  const calling = (indexName: string, checkName: string) =>
    table(
      'items',
      { id: col.integer().primaryKey() },
      { indexes: [index(['twice(id)'], { name: indexName, expressions: true })], checks: [check(checkName, 'twice(id) > 0')] },
    )
  const { detach, tableOps, reattach } = await around([calling('ix_twice', 'ck_twice')], [calling('ix_items_twice', 'ck_items_twice')])
  const names = (ops: readonly Operation[]) =>
    ops.map((op) =>
      op.kind === 'create_index' ? op.index.name : op.kind === 'create_check_constraint' ? op.constraint.name : 'name' in op ? op.name : '',
    )
  assert.deepEqual(names(detach), ['ck_twice', 'ix_twice'])
  assert.deepEqual(tableOps, [])
  assert.deepEqual(names(reattach), ['ck_items_twice', 'ix_items_twice'])
})

test('a change that does not touch the call stays a table change, though its `existing` names the routine', async () => {
  const current = [table('items', { id: col.integer().primaryKey(), n: col.integer().default(sql`twice(2)`) })]
  const target = [table('items', { id: col.integer().primaryKey(), n: col.integer().notNull().default(sql`twice(2)`) })]
  const { tableOps, reattach } = await around(current, target)
  assert.equal(tableOps.length, 1)
  assert.deepEqual((tableOps[0] as Extract<Operation, { kind: 'alter_column' }>).changes, { nullable: false })
  assert.deepEqual(summary(reattach), ['alter_column items n'])
})

test('a generated column calling it is refused, naming the table, the column and the routine', async () => {
  const generated = [table('items', { id: col.integer().primaryKey(), d: col.integer().generated('twice(id)', { stored: true }) })]
  await assert.rejects(around(generated, generated), /routine "twice" must be dropped and created .*generated column items\.d calls it/)
})

test('a check that stops calling it is taken off first and added back once, by the table change', async () => {
  const withCheck = (expression: string) => [
    table('items', { id: col.integer().primaryKey() }, { checks: [check('ck_items', expression)] }),
  ]
  const { detach, tableOps, reattach } = await around(withCheck('twice(id) < 10'), withCheck('id < 10'))
  assert.deepEqual(summary(detach), ['drop_constraint items'])
  assert.deepEqual(summary(tableOps), ['create_check_constraint items'])
  assert.deepEqual(reattach, [])
})

test('what the table changes do with a column added after the routine comes after it too', async () => {
  const current = [table('items', { id: col.integer().primaryKey() })]
  const target = [
    table(
      'items',
      { id: col.integer().primaryKey(), n: col.integer().default(sql`twice(2)`), name: col.text() },
      {
        indexes: [index(['n'], { name: 'ix_items_n' }), index(['name'], { name: 'ix_items_name' })],
      },
    ),
  ]
  const { tableOps, reattach } = await around(current, target)
  assert.deepEqual(summary(tableOps), ['add_column items', 'create_index items'])
  assert.deepEqual(
    reattach.map((op) => (op.kind === 'create_index' ? op.index.name : op.kind)),
    ['add_column', 'ix_items_n'],
  )
})

test('a generated column calling it goes before the routine when its table is dropped, with the index over it', async () => {
  const current = [
    table(
      'items',
      { id: col.integer().primaryKey(), d: col.integer().generated('twice(id)', { stored: true }) },
      {
        indexes: [index(['d'], { name: 'ix_items_d' })],
      },
    ),
  ]
  const { detach, tableOps } = await around(current, [])
  assert.deepEqual(summary(detach), ['drop_index items', 'drop_column items d'])
  const [dropped] = tableOps
  assert.ok(dropped?.kind === 'drop_table')
  assert.deepEqual(
    dropped.existing?.columns.map((c) => c.name),
    ['id'],
  )
  assert.equal(dropped.existing?.indexes, undefined)
})

test('a policy renamed meanwhile: taken off under its old name, put back under its new one, not renamed', async () => {
  const guarded = (policyName: string) =>
    table('items', { id: col.integer().primaryKey() }, { postgresql: { policies: [policy(policyName, { using: 'twice(id) > 0' })] } })
  const { detach, tableOps, reattach } = await around([guarded('positive')], [guarded('items_positive')])
  assert.deepEqual(
    detach.map((op) => (op.kind === 'drop_policy' ? op.name : op.kind)),
    ['positive'],
  )
  assert.deepEqual(tableOps, [])
  assert.deepEqual(
    reattach.map((op) => (op.kind === 'create_policy' ? op.policy.name : op.kind)),
    ['items_positive'],
  )
})
