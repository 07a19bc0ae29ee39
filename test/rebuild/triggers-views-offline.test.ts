import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { isAthanorError } from '../../src/core/errors.js'
import type { Operation } from '../../src/ops/operation.js'
import { fileWith, fingerprint, offlineScript, schemaOf } from './helpers.js'

// An offline rebuild checks, as the live one does, that every trigger and
// view still compiles once the table is rebuilt. One the earlier migrations
// made, which uses a dropped column, fails the writing of the script. The
// script checks again before its COMMIT, for what the database holds beyond
// the migrations: the sqlite3 shell names the trigger or view, and nothing
// of the migration is committed, whether or not the shell stops at errors.

const dir = mkdtempSync(join(tmpdir(), 'athanor-schema-check-offline-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const ARTIST = `CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT, born INT);
  CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INT REFERENCES artist (id), title TEXT);
  INSERT INTO artist VALUES (1, 'AC/DC', 1973); INSERT INTO album VALUES (1, 1, 'x');`

const DROP_NAME: Operation = {
  kind: 'batch_alter_table',
  table: 'artist',
  ops: [{ kind: 'drop_column', table: 'artist', column: 'name' }],
  recreate: 'always',
}

function state(path: string): { rows: unknown; schema: unknown } {
  const db = new Database(path, { readonly: true })
  try {
    return { rows: fingerprint(db, 'artist', ['id', 'name', 'born']), schema: schemaOf(db) }
  } finally {
    db.close()
  }
}

const users: [string, string, RegExp][] = [
  [
    'a trigger on the table',
    "CREATE TRIGGER artist_ins BEFORE INSERT ON artist WHEN NEW.name IS NULL BEGIN SELECT RAISE(ABORT, 'name required'); END;",
    /error in trigger artist_ins: no such column: NEW\.name/,
  ],
  [
    'a trigger on another table that writes it',
    "CREATE TRIGGER album_ins AFTER INSERT ON album BEGIN UPDATE artist SET name = name || '*' WHERE id = NEW.artist_id; END;",
    /error in trigger album_ins: no such column: name/,
  ],
  ['a view that reads it', 'CREATE VIEW v_artist AS SELECT id, name FROM artist;', /error in view v_artist: no such column: name/],
]

describe('an offline rebuild that drops a column a trigger or view of the earlier migrations still uses', () => {
  for (const [label, user, named] of users) {
    test(`${label}: writing the script fails, naming it`, async () => {
      await assert.rejects(
        offlineScript(`${ARTIST} ${user}`, [DROP_NAME]),
        (error: unknown) =>
          isAthanorError(error, 'SQLITE_OFFLINE_REBUILD') &&
          /^cannot write the rebuild of table "artist" offline: /.test((error as Error).message) &&
          named.test((error as Error).message),
      )
    })
  }
})

describe('the offline script of a rebuild, through the sqlite3 shell', () => {
  test('a view the script does not know, which no longer compiles: named, and nothing committed by a shell that goes on', async () => {
    // Made on the database by hand: the script was written without it. No
    // foreign key refers to the table, so only the check of the schema sees it.
    const setup = "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT, born INT); INSERT INTO artist VALUES (1, 'AC/DC', 1973);"
    const text = await offlineScript(setup, [DROP_NAME])
    for (const bail of [true, false]) {
      const path = fileWith(dir, `${setup} CREATE VIEW v_artist AS SELECT id, name FROM artist;`)
      const before = state(path)
      const ran = spawnSync('sqlite3', [...(bail ? ['-bail'] : []), path], { input: text, encoding: 'utf8' })
      assert.match(ran.stderr, /error in view v_artist: /)
      if (!bail) assert.match(ran.stderr, /this migration failed its checks/)
      assert.deepEqual(state(path), before, `${bail ? '' : 'no '}-bail`)
    }
  })

  test('an index and a trigger the migrations did not make: named, and nothing committed, rather than dropped with the table', async () => {
    const setup = "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT, born INT); INSERT INTO artist VALUES (1, 'AC/DC', 1973);"
    const text = await offlineScript(setup, [DROP_NAME])
    const byHand =
      'CREATE UNIQUE INDEX ux_artist_born ON artist (born); ' +
      'CREATE TRIGGER artist_born AFTER UPDATE ON artist BEGIN SELECT RAISE(ABORT, "born is fixed") WHERE NEW.born <> OLD.born; END;'
    for (const bail of [true, false]) {
      const path = fileWith(dir, `${setup} ${byHand}`)
      const before = state(path)
      const ran = spawnSync('sqlite3', [...(bail ? ['-bail'] : []), path], { input: text, encoding: 'utf8' })
      assert.notEqual(ran.status, bail ? 0 : undefined, ran.stderr)
      assert.match(ran.stdout, /check failed: index "ux_artist_born" on "artist" was not made by the migrations/)
      assert.match(ran.stdout, /check failed: trigger "artist_born" on "artist" was not made by the migrations/)
      assert.match(ran.stderr, /this migration failed its checks/)
      assert.deepEqual(state(path), before, `${bail ? '' : 'no '}-bail`)
    }
  })

  test('an index and a trigger the migrations made, named past ASCII in capitals: kept, as SQLite matches names', async () => {
    // SQLite's lower() folds ASCII letters only: a name lowered in JavaScript ('ix_ärger') never equalled the
    // database's lowered one ('ix_Ärger'), so an index the migrations made was taken for one made by hand.
    const setup =
      "CREATE TABLE Künstler (id INTEGER PRIMARY KEY, name TEXT, born INT); INSERT INTO Künstler VALUES (1, 'AC/DC', 1973); " +
      'CREATE INDEX IX_ÄRGER ON Künstler (born); CREATE TRIGGER TR_ÜBER AFTER UPDATE ON Künstler BEGIN SELECT 1; END;'
    const text = await offlineScript(setup, [{ ...DROP_NAME, table: 'Künstler', ops: [{ ...DROP_NAME.ops[0]!, table: 'Künstler' }] }])
    const path = fileWith(dir, setup)
    const ran = spawnSync('sqlite3', ['-bail', path], { input: text, encoding: 'utf8' })
    assert.equal(ran.status, 0, ran.stdout + ran.stderr)
    const db = new Database(path, { readonly: true })
    const objects = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name").all()
    const columns = db.prepare("SELECT name FROM pragma_table_info('Künstler')").all()
    db.close()
    assert.deepEqual(objects, [{ name: 'IX_ÄRGER' }, { name: 'TR_ÜBER' }])
    assert.deepEqual(columns, [{ name: 'id' }, { name: 'born' }])
  })

  test('with every trigger and view still compiling, the script drops the column and leaves no probe behind', async () => {
    const setup = `${ARTIST} CREATE VIEW v_born AS SELECT id, born FROM artist;`
    const text = await offlineScript(setup, [DROP_NAME])
    const path = fileWith(dir, setup)
    const ran = spawnSync('sqlite3', ['-bail', path], { input: text, encoding: 'utf8' })
    assert.equal(ran.status, 0, ran.stderr)
    const db = new Database(path, { readonly: true })
    const columns = (db.prepare("SELECT name FROM pragma_table_info('artist')").all() as { name: string }[]).map((c) => c.name)
    const objects = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%athanor%'").all()
    const view = db.prepare('SELECT * FROM v_born').all()
    db.close()
    assert.deepEqual(columns, ['id', 'born'])
    assert.deepEqual(objects, [])
    assert.deepEqual(view, [{ id: 1, born: 1973 }])
  })
})
