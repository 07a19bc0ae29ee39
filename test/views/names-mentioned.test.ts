import assert from 'node:assert/strict'
import { test } from 'node:test'
import { namesMentioned } from '../../src/dialect/view-support.js'

test('a view reads the tables its text names, quoted names with spaces and quotes included', () => {
  const tables = ['users', 'User Accounts', 'say "hi"', 'orders', 'order lines']
  assert.deepEqual(namesMentioned('SELECT id FROM "User Accounts" JOIN users USING (id)', tables), ['users', 'User Accounts'])
  assert.deepEqual(namesMentioned('SELECT * FROM "say ""hi"""', tables), ['say "hi"'])
  assert.deepEqual(namesMentioned('SELECT * FROM `order lines` JOIN [ORDERS] ON 1', tables), ['orders', 'order lines'])
  assert.deepEqual(namesMentioned("SELECT 'User Accounts' AS label FROM orders", tables), ['orders'])
})
