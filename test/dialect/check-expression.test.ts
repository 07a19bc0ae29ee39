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

test('BETWEEN keys as the comparisons PostgreSQL stores it as', () => {
  same('postgresql', 'VALUE BETWEEN 0 AND 100', '((VALUE >= (0)::numeric) AND (VALUE <= (100)::numeric))')
  same('postgresql', 'qty NOT BETWEEN -5 AND 5', "((qty < '-5'::integer) OR (qty > 5))")
  same('postgresql', 'qty > -5', "(qty > '-5'::integer)")
  same('postgresql', 'a > 0 AND b BETWEEN 1 AND 9', '((a > 0) AND ((b >= 1) AND (b <= 9)))')
  same('mysql', 'qty BETWEEN 1 AND 9', '(`qty` between 1 and 9)')
  const pg = diffHooksFor('postgresql')
  assert.notEqual(pg.checkKey('qty BETWEEN 1 AND 9'), pg.checkKey('qty BETWEEN 1 AND 10'))
  assert.notEqual(pg.checkKey("code = '-5'"), pg.checkKey('code = -5'))
  // Longer operands stay as written: where they start cannot be told without parsing.
  assert.equal(pg.checkKey('a + b BETWEEN 1 AND 9'), 'a + b between 1 and 9')
})

test('a changed bound, list or string is another key', () => {
  const pg = diffHooksFor('postgresql')
  assert.notEqual(pg.checkKey('price > 0'), pg.checkKey('price >= 0'))
  assert.notEqual(pg.checkKey("status IN ('a', 'b')"), pg.checkKey("status IN ('a', 'c')"))
  assert.notEqual(pg.checkKey("name <> 'A'"), pg.checkKey("name <> 'a'"))
  // PostgreSQL keeps a quoted name's case.
  assert.notEqual(pg.checkKey('"Qty" > 0'), pg.checkKey('qty > 0'))
})

test('only the parentheses that change an expression are in its key', () => {
  // As written, and as PostgreSQL (every operation in parentheses) and MariaDB (only those needed) give it back.
  same('postgresql', '(a+b)*2>10', '((((a + b) * 2) > 10))')
  same('postgresql', 'a - (b - 1) > 0 and (a - b) - 1 > 0', '((((a - (b - 1)) > 0) AND (((a - b) - 1) > 0)))')
  same('postgresql', '(a > 0) and ((b > 0) or c is null)', '(((a > 0) AND ((b > 0) OR (c IS NULL))))')
  same('postgresql', "c like 'x%' and -(a+b) < 3", "((((c)::text ~~ 'x%'::text) AND ((- (a + b)) < 3)))")
  same(
    'postgresql',
    "c in ('x','y') and c not in ('z')",
    "((((c)::text = ANY ((ARRAY['x'::varchar, 'y'::varchar])::text[])) AND ((c)::text <> 'z'::text)))",
  )
  same('postgresql', 'case when a > 0 then b else -b end > 0', '((\nCASE\n    WHEN (a > 0) THEN b\n    ELSE (- b)\nEND > 0))')
  same('postgresql', 'a is distinct from b and (a > 0) is not true', '(((a IS DISTINCT FROM b) AND ((a > 0) IS NOT TRUE)))')
  same('postgresql', "(e at time zone 'utc') > '2020-01-01'", "((e AT TIME ZONE 'utc'::text) > '2020-01-01'::timestamp without time zone)")
  same('postgresql', 'a>=-1', "(a >= '-1'::integer)")
  same('mysql', '(a+b)*2>10', '(`a` + `b`) * 2 > 10')
  same('mysql', '(a > 0) and ((b > 0) or c is null)', '`a` > 0 and (`b` > 0 or `c` is null)')
  same('mysql', 'a - (b - 1) > 0 and (a - b) - 1 > 0', '`a` - (`b` - 1) > 0 and `a` - `b` - 1 > 0')
  same('sqlite', '((a)) > (0)', 'a > 0')
  for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
    const key = diffHooksFor(dialect).checkKey
    assert.notEqual(key('(a + b) * 2 > 10'), key('a + b * 2 > 10'), dialect)
    assert.notEqual(key('a - (b - 1) > 0'), key('a - b - 1 > 0'), dialect)
    assert.notEqual(key('not (a and b)'), key('not a and b'), dialect)
    assert.notEqual(key('(a or b) and c'), key('a or b and c'), dialect)
    assert.notEqual(key('- (a + b) > 0'), key('- a + b > 0'), dialect)
    assert.equal(key('lower(name) = (select 1)'), key('lower(name) = (select 1)'), dialect)
  }
  // A call's parentheses and a list's stay.
  assert.equal(diffHooksFor('postgresql').checkKey('(lower((name)::text))'), 'lower ( name )')
  assert.equal(diffHooksFor('sqlite').checkKey('x IN (1, 2)'), 'x in ( 1 , 2 )')
})

test('a prefix or postfix operation inside parentheses is judged from the side it can lose its operand to', () => {
  // PostgreSQL prints `(~ 7)`, `(NOT q)` and `(a IS NULL)` in parentheses wherever they stand.
  same('postgresql', '(a & ~7) = 0', '(((a & (~ 7)) = 0))')
  same('postgresql', 'p = NOT q', '((p = (NOT q)))')
  same('postgresql', 'a IS NULL = p', '(((a IS NULL) = p))')
  same('postgresql', 'a IS NULL <> (b IS NULL)', '(((a IS NULL) <> (b IS NULL)))')
  const differ = (dialect: 'postgresql' | 'sqlite', a: string, b: string) =>
    assert.notEqual(diffHooksFor(dialect).checkKey(a), diffHooksFor(dialect).checkKey(b), `${a} / ${b}`)
  differ('postgresql', 'p = (a IS NULL)', 'p = a IS NULL')
  differ('postgresql', '(NOT q) = p', 'NOT q = p')
  differ('postgresql', 'p IS DISTINCT FROM (q OR r)', '(p IS DISTINCT FROM q) OR r')
  differ('sqlite', 'a IS NOT (b = c)', '(a IS NOT b) = c')
  differ('postgresql', 'p BETWEEN false AND (q OR r)', '(p BETWEEN false AND q) OR r')
})

test('a date or time literal under a cast keys as the constant PostgreSQL prints, and only under such a cast', () => {
  same('postgresql', "made > '2020-01-01'::timestamp", "(made > '2020-01-01 00:00:00'::timestamp without time zone)")
  same('postgresql', "made >= '2020-01-01T12:00:00.500'::timestamp(3)", "(made >= '2020-01-01 12:00:00.5'::timestamp(3) without time zone)")
  same('postgresql', "day > '2020-01-01 10:00'::date", "(day > '2020-01-01'::date)")
  same('postgresql', "at < '10:30'::time", "(at < '10:30:00'::time without time zone)")
  same('postgresql', "at < '2020-01-01 10:30'::time", "(at < '10:30:00'::time without time zone)")
  const key = diffHooksFor('postgresql').checkKey
  assert.notEqual(key("note <> '2020-01-01 00:00:00'"), key("((note)::text <> '2020-01-01'::text)"))
  assert.notEqual(key("made > '2020-01-01'::timestamp"), key("(made > '2020-01-02 00:00:00'::timestamp without time zone)"))
  assert.notEqual(key("at < '00:00'::time"), key("(at < '2020-01-01'::date)"))
})

test('an instant with its offset keys as UTC, as servers in other time zones print it', () => {
  same('postgresql', "ts > '2020-01-01 00:00:00+00'::timestamptz", "(ts > '2020-01-01 01:00:00+01'::timestamp with time zone)")
  same('postgresql', "ts > '2020-01-01T05:30:00.250+05:30'::timestamptz", "(ts > '2020-01-01 00:00:00.25+00'::timestamp with time zone)")
  const key = diffHooksFor('postgresql').checkKey
  assert.notEqual(key("ts > '2020-01-01 00:00:00+00'::timestamptz"), key("ts > '2020-01-01 00:00:00+01'::timestamptz"))
  // Compared with text, such a string is only a string.
  assert.notEqual(key("code <> '2020-01-01 00:00:00+00'"), key("(code <> '2020-01-01 05:00:00+05'::text)"))
})

test('CAST(x AS type) and a typed date literal key as PostgreSQL stores them', () => {
  same('postgresql', 'cast(n as bigint) >= 0', '((n)::bigint >= 0)')
  same('postgresql', 'CAST(price * 2 AS numeric(10, 2)) > 1', '(((price * 2))::numeric(10,2) > (1)::numeric)')
  same('postgresql', "d > date '2021-01-01'", "(d > '2021-01-01'::date)")
  same('postgresql', "t > timestamp '2021-01-01 10:00'", "(t > '2021-01-01 10:00:00'::timestamp without time zone)")
  const key = diffHooksFor('postgresql').checkKey
  assert.notEqual(key('cast(n as bigint) >= 0'), key('(m)::bigint >= 0'))
  assert.notEqual(key("d > date '2021-01-01'"), key("(d > '2021-01-02'::date)"))
})

test("MySQL's BETWEEN, LIKE, REGEXP and IN bind tighter than its comparisons", () => {
  same('mysql', 'p = 0 LIKE s', '`p` = (0 like `s`)')
  const key = diffHooksFor('mysql').checkKey
  assert.notEqual(key('(a = b) BETWEEN 0 AND 0'), key('a = b BETWEEN 0 AND 0'))
  assert.notEqual(key('(p = 0) LIKE s'), key('p = 0 LIKE s'))
})

test("MySQL's strings compare by their characters, however their quotes are escaped", () => {
  same('mysql', "s <> 'don''t'", "`s` <> 'don\\'t'")
  same('mysql', "concat(s, 'it''s')", "concat(`s`,'it\\'s')")
  const key = diffHooksFor('mysql').checkKey
  assert.notEqual(key("s <> 'don''t'"), key("s <> 'dont'"))
  assert.notEqual(key("s LIKE 'a\\%'"), key("s LIKE 'a%'"))
})

test('a quoted name spelled like a keyword keys as a name, as written and as stored', () => {
  same('postgresql', '"values" > 0', '("values" > 0)')
  same('postgresql', '"select" <> \'x\'', '("select" <> \'x\'::text)')
  same('postgresql', '"with" * 2', '("with" * 2)')
  same('postgresql', '"and" > 1 AND "or" < 2', '(("and" > 1) AND ("or" < 2))')
  same('mysql', '`values` > 0', '(`values` > 0)')
  same('sqlite', '[values] > 0', '"VALUES" > 0')
  const pg = diffHooksFor('postgresql')
  assert.equal(pg.checkKey('("values" > 0)'), '"values" > 0')
  assert.equal(pg.checkKey('"price" > 0'), 'price > 0')
  // Not reserved there, PostgreSQL prints these names bare.
  same('postgresql', '"zone" > 0', '(zone > 0)')
  same('postgresql', '"regexp" <> \'\'', "(regexp <> ''::text)")
})

test("MariaDB's stored names for functions and operators key as the names they were written as", () => {
  same('mysql', 'upper(name)', 'ucase(`name`)')
  same('mysql', 'lower(name)', 'lcase(`name`)')
  same('mysql', "substring(name, 1, 1) <> 'q'", "substr(`name`,1,1) <> 'q'")
  same('mysql', 'mid(name, 1, 2)', 'substr(`name`,1,2)')
  same('mysql', 'length(name) > 2', 'octet_length(`name`) > 2')
  same('mysql', 'n % 3 = 0', '`n` MOD 3 = 0')
  const my = diffHooksFor('mysql')
  assert.notEqual(my.checkKey('upper(name)'), my.checkKey('lower(name)'))
  assert.notEqual(my.checkKey('length(name)'), my.checkKey('char_length(name)'))
})
