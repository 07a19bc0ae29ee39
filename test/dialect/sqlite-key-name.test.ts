import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readDdl } from '../../src/dialect/sqlite/introspect-ddl.js'

test('sqlite: a primary key named on its column keeps its name, as the compiler writes an autoincrement key', () => {
  const ddl = readDdl('CREATE TABLE t0 (id INTEGER NOT NULL CONSTRAINT "pk_t0" PRIMARY KEY AUTOINCREMENT, c0 INT)')
  assert.equal(ddl.primaryKeyName, 'pk_t0')
  assert.equal(readDdl('CREATE TABLE t0 (id INTEGER PRIMARY KEY, c0 INT)').primaryKeyName, undefined)
})

test('sqlite: a key NOT DEFERRABLE INITIALLY DEFERRED is checked at once, as SQLite reads it, and only DEFERRABLE defers', () => {
  const deferral = (clause: string) =>
    readDdl(`CREATE TABLE c (pid INT REFERENCES p (id) ${clause})`).foreignKeyDeferral.get('pid>p') ?? 'immediate'
  assert.equal(deferral('NOT DEFERRABLE INITIALLY DEFERRED'), 'immediate')
  assert.equal(deferral('NOT DEFERRABLE'), 'immediate')
  assert.deepEqual(deferral('DEFERRABLE INITIALLY DEFERRED'), { deferrable: true, initiallyDeferred: true })
  assert.deepEqual(deferral('DEFERRABLE'), { deferrable: true })
})
