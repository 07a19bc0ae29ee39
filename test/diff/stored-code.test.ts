import assert from 'node:assert/strict'
import { test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffStoredCode, type StatementNormalizers } from '../../src/diff/stored-code.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, sql, table } from '../../src/models/index.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperations } from '../../src/ops/reverse.js'
import { inRunOrder } from '../../src/runtime/compare-stored-code.js'
import type { Routine, StoredCode, Trigger } from '../../src/schema/stored-code.js'
import type { Table } from '../../src/schema/types.js'

const orders = table('orders', { id: col.integer().primaryKey(), total: col.integer() })
const touch: Routine = {
  name: 'touch',
  routineKind: 'function',
  definition: 'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$',
}
const total: Routine = {
  name: 'order_total',
  routineKind: 'function',
  definition: 'CREATE FUNCTION order_total() RETURNS int AS $$ SELECT touch() $$',
}
const onOrders: Trigger = {
  name: 'orders_touch',
  table: 'orders',
  definition: 'CREATE TRIGGER orders_touch BEFORE UPDATE ON orders EXECUTE FUNCTION touch()',
}
const asWritten: StatementNormalizers = { trigger: async (t) => t.definition, routine: async (r) => r.definition }

async function plan(current: { tables: Table[]; code: StoredCode }, target: { tables: Table[]; code: StoredCode }, normalize = asWritten) {
  const tableOps = await autogenerate(current.tables, target.tables, { hooks: diffHooksFor('postgresql') })
  const code = await diffStoredCode(current.code, target.code, normalize)
  return inRunOrder(code, { before: [], after: [] }, tableOps)
}

const kinds = (ops: readonly Operation[]) => ops.map((op) => `${op.kind} ${'name' in op ? op.name : ''}`.trim())

test('a new table gets its routines after it (one a routine calls first) and its trigger last; the downgrade is the reverse', async () => {
  const ops = await plan(
    { tables: [], code: { triggers: [], routines: [] } },
    { tables: [orders], code: { triggers: [onOrders], routines: [total, touch] } },
  )
  assert.deepEqual(kinds(ops), ['create_table', 'create_routine', 'create_routine', 'create_trigger'])
  assert.deepEqual(
    ops.flatMap((op) => (op.kind === 'create_routine' ? [op.routine.name] : [])),
    ['touch', 'order_total'],
  )
  assert.deepEqual(kinds(reverseOperations(ops)), [
    'drop_trigger orders_touch',
    'drop_routine order_total',
    'drop_routine touch',
    'drop_table',
  ])
})

test('a dropped table loses its trigger first and its routines before it; the downgrade brings the table back before them', async () => {
  const ops = await plan(
    { tables: [orders], code: { triggers: [onOrders], routines: [touch] } },
    { tables: [], code: { triggers: [], routines: [] } },
  )
  assert.deepEqual(kinds(ops), ['drop_trigger orders_touch', 'drop_routine touch', 'drop_table'])
  assert.deepEqual(kinds(reverseOperations(ops)), ['create_table', 'create_routine', 'create_trigger'])
})

test('a statement stored the same is no change; a changed routine is replaced, a changed trigger dropped and created', async () => {
  const stored = { tables: [orders], code: { triggers: [onOrders], routines: [touch] } }
  const sameWhenStored: StatementNormalizers = {
    trigger: async () => onOrders.definition,
    routine: async (r) => (r.definition.includes('a + 1') ? r.definition : touch.definition),
  }
  const respelt = {
    triggers: [{ ...onOrders, definition: 'create trigger orders_touch before update on orders execute function touch()' }],
    routines: [touch],
  }
  assert.deepEqual(await plan(stored, { tables: [orders], code: respelt }, sameWhenStored), [])
  const body = { ...touch, definition: touch.definition.replace('RETURN NEW', 'RETURN NULL') }
  assert.deepEqual(await plan(stored, { tables: [orders], code: { triggers: [onOrders], routines: [body] } }), [
    { kind: 'replace_routine', routine: body, existing: touch },
  ])
  const changed = { ...onOrders, definition: onOrders.definition.replace('UPDATE', 'INSERT') }
  assert.deepEqual(kinds(await plan(stored, { tables: [orders], code: { triggers: [changed], routines: [touch] } })), [
    'drop_trigger orders_touch',
    'create_trigger',
  ])
})

test('a routine a column default calls is created before the table and dropped after it', async () => {
  const nextCode: Routine = {
    name: 'next_code',
    routineKind: 'function',
    definition: "CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || random() $$",
  }
  const coded = table('coded', { id: col.integer().primaryKey(), code: col.text().default(sql`next_code()`) })
  const ops = await plan(
    { tables: [], code: { triggers: [], routines: [] } },
    { tables: [coded, orders], code: { triggers: [], routines: [nextCode, touch] } },
  )
  assert.deepEqual(kinds(ops), ['create_routine', 'create_table', 'create_table', 'create_routine'])
  assert.deepEqual(
    ops.flatMap((op) => (op.kind === 'create_routine' ? [op.routine.name] : [])),
    ['next_code', 'touch'],
  )
  assert.deepEqual(kinds(reverseOperations(ops)), ['drop_routine touch', 'drop_table', 'drop_table', 'drop_routine next_code'])
})

test('a column default calling a routine by its quoted or schema-qualified name gets it first too', async () => {
  const twice: Routine = {
    name: 'Twice',
    routineKind: 'function',
    definition: 'CREATE FUNCTION "Twice"(a int) RETURNS int LANGUAGE sql AS $$ SELECT a * 2 $$',
  }
  const half: Routine = { ...twice, name: 'half', schema: 'util', definition: 'CREATE FUNCTION util.half(a int) RETURNS int RETURN a / 2' }
  const numbers = table('numbers', {
    id: col.integer().primaryKey(),
    two: col.integer().default(sql`"Twice"(1)`),
    one: col.integer().default(sql`util . "half"(2)`),
  })
  const ops = await plan(
    { tables: [], code: { triggers: [], routines: [] } },
    { tables: [numbers], code: { triggers: [], routines: [twice, half] } },
  )
  assert.deepEqual(kinds(ops), ['create_routine', 'create_routine', 'create_table'])
})

test('a trigger calling a routine whose head changes is dropped before it and created after it', async () => {
  const stored = { tables: [orders], code: { triggers: [onOrders], routines: [touch] } }
  const head = { ...touch, definition: 'CREATE FUNCTION touch() RETURNS event_trigger AS $$ BEGIN END $$' }
  assert.deepEqual(kinds(await plan(stored, { tables: [orders], code: { triggers: [onOrders], routines: [head] } })), [
    'drop_trigger orders_touch',
    'drop_routine touch',
    'create_routine',
    'create_trigger',
  ])
})

test('a trigger kept on a view that goes and comes back around a table change is dropped before it and created after it', async () => {
  const view = { name: 'v_orders', definition: 'SELECT id, total FROM orders' }
  const onView: Trigger = {
    name: 'v_orders_insert',
    table: 'v_orders',
    definition: 'CREATE TRIGGER v_orders_insert INSTEAD OF INSERT ON v_orders FOR EACH ROW EXECUTE FUNCTION touch()',
  }
  const code = { routines: [touch], triggers: [onView] }
  const changes = await diffStoredCode(code, code, asWritten)
  const views = { before: [{ kind: 'drop_view', name: 'v_orders', existing: view }], after: [{ kind: 'create_view', view }] } as const
  const tableOps: Operation[] = [
    { kind: 'drop_column', table: 'orders', column: 'total', existing: { name: 'total', type: { kind: 'integer' } } },
  ]
  const ops = inRunOrder(changes, views, tableOps)
  assert.deepEqual(kinds(ops), ['drop_trigger v_orders_insert', 'drop_view v_orders', 'drop_column', 'create_view', 'create_trigger'])
  assert.deepEqual(kinds(reverseOperations(ops)), [
    'drop_trigger v_orders_insert',
    'drop_view v_orders',
    'add_column',
    'create_view',
    'create_trigger',
  ])
  // Without the view's recreation the trigger is left as it is.
  assert.deepEqual(kinds(inRunOrder(changes, { before: [], after: [] }, tableOps)), ['drop_column'])
})
