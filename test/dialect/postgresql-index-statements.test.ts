import assert from 'node:assert/strict'
import { test } from 'node:test'
import { indexesCreatedBy } from '../../src/dialect/postgresql/index-statements.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'

test('every form of CREATE INDEX that names its index', () => {
  assert.deepEqual(indexesCreatedBy('CREATE INDEX CONCURRENTLY ix_items_name ON items (name)'), [{ name: 'ix_items_name', table: 'items' }])
  assert.deepEqual(indexesCreatedBy('create unique index concurrently if not exists "Ix ""q""" on only Shop."Items" using btree (a)'), [
    { name: 'Ix "q"', table: 'Items', schema: 'shop' },
  ])
  assert.deepEqual(indexesCreatedBy('CREATE INDEX ix ON db.s.t (a)'), [{ name: 'ix', table: 't', schema: 's' }])
  // PostgreSQL folds unquoted names to lower case, as the catalog holds them.
  assert.deepEqual(indexesCreatedBy('CREATE INDEX IX_Upper ON Items (a)'), [{ name: 'ix_upper', table: 'items' }])
})

test('each statement of a batch, and only at a statement’s start', () => {
  assert.deepEqual(indexesCreatedBy('CREATE TABLE t (a int); CREATE INDEX ix_a ON t (a);\nCREATE UNIQUE INDEX ux_b ON t (b)'), [
    { name: 'ix_a', table: 't' },
    { name: 'ux_b', table: 't' },
  ])
  assert.deepEqual(indexesCreatedBy('SELECT 1 WHERE true CREATE INDEX ix ON t (a)'), [])
  assert.deepEqual(indexesCreatedBy('CREATE TABLE t (a int); DROP INDEX CONCURRENTLY ix'), [])
})

test('text that only mentions CREATE INDEX creates nothing', () => {
  assert.deepEqual(indexesCreatedBy("SELECT 'CREATE INDEX ix ON t (a)'; COMMENT ON TABLE t IS E'x\\'; CREATE INDEX iy ON t (a)'"), [])
  assert.deepEqual(indexesCreatedBy('DO $body$ BEGIN EXECUTE $$CREATE INDEX ix ON t (a)$$; END $body$'), [])
  assert.deepEqual(
    indexesCreatedBy('-- CREATE INDEX ix ON t (a)\n/* CREATE INDEX iy ON t (a) /* nested */ still a comment */ SELECT 1'),
    [],
  )
  // A comment before the statement does not hide it.
  assert.deepEqual(indexesCreatedBy('/* build it */ -- without a lock\nCREATE INDEX ix ON t (a)'), [{ name: 'ix', table: 't' }])
})

test('an index the server names is not reported: nothing can tell which name it got', () => {
  assert.deepEqual(indexesCreatedBy('CREATE INDEX ON t (a)'), [])
  assert.deepEqual(indexesCreatedBy('CREATE INDEX CONCURRENTLY ON t (a)'), [])
  assert.deepEqual(indexesCreatedBy('CREATE INDEX CONCURRENTLY IF NOT EXISTS ON t (a)'), [])
})

test('op.createIndex compiles to a statement whose index is found', () => {
  const [statement] = postgresCompiler.compileSql(
    { kind: 'create_index', table: 'Items', schema: 'shop', index: { name: 'ix Name', columns: ['name'], unique: true } },
    'online',
  )
  assert.deepEqual(indexesCreatedBy(statement!.sql), [{ name: 'ix Name', table: 'Items', schema: 'shop' }])
})
