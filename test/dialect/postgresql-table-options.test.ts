// PostgreSQL's UNLOGGED and a table's storage parameters as its
// `postgresql` options: written into CREATE TABLE, refused on a
// partitioned table (whose partitions hold them), checked as bare words,
// and a change of them a note naming the statement to write.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { postgresCompiler as c } from '../../src/dialect/postgresql/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { postgresTableOptionNotes } from '../../src/diff/table-notes.js'
import type { Table } from '../../src/schema/types.js'

const cache: Table = {
  name: 'session_cache',
  columns: [{ name: 'key', type: { kind: 'text' }, primaryKey: true }],
  postgresql: { unlogged: true, storage: { fillfactor: 70, autovacuum_enabled: false } },
}

const refused = (table: Table, ...words: string[]) =>
  assert.throws(
    () => c.compileSql({ kind: 'create_table', table }, 'offline'),
    (error: unknown) => isAthanorError(error, 'INVALID_MODEL') && words.every((word) => error.message.includes(word)),
  )

describe('postgresql table options', () => {
  test('are written into CREATE TABLE', () => {
    assert.deepEqual(c.compileSql({ kind: 'create_table', table: cache }, 'offline'), [
      {
        sql:
          'CREATE UNLOGGED TABLE "session_cache" (\n  "key" TEXT NOT NULL,\n  PRIMARY KEY ("key")\n) ' +
          'WITH (fillfactor = 70, autovacuum_enabled = false)',
      },
    ])
  })

  test('are refused on a partitioned table, and storage that is not bare words anywhere', () => {
    refused({ ...cache, postgresql: { partitionBy: 'HASH (key)', unlogged: true } }, '"session_cache" is partitioned', 'UNLOGGED')
    refused({ ...cache, postgresql: { storage: { fillfactor: '70); DROP TABLE x; --' } } }, '"session_cache"', 'fillfactor')
  })

  test('changed, are a note for the author, only on PostgreSQL', () => {
    const plain: Table = { ...cache, postgresql: {} }
    const notes = postgresTableOptionNotes(plain, cache, diffHooksFor('postgresql'))
    assert.deepEqual(
      notes.map((note) => (note.kind === 'execute' ? note.sql.split('. ')[0] : note.kind)),
      [
        '-- table session_cache: logged -> UNLOGGED',
        '-- table session_cache: storage parameters () -> (autovacuum_enabled=false, fillfactor=70)',
      ],
    )
    assert.deepEqual(
      postgresTableOptionNotes(
        cache,
        { ...cache, postgresql: { storage: { autovacuum_enabled: false, fillfactor: 70 }, unlogged: true } },
        diffHooksFor('postgresql'),
      ),
      [],
    )
    assert.deepEqual(postgresTableOptionNotes(plain, cache, diffHooksFor('mysql')), [])
  })
})
