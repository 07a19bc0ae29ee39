// The type a column's SQL names, as the check of types the target lacks looks it up: modifiers and array brackets
// left off, bare names folded, and the grammar's own types (and what is no plain type name) never looked up.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { typeReference } from '../../src/dialect/postgresql/type-reference.js'

test('a plain, qualified, quoted or array type names itself', () => {
  assert.deepEqual(typeReference('floatrange'), { name: 'floatrange' })
  assert.deepEqual(typeReference('FloatRange[]'), { name: 'floatrange' })
  assert.deepEqual(typeReference('public."Span"[][]'), { schema: 'public', name: 'Span' })
  assert.deepEqual(typeReference('"a.b"'), { name: 'a.b' })
  assert.deepEqual(typeReference('"say ""hi"""'), { name: 'say "hi"' })
  assert.deepEqual(typeReference('app.ext.hstore'), { schema: 'ext', name: 'hstore' })
  assert.deepEqual(typeReference('int4[3]'), { name: 'int4' })
  assert.deepEqual(typeReference('numeric(10, 2) ARRAY'), undefined)
  assert.deepEqual(typeReference('tsvector ARRAY[4]'), { name: 'tsvector' })
  assert.deepEqual(typeReference('"char"'), { name: 'char' })
})

test('a modifier is left off, even one holding parentheses or quotes', () => {
  assert.deepEqual(typeReference('geometry(Point, 4326)'), { name: 'geometry' })
  assert.deepEqual(typeReference('ext.vector(3)[]'), { schema: 'ext', name: 'vector' })
  assert.deepEqual(typeReference('t("a)")'), { name: 't' })
})

test("the grammar's own types are not looked up", () => {
  for (const sql of ['integer', 'INT', 'varchar(20)', 'character varying(20)[]', 'double precision', 'timestamp(3) with time zone']) {
    assert.equal(typeReference(sql), undefined, sql)
  }
  for (const sql of ['serial', 'BIGSERIAL', 'smallserial', 'serial8', 'serial4', 'serial2'])
    assert.equal(typeReference(sql), undefined, sql)
  for (const sql of ['interval day to second', 'bit varying(4)', 'char(3)', 'boolean', 'decimal(5,1)', 'time with time zone']) {
    assert.equal(typeReference(sql), undefined, sql)
  }
})

test('what is no plain type name is not looked up', () => {
  for (const sql of ['', 'a.b.c.d', 'a.', '.a', 'x)', 'x(', 'text COLLATE "C"', "'text'", 'a..b', '"open']) {
    assert.equal(typeReference(sql), undefined, sql)
  }
})
