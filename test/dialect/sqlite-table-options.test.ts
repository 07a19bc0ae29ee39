// SQLite's STRICT and WITHOUT ROWID as a table's `sqlite` options: written
// after the columns, read back from the CREATE TABLE, refused at compile
// time where SQLite would refuse the table, and a change of them a note
// (SQLite sets them only when a table is made).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sqliteCompiler as c } from '../../src/dialect/sqlite/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { readDdl } from '../../src/dialect/sqlite/introspect-ddl.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { sqliteTableOptionNotes } from '../../src/diff/table-notes.js'
import type { Table } from '../../src/schema/types.js'

const counters: Table = {
  name: 'counters',
  columns: [
    { name: 'name', type: { kind: 'text' }, primaryKey: true },
    { name: 'n', type: { kind: 'integer' }, nullable: false },
  ],
  sqlite: { strict: true, withoutRowid: true },
}

const refusal = (table: Table, code: string, ...words: string[]) => {
  assert.throws(
    () => c.compileSql({ kind: 'create_table', table }, 'offline'),
    (error: unknown) => isAthanorError(error) && error.code === code && words.every((word) => error.message.includes(word)),
  )
}

describe('sqlite table options', () => {
  test('are written after the columns, as SQLite orders them', () => {
    assert.deepEqual(c.compileSql({ kind: 'create_table', table: counters }, 'offline'), [
      {
        sql: 'CREATE TABLE "counters" (\n  "name" TEXT NOT NULL,\n  "n" INTEGER NOT NULL,\n  PRIMARY KEY ("name")\n) WITHOUT ROWID, STRICT',
      },
    ])
    const strictOnly = { ...counters, sqlite: { strict: true } }
    assert.match(c.compileSql({ kind: 'create_table', table: strictOnly }, 'offline')[0]!.sql, /\n\) STRICT$/)
  })

  test('are read back in either order, comments and a semicolon around them', () => {
    assert.deepEqual(readDdl('CREATE TABLE t (k TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;').options, { strict: true, withoutRowid: true })
    assert.deepEqual(readDdl('CREATE TABLE t (k TEXT PRIMARY KEY) -- keyed\n  without   rowid').options, { withoutRowid: true })
    assert.deepEqual(readDdl("CREATE TABLE t (k TEXT, note TEXT DEFAULT 'STRICT')").options, {})
  })

  test('are refused where SQLite would refuse the table, naming it', () => {
    const varchar = { ...counters, columns: [...counters.columns, { name: 'label', type: { kind: 'string', length: 20 } } as const] }
    refusal(varchar, 'UNSUPPORTED_COLUMN', '"counters" is STRICT', '"label" is VARCHAR(20)')
    refusal(
      { ...counters, columns: [{ name: 'n', type: { kind: 'integer' } }] },
      'INVALID_MODEL',
      '"counters" is WITHOUT ROWID',
      'primary key',
    )
    const numbered = { ...counters, columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true, autoincrement: true } as const] }
    refusal(numbered, 'INVALID_AUTOINCREMENT', '"counters" is WITHOUT ROWID', '"id"')
  })

  test('changed, are a note for the author, only on SQLite', () => {
    const plain: Table = { ...counters, sqlite: {} }
    const notes = sqliteTableOptionNotes(plain, counters, diffHooksFor('sqlite'))
    assert.deepEqual(
      notes.map((note) => (note.kind === 'execute' ? note.sql.split('.')[0] : note.kind)),
      ['-- table counters: not STRICT -> STRICT', '-- table counters: not WITHOUT ROWID -> WITHOUT ROWID'],
    )
    assert.deepEqual(sqliteTableOptionNotes(counters, counters, diffHooksFor('sqlite')), [])
    assert.deepEqual(sqliteTableOptionNotes(plain, counters, diffHooksFor('postgresql')), [])
  })

  test('AUTOINCREMENT gained or lost is a note too, and read from the table as written', () => {
    const table = (autoincrement: boolean): Table => ({
      name: 'events',
      columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true, ...(autoincrement ? { autoincrement } : {}) }],
    })
    const first = (was: Table, wanted: Table) =>
      sqliteTableOptionNotes(was, wanted, diffHooksFor('sqlite')).map((note) =>
        note.kind === 'execute' ? note.sql.split('.')[0] : note.kind,
      )
    assert.deepEqual(first(table(false), table(true)), ['-- table events: AUTOINCREMENT none -> id'])
    assert.deepEqual(first(table(true), table(false)), ['-- table events: AUTOINCREMENT id -> none'])
    assert.deepEqual(first(table(true), table(true)), [])
    assert.equal(readDdl('CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT)').autoincrement, true)
    assert.equal(readDdl('CREATE TABLE events (id INTEGER PRIMARY KEY)').autoincrement, false)
  })
})
