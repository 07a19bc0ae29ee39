import assert from 'node:assert/strict'
import { test } from 'node:test'
import { col, defineModels, routine, sql, table, trigger, view } from '../../src/models/index.js'
import { renderModels } from '../../src/models/render.js'

const orders = table('orders', { id: col.integer().primaryKey(), total: col.integer() })
const touchText = 'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$'

test('trigger() reads its table from the statement, routine() its kind; defineModels keeps them apart as plain data', () => {
  const touch = routine('touch', sql`${touchText}`)
  const onOrders = trigger(
    'orders_touch',
    sql`
    CREATE TRIGGER orders_touch BEFORE UPDATE OF total ON public."orders" FOR EACH ROW EXECUTE FUNCTION touch()
  `,
  )
  assert.deepEqual(touch, { objectKind: 'routine', name: 'touch', routineKind: 'function', definition: touchText })
  assert.equal(onOrders.table, 'orders')
  assert.equal(routine('archive', 'create or replace procedure archive() language sql as $$ select 1 $$').routineKind, 'procedure')
  const models = defineModels(orders, touch, onOrders, view('totals', 'SELECT sum(total) AS total FROM orders'))
  assert.deepEqual(
    models.tables.map((t) => t.name),
    ['orders'],
  )
  assert.deepEqual(
    models.views?.map((v) => v.name),
    ['totals'],
  )
  assert.deepEqual(models.routines, [{ name: 'touch', routineKind: 'function', definition: touchText }])
  assert.deepEqual(models.triggers, [{ name: 'orders_touch', table: 'orders', definition: onOrders.definition }])
})

test('a trigger whose table cannot be read, a routine that is neither kind, or one declared twice is refused, naming it', () => {
  assert.throws(() => trigger('t', 'CREATE TRIGGER t'), {
    code: 'INVALID_MODEL',
    message: 'trigger "t": its statement names no table (CREATE TRIGGER … ON table …); pass { table }',
  })
  assert.equal(trigger('t', 'CREATE TRIGGER t', { table: 'orders' }).table, 'orders')
  assert.throws(() => routine('r', 'SELECT 1'), {
    code: 'INVALID_MODEL',
    message: 'routine "r": its statement is not CREATE FUNCTION, PROCEDURE or AGGREGATE',
  })
  const twice = trigger('t', 'CREATE TRIGGER t AFTER INSERT ON orders BEGIN SELECT 1; END')
  assert.throws(() => defineModels(orders, twice, twice), { code: 'INVALID_MODEL', message: 'trigger "t" on "orders" is declared twice' })
})

test('pull renders routines and triggers as sql templates after the tables, importing what they use', () => {
  const text = renderModels([orders], [], undefined, {
    routines: [
      { name: 'touch', routineKind: 'function', definition: 'CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\nAS $f$ x $f$' },
    ],
    triggers: [
      {
        name: 'orders',
        table: 'orders',
        definition: 'CREATE TRIGGER orders BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION touch()',
      },
    ],
  })
  assert.match(text, /^import \{ col, defineModels, routine, sql, table, trigger \} from 'athanor'$/m)
  assert.ok(
    text.includes("export const touch = routine('touch', sql`CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\nAS $f$ x $f$`)"),
  )
  // The trigger's variable does not take the table's name.
  assert.ok(text.includes("export const orders2 = trigger('orders', sql`CREATE TRIGGER orders BEFORE UPDATE ON public.orders"))
  assert.match(text, /^export default defineModels\(orders, touch, orders2\)$/m)
})
