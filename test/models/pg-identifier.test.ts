// PostgreSQL's quote_ident rule, which format_type follows for each part of
// a type's name: bare only a plain lower-case name that is no key word or an
// unreserved one. The table is what quote_ident returns on PostgreSQL 15.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { postgresArgumentTypes } from '../../src/dialect/postgresql/routine-arguments.js'
import { pgIdentifierIsBare, pgQuoteIdent } from '../../src/schema/pg-identifier.js'
import { pgTypeName } from '../../src/schema/pg-objects.js'

const QUOTE_IDENT: ReadonlyArray<readonly [string, string]> = [
  ['status', 'status'],
  ['_x1', '_x1'],
  // Unreserved key words stay bare.
  ['action', 'action'],
  ['data', 'data'],
  ['domain', 'domain'],
  ['name', 'name'],
  // Reserved.
  ['order', '"order"'],
  ['user', '"user"'],
  ['select', '"select"'],
  ['table', '"table"'],
  // Type or function names only.
  ['left', '"left"'],
  ['authorization', '"authorization"'],
  // Column names only.
  ['int', '"int"'],
  ['between', '"between"'],
  ['xmltable', '"xmltable"'],
  // Case, characters and a leading digit.
  ['Mood', '"Mood"'],
  ['a$b', '"a$b"'],
  ['1st', '"1st"'],
  ['é', '"é"'],
  ['Audit Log', '"Audit Log"'],
  ['say "hi"', '"say ""hi"""'],
]

test("names are quoted as PostgreSQL's quote_ident quotes them", () => {
  for (const [name, quoted] of QUOTE_IDENT) {
    assert.equal(pgQuoteIdent(name), quoted, name)
    assert.equal(pgIdentifierIsBare(name), name === quoted, name)
  }
})

test("a type name's parts are each quoted by the same rule", () => {
  assert.equal(pgTypeName('order', undefined), '"order"')
  assert.equal(pgTypeName('action', 'user'), '"user".action')
  assert.equal(pgTypeName('Kind', 'data'), 'data."Kind"')
})

test("a routine's quoted argument types compare as format_type prints them", () => {
  assert.equal(
    postgresArgumentTypes('CREATE FUNCTION f(a "order", b "action", c "Mood", d "int4") RETURNS int'),
    '"order", action, "Mood", integer',
  )
})
