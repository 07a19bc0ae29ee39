import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { tablesInTrigger, tablesInView } from '../../src/dialect/mysql/tables-read.js'

// What a MariaDB view or trigger reads, parsed from its text (MariaDB records
// no usage): the places a table stands count, a string, an alias or a column
// named like the table do not.
describe('mysql: the tables a view or trigger reads', () => {
  test("a view's stored text names each table as `database`.`table`", () => {
    const text =
      "select 'prices' AS `prices`,`shop`.`orders`.`prices` AS `listed`,nextval(`shop`.`seq`) AS `n` " +
      "from `shop`.`orders` where 'x `shop`.`prices`' <> '' and `other`.`t`.`a` = 1"
    assert.deepEqual(tablesInView(text, 'shop'), ['orders', 'seq'])
  })

  const candidates = ['prices', 'seq']
  const cases: readonly (readonly [statement: string, read: readonly string[]])[] = [
    ["SET NEW.note = (SELECT 'prices' FROM labels l, shop.prices p)", ['prices']],
    ['INSERT prices VALUES (1)', ['prices']],
    ['INSERT IGNORE INTO `prices` (id) VALUES (NEW.id)', ['prices']],
    ['REPLACE LOW_PRIORITY INTO prices SET id = 1', ['prices']],
    ['UPDATE orders o, prices p SET o.a = p.amount', ['prices']],
    ['DELETE QUICK FROM prices WHERE id = OLD.id', ['prices']],
    ['SET @a = (SELECT 1 FROM orders JOIN prices ON 1)', ['prices']],
    ['SET @a = (SELECT 1 FROM orders o, (SELECT 1) q, prices)', ['prices']],
    ['SET @a = NEXTVAL(seq) + (NEXT VALUE FOR seq)', ['seq']],
    ['BEGIN SELECT MAX(amount) INTO prices FROM orders; END', []],
    ["SET NEW.prices = INSERT(NEW.prices, 1, 1, 'x')", []],
    ['SET @a = (SELECT prices FROM orders WHERE prices > 0)', []],
    ['SET @a = (SELECT a, prices FROM orders)', []],
    ['SET @a = (SELECT x FROM orders AS prices)', []],
    ['SET @a = (SELECT 1 FROM other.prices)', []],
    ['# FROM prices\nSET @a = 1', []],
    // A comma after a join's ON or USING still separates tables, and DELETE's USING lists them.
    ['SET @a = (SELECT 1 FROM orders o JOIN labels l ON o.id = l.id, prices)', ['prices']],
    ['SET @a = (SELECT 1 FROM orders o LEFT JOIN labels l ON (o.id = l.id), prices p)', ['prices']],
    ['SET @a = (SELECT 1 FROM orders JOIN labels USING (id), prices)', ['prices']],
    ['DELETE FROM orders USING orders, prices WHERE orders.id = prices.id', ['prices']],
    // A table in parentheses is a table all the same.
    ['SET @a = (SELECT 1 FROM (prices))', ['prices']],
    ['SET @a = (SELECT 1 FROM (orders, prices))', ['prices']],
    ['SET @a = (SELECT 1 FROM orders JOIN (prices) ON 1)', ['prices']],
    ["SET NEW.a = REPLACE(NEW.a, prices, 'x')", []],
    // ON DUPLICATE KEY UPDATE sets columns of the table inserted into.
    ['INSERT INTO orders (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 1, prices = 2', []],
    ['INSERT INTO orders (a) VALUES (1) ON DUPLICATE KEY UPDATE prices = 2', []],
  ]
  for (const [statement, read] of cases) {
    test(`${JSON.stringify(statement)} reads ${read.length === 0 ? 'none of them' : read.join(', ')}`, () => {
      assert.deepEqual(tablesInTrigger(statement, 'shop', candidates), read)
    })
  }
})
