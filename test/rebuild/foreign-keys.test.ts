import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { isAthanorError } from '../../src/core/errors.js'
import { sqliteDialect } from '../../src/dialect/sqlite/dialect.js'
import type { Operation } from '../../src/ops/operation.js'
import { LiveExecutor } from '../../src/runtime/live-executor.js'
import { migrate, openDb } from './helpers.js'
import { blogSchema, type ChildAction, databaseState, REBUILDS, type RebuildCase } from './blog.js'

// Every way a parent table's children can refer to it, with and without an
// index on the child's column, against each way a rebuild of the parent can
// end: the children's rows are never touched, and a failed rebuild leaves
// schema and rows exactly as they were.

const dir = mkdtempSync(join(tmpdir(), 'athanor-fk-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const ACTIONS: readonly ChildAction[] = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']

describe('rebuilding a parent table keeps its children, with foreign keys enforced', () => {
  for (const action of ACTIONS) {
    for (const indexed of [true, false]) {
      for (const rebuild of REBUILDS) {
        const name = `ON DELETE ${action}, child column ${indexed ? 'indexed' : 'not indexed'}: ${rebuild.name}`
        test(name, async () => {
          const path = join(dir, `matrix${++n}.sqlite`)
          const { connection, executor, inspect } = openDb(path, blogSchema({ action, indexed, breaks: rebuild.breaks }))
          const before = databaseState(inspect())
          const outcome = await migrate(executor, rebuild.ops).then(
            () => undefined,
            (error: unknown) => error,
          )
          assert.deepEqual(await connection.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }], 'enforcement is back on')
          await connection.close()
          const after = databaseState(inspect())
          assert.equal(after.integrity, 'ok')
          assert.deepEqual(after.violations, [])
          assert.deepEqual(after.rows, before.rows, "every table's rows, by checksum")
          assert.deepEqual(after.foreignKeys.post_tags, before.foreignKeys.post_tags)
          assert.deepEqual(after.foreignKeys.comments, before.foreignKeys.comments)
          if (rebuild.breaks === undefined) {
            assert.equal(outcome, undefined)
            assert.notDeepEqual(after.schema, before.schema)
            rebuild.check?.(after)
          } else {
            assertFailure(outcome, rebuild)
            assert.deepEqual(after.schema, before.schema, 'the schema is as it was')
          }
        })
      }
    }
  }
})

function assertFailure(outcome: unknown, rebuild: RebuildCase): void {
  assert.ok(isAthanorError(outcome), String(outcome))
  assert.ok(['SQLITE_REBUILD_FAILED', 'FOREIGN_KEY_VIOLATION'].includes(outcome.code), outcome.message)
  assert.match(outcome.message, /"posts"/)
  assert.match(outcome.message, rebuild.message!)
  assert.match(outcome.message, /row \(/)
  assert.doesNotMatch(outcome.message, /\n/)
}

describe('tables of every kind rebuild with their rows, keys and definitions', () => {
  const rebuildOf = async (setup: string, op: Operation, progress?: (done: number, total: number) => void) => {
    const path = join(dir, `kind${++n}.sqlite`)
    const { connection, inspect } = openDb(path, setup)
    const executor = new LiveExecutor(connection, sqliteDialect, 'athanor_version', {
      events: progress === undefined ? {} : { progress: (_label, done, total) => progress(done, total) },
    })
    const raw = inspect()
    const before = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    const rows = Object.fromEntries(before.map(({ name }) => [name, tableDigest(raw, name)]))
    raw.close()
    await migrate(executor, [op])
    await connection.close()
    const db = inspect()
    for (const { name } of before) assert.deepEqual(tableDigest(db, name), rows[name], `rows of ${name}`)
    assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok')
    assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [])
    return db
  }

  test('WITHOUT ROWID, over 100,000 rows, with progress shown', async () => {
    const seen: number[] = []
    const db = await rebuildOf(
      `CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
       WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 120000) INSERT INTO kv SELECT 'k' || x, hex(x) FROM i;`,
      { kind: 'alter_column', table: 'kv', column: 'v', changes: { nullable: false } },
      (done) => seen.push(done),
    )
    assert.match(tableSql(db, 'kv'), /WITHOUT ROWID/)
    assert.deepEqual(seen, [120000])
    db.close()
  })

  test('STRICT, with generated columns, stored and virtual', async () => {
    const db = await rebuildOf(
      `CREATE TABLE item (
         id INTEGER PRIMARY KEY, price INTEGER NOT NULL, qty INTEGER,
         total INTEGER GENERATED ALWAYS AS (price * qty) STORED,
         label TEXT GENERATED ALWAYS AS ('#' || id) VIRTUAL
       ) STRICT;
       INSERT INTO item (price, qty) VALUES (3, 4), (5, 6), (7, 1);`,
      { kind: 'alter_column', table: 'item', column: 'qty', changes: { nullable: false } },
    )
    const sql = tableSql(db, 'item')
    assert.match(sql, /\)\s*STRICT$/)
    assert.match(sql, /GENERATED ALWAYS AS \(price \* qty\) STORED/)
    assert.deepEqual(db.prepare('SELECT total, label FROM item ORDER BY id').raw().all(), [
      [12, '#1'],
      [30, '#2'],
      [7, '#3'],
    ])
    db.close()
  })

  test('a table that refers to itself, ON DELETE CASCADE', async () => {
    const db = await rebuildOf(
      `CREATE TABLE node (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES node (id) ON DELETE CASCADE, name TEXT);
       INSERT INTO node VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 2, 'b'), (4, 1, 'c');`,
      { kind: 'alter_column', table: 'node', column: 'name', changes: { nullable: false } },
    )
    assert.deepEqual(db.prepare('SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(\'node\')').raw().all(), [
      ['node', 'parent_id', 'id', 'CASCADE'],
    ])
    db.close()
  })

  test('views and triggers that name the table, in it and in others, keep working', async () => {
    const db = await rebuildOf(
      `CREATE TABLE p (id INTEGER PRIMARY KEY, v TEXT);
       CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);
       CREATE TABLE log (what TEXT);
       CREATE VIEW pv AS SELECT p.v, count(c.id) AS n FROM p LEFT JOIN c ON c.p_id = p.id GROUP BY p.id;
       CREATE TRIGGER tp AFTER UPDATE ON p BEGIN INSERT INTO log VALUES ('p ' || new.id); END;
       CREATE TRIGGER tc AFTER INSERT ON c BEGIN UPDATE p SET v = v || '+' WHERE id = new.p_id; END;
       INSERT INTO p VALUES (1, 'a'), (2, 'b'); INSERT INTO c (p_id) VALUES (1), (1), (2);`,
      { kind: 'alter_column', table: 'p', column: 'v', changes: { nullable: false } },
    )
    db.close()
    const rw = new Database(join(dir, `kind${n}.sqlite`))
    rw.exec('INSERT INTO c (p_id) VALUES (2)')
    assert.deepEqual(rw.prepare('SELECT v, n FROM pv ORDER BY v').raw().all(), [
      ['a++', 2],
      ['b++', 2],
    ])
    // Three updates by tc while the rows went in, one after the rebuild.
    assert.deepEqual(rw.prepare('SELECT what FROM log').raw().all(), [['p 1'], ['p 1'], ['p 2'], ['p 2']])
    rw.close()
  })
})

function tableDigest(db: Database.Database, table: string): string {
  const withRowid = !/WITHOUT ROWID/i.test(tableSql(db, table))
  const rows = db
    .prepare(`SELECT ${withRowid ? 'rowid AS _r, ' : ''}* FROM "${table}" ORDER BY ${withRowid ? 'rowid' : '1'}`)
    .raw()
    .all()
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex')
}

function tableSql(db: Database.Database, table: string): string {
  return (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(table) as { sql: string }).sql
}

test('outside a transaction (a transactional = false script) a rebuild isolates itself', async () => {
  const path = join(dir, `autocommit${++n}.sqlite`)
  const { connection, executor, inspect } = openDb(path, blogSchema({ action: 'CASCADE', indexed: false }))
  const before = databaseState(inspect())
  assert.equal(connection.inTransaction, false)
  await executor.run({ kind: 'alter_column', table: 'posts', column: 'body', changes: { nullable: false } })
  assert.deepEqual(await connection.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }])
  await connection.close()
  const after = databaseState(inspect())
  assert.deepEqual(after.rows, before.rows)
  assert.deepEqual(after.violations, [])
  assert.match(after.schema.find((sql) => sql.startsWith('CREATE TABLE "posts"')) ?? '', /"?body"? TEXT NOT NULL/)
})
