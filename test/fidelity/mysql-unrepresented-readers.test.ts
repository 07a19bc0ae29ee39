// A view or trigger reading a system-versioned table (which the models do not
// hold) was pulled, and the migration creating it failed at upgrade, after the
// statements before it had run, as the table it reads was never created.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe('mysql: views and triggers reading a table not represented', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE prices (id INT PRIMARY KEY, amount INT) WITH SYSTEM VERSIONING',
    'CREATE TABLE orders (id INT PRIMARY KEY, price_id INT, amount INT)',
    'CREATE VIEW current_prices AS SELECT id, amount FROM prices',
    'CREATE VIEW cheap_prices AS SELECT id FROM current_prices WHERE amount < 10',
    'CREATE VIEW big_orders AS SELECT id FROM orders WHERE amount > 100',
    'CREATE TRIGGER orders_price BEFORE INSERT ON orders FOR EACH ROW SET NEW.amount = (SELECT amount FROM prices WHERE id = NEW.price_id)',
    'CREATE TRIGGER orders_floor BEFORE UPDATE ON orders FOR EACH ROW SET NEW.amount = GREATEST(NEW.amount, 0)',
  ])

  test('are left out of the models and listed as not represented', async () => {
    const { ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(models, /current_prices|cheap_prices|orders_price/)
    assert.match(models, /big_orders/)
    assert.match(models, /orders_floor/)
    assert.match(printed, /view reading a table not represented current_prices -> prices/)
    assert.match(printed, /view reading a table not represented cheap_prices -> current_prices/)
    assert.match(printed, /trigger reading a table not represented orders_price -> prices/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
