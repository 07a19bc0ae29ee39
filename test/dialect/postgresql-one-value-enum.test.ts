import assert from 'node:assert/strict'
import { test } from 'node:test'
import { postgresEnumValues } from '../../src/dialect/postgresql/introspect-types.js'

test('postgresql: the CHECK of a one-value enum, which PostgreSQL reprints as an equality, reads back as the enum', () => {
  assert.deepEqual(postgresEnumValues("CHECK (((c0)::text = 'new'::text))", 'c0'), ['new'])
  assert.deepEqual(postgresEnumValues("CHECK (((c0)::text = 'it''s'::text))", 'c0'), ["it's"])
  assert.equal(postgresEnumValues("CHECK (((c1)::text = 'new'::text))", 'c0'), undefined)
  assert.equal(postgresEnumValues("CHECK ((c0 = 'new'::text) OR (c0 = 'x'::text))", 'c0'), undefined)
})
