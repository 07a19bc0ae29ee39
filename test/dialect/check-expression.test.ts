import assert from 'node:assert/strict'
import { test } from 'node:test'
import { diffHooksFor } from '../../src/dialect/registry.js'

const same = (dialect: 'postgresql' | 'mysql' | 'sqlite', written: string, stored: string) =>
  assert.equal(diffHooksFor(dialect).checkKey(written), diffHooksFor(dialect).checkKey(stored), `${dialect}: ${written} / ${stored}`)

test('a check as written and as each database gives it back share a key', () => {
  same(
    'postgresql',
    "status IN ('new', 'done')",
    "((status)::text = ANY ((ARRAY['new'::character varying, 'done'::character varying])::text[]))",
  )
  same(
    'postgresql',
    "status IN ('new', 'done')",
    "((status)::text = ANY (ARRAY[('new'::character varying)::text, ('done'::character varying)::text]))",
  )
  same('postgresql', 'price > 0 AND qty <= 10', '((price > (0)::numeric) AND (qty <= 10))')
  same('postgresql', "name NOT LIKE 'x%'", "((name)::text !~~ 'x%'::text)")
  same('postgresql', 'a != b', '(a <> b)')
  same('mysql', "status IN ('a', 'b')", "(`status` in (_utf8mb4'a',_utf8mb4'b'))")
  same('mysql', 'Qty >= 0', '`qty` >= 0')
  same('sqlite', '"qty" >= 0', 'QTY>=0')
})

test('a changed bound, list or string is another key', () => {
  const pg = diffHooksFor('postgresql')
  assert.notEqual(pg.checkKey('price > 0'), pg.checkKey('price >= 0'))
  assert.notEqual(pg.checkKey("status IN ('a', 'b')"), pg.checkKey("status IN ('a', 'c')"))
  assert.notEqual(pg.checkKey("name <> 'A'"), pg.checkKey("name <> 'a'"))
  // PostgreSQL keeps a quoted name's case.
  assert.notEqual(pg.checkKey('"Qty" > 0'), pg.checkKey('qty > 0'))
})
