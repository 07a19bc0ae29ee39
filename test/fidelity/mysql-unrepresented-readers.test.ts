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

// A view or trigger that only says the versioned table's name (in a string, as
// an alias, as a column of another table) reads nothing not represented: it
// was left out of the models all the same.
describe('mysql: views and triggers that only mention such a table', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE prices (id INT PRIMARY KEY, amount INT) WITH SYSTEM VERSIONING',
    'CREATE SEQUENCE order_numbers',
    'CREATE TABLE labels (id INT PRIMARY KEY, prices INT, note VARCHAR(40))',
    "CREATE VIEW price_labels AS SELECT id, 'prices' AS prices, labels.prices AS listed FROM labels",
    'CREATE VIEW label_totals AS SELECT SUM(prices) AS total, COUNT(*) AS order_numbers FROM labels `prices`',
    'CREATE VIEW next_number AS SELECT NEXTVAL(order_numbers) AS n',
    "CREATE TRIGGER labels_note BEFORE INSERT ON labels FOR EACH ROW SET NEW.note = CONCAT('prices ', NEW.prices)",
    'CREATE TRIGGER labels_floor BEFORE UPDATE ON labels FOR EACH ROW SET NEW.prices = (SELECT MAX(prices) FROM labels l)',
    'CREATE TRIGGER labels_number BEFORE DELETE ON labels FOR EACH ROW SET @n = NEXT VALUE FOR order_numbers',
    'CREATE TRIGGER labels_amount AFTER DELETE ON labels FOR EACH ROW SET @a = (SELECT MAX(p.amount) FROM labels l, prices p)',
  ])

  test('are kept, as are those drawing from a sequence (modelled); one reading it through a join list is still left out', async () => {
    const { ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    for (const kept of ['price_labels', 'label_totals', 'labels_note', 'labels_floor', 'next_number', 'labels_number']) {
      assert.match(models, new RegExp(kept))
    }
    assert.doesNotMatch(models, /labels_amount/)
    assert.match(printed, /trigger reading a table not represented labels_amount -> prices/)
    assert.doesNotMatch(printed, /price_labels|label_totals|labels_note|labels_floor|next_number|labels_number/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
