import assert from 'node:assert/strict'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { sqliteDefaultFromText } from '../../src/dialect/sqlite/introspect-types.js'

test('a double-quoted DEFAULT is the string SQLite stores, not an expression written back "not constant"', () => {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, u VARCHAR DEFAULT "d""q", n INTEGER DEFAULT 5)')
  db.exec('INSERT INTO t (id) VALUES (1)')
  assert.deepEqual(db.prepare('SELECT u FROM t').get(), { u: 'd"q' })
  const [u] = db.prepare("SELECT dflt_value FROM pragma_table_info('t') WHERE name = 'u'").all() as { dflt_value: string }[]
  assert.deepEqual(sqliteDefaultFromText(u!.dflt_value), { kind: 'literal', value: 'd"q' })
  assert.deepEqual(sqliteDefaultFromText("'it''s'"), { kind: 'literal', value: "it's" })
  assert.deepEqual(sqliteDefaultFromText('(1 + 2)'), { kind: 'expression', sql: '(1 + 2)' })
  db.close()
})
