import assert from 'node:assert/strict'
import { sqliteDialect } from '../../src/dialect/sqlite/dialect.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import type { BatchOperation, Operation } from '../../src/ops/operation.js'
import { fingerprint, migrate, openDb, schemaOf } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'athanor-rebuild-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

const SCHEMA = `
  CREATE TABLE org (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE, CONSTRAINT uq_org_name UNIQUE (name));
  CREATE TABLE member (
    id INTEGER PRIMARY KEY,
    org_id INTEGER REFERENCES org (id),
    email TEXT,
    score INTEGER DEFAULT 0,
    CONSTRAINT ck_score CHECK (score >= 0)
  );
  CREATE INDEX ix_member_email ON member (email DESC);
  CREATE INDEX ix_member_lower ON member (lower(email)) WHERE email IS NOT NULL;
  CREATE VIEW member_view AS SELECT m.email, o.name FROM member m JOIN org o ON o.id = m.org_id;
  CREATE TABLE audit (what TEXT);
  CREATE TRIGGER tr_member AFTER INSERT ON member BEGIN INSERT INTO audit VALUES ('member ' || new.id); END;
  CREATE TRIGGER tr_org AFTER DELETE ON org BEGIN INSERT INTO audit VALUES ('org ' || old.id); END;
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 60) INSERT INTO org (name) SELECT 'org' || i FROM k;
  DELETE FROM org WHERE id > 50;
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 2000)
    INSERT INTO member (org_id, email, score) SELECT 1 + i % 50, CASE WHEN i % 7 = 0 THEN NULL ELSE 'u' || i || '@x' END, i % 13 FROM k;
`
const MEMBER = ['id', 'org_id', 'email', 'score']
const ORG = ['id', 'name']

function fresh(setup = SCHEMA) {
  return openDb(join(dir, `db${++n}.sqlite`), setup)
}

/** The schema entries other than `table`'s own definition, which a rebuild must leave as they were. */
function others(rows: ReturnType<typeof schemaOf>, except: string) {
  return rows.filter((r) => !(r.type === 'table' && r.name === except))
}

const batch = (table: string, ops: BatchOperation[], recreate: 'auto' | 'always' | 'never' = 'auto'): Operation => ({
  kind: 'batch_alter_table',
  table,
  ops,
  recreate,
})

describe('sqlite rebuild keeps every row, index, trigger, view and key', () => {
  const kinds: [string, string, Operation, readonly string[]][] = [
    ['column type', 'member', { kind: 'alter_column', table: 'member', column: 'score', changes: { type: { kind: 'bigint' } } }, MEMBER],
    [
      'column default',
      'member',
      { kind: 'alter_column', table: 'member', column: 'score', changes: { serverDefault: { kind: 'literal', value: 5 } } },
      MEMBER,
    ],
    ['nullability', 'member', { kind: 'alter_column', table: 'member', column: 'org_id', changes: { nullable: false } }, MEMBER],
    [
      'unique constraint',
      'member',
      { kind: 'create_unique_constraint', table: 'member', constraint: { name: 'uq_member_email', columns: ['email'] } },
      MEMBER,
    ],
    [
      'check constraint',
      'member',
      { kind: 'create_check_constraint', table: 'member', constraint: { name: 'ck_email', expression: "email LIKE '%@%'" } },
      MEMBER,
    ],
    [
      'foreign key',
      'member',
      {
        kind: 'create_foreign_key',
        table: 'member',
        constraint: { name: 'fk_member_org', columns: ['org_id'], referredTable: 'org', referredColumns: ['id'], onDelete: 'SET NULL' },
      },
      MEMBER,
    ],
    ['drop named constraint', 'member', { kind: 'drop_constraint', table: 'member', name: 'ck_score', type: 'check' }, MEMBER],
    [
      'column with a non-constant default',
      'member',
      {
        kind: 'add_column',
        table: 'member',
        column: { name: 'joined', type: { kind: 'timestamp' }, serverDefault: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
      },
      MEMBER,
    ],
    [
      'referenced table (children kept)',
      'org',
      { kind: 'alter_column', table: 'org', column: 'name', changes: { type: { kind: 'string', length: 80 } } },
      ORG,
    ],
    ['recreate always', 'org', batch('org', [], 'always'), ORG],
  ]
  for (const [label, table, op, columns] of kinds) {
    test(label, async () => {
      const { executor, notes, inspect, connection } = fresh()
      const db0 = inspect()
      const before = {
        rows: fingerprint(db0, table, columns),
        member: fingerprint(db0, 'member', MEMBER),
        schema: others(schemaOf(db0), table),
        seq: db0.prepare('SELECT * FROM sqlite_sequence').all(),
      }
      db0.close()
      await migrate(executor, [op])
      await connection.close()
      const db = inspect()
      assert.deepEqual(fingerprint(db, table, columns), before.rows)
      assert.deepEqual(fingerprint(db, 'member', MEMBER), before.member)
      assert.deepEqual(others(schemaOf(db), table), before.schema)
      assert.deepEqual(db.prepare('SELECT * FROM sqlite_sequence').all(), before.seq)
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [])
      assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok')
      assert.equal(notes.length, 1)
      assert.match(notes[0]!, new RegExp(`^SQLite: rebuilt table "${table}" \\(`))
      db.close()
    })
  }

  test('the new definition carries the change and keeps what it does not touch', async () => {
    const { executor, inspect, connection } = fresh()
    await migrate(executor, [
      batch('member', [
        {
          kind: 'alter_column',
          table: 'member',
          column: 'email',
          changes: { newName: 'mail', nullable: true, type: { kind: 'string', length: 200 } },
        },
        { kind: 'create_unique_constraint', table: 'member', constraint: { columns: ['mail', 'org_id'] } },
        { kind: 'drop_index', table: 'member', name: 'ix_member_email' },
      ]),
    ])
    await connection.close()
    const db = inspect()
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'member'").get() as { sql: string }).sql
    assert.match(sql, /"mail" VARCHAR\(200\)/)
    assert.match(sql, /REFERENCES org \(id\)/)
    assert.match(sql, /CONSTRAINT ck_score CHECK \(score >= 0\)/)
    assert.match(sql, /UNIQUE \("mail", "org_id"\)/)
    const objects = schemaOf(db).map((r) => `${r.type} ${r.name}`)
    assert.ok(!objects.includes('index ix_member_email'))
    assert.ok(objects.includes('index ix_member_lower') && objects.includes('trigger tr_member') && objects.includes('view member_view'))
    assert.match((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'member_view'").get() as { sql: string }).sql, /m\."mail"/)
    // The trigger still fires on the new table.
    db.close()
    const { executor: again, inspect: look, connection: c2 } = openDb(join(dir, `db${n}.sqlite`), '')
    await migrate(again, [{ kind: 'execute', sql: "INSERT INTO member (org_id, mail) VALUES (1, 'new@x')" }])
    await c2.close()
    const db2 = look()
    assert.equal((db2.prepare("SELECT count(*) AS n FROM audit WHERE what = 'member 2001'").get() as { n: number }).n, 1)
    db2.close()
  })

  test('unnamed constraints are dropped by columns or by the naming convention', async () => {
    const { executor, inspect, connection } = fresh(
      `${SCHEMA}
      CREATE TABLE tag (id INTEGER PRIMARY KEY, member_id INTEGER, label TEXT, UNIQUE (label), ` +
        'FOREIGN KEY (member_id) REFERENCES member (id));',
    )
    await migrate(executor, [
      { kind: 'drop_constraint', table: 'tag', name: '', type: 'foreignkey', columns: ['member_id'] },
      { kind: 'drop_constraint', table: 'tag', name: 'uq_tag_label' },
      { kind: 'drop_constraint', table: 'member', name: 'fk_member_org_id_org', type: 'foreignkey' },
    ])
    await connection.close()
    const db = inspect()
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM pragma_foreign_key_list('tag')").get(), { n: 0 })
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM pragma_foreign_key_list('member')").get(), { n: 0 })
    assert.deepEqual(db.prepare("SELECT count(*) AS n FROM pragma_index_list('tag')").get(), { n: 0 })
    db.close()
  })

  test('an unknown constraint is an error listing what the table has', async () => {
    const { executor, connection } = fresh()
    await assert.rejects(
      migrate(executor, [{ kind: 'drop_constraint', table: 'member', name: 'nope' }]),
      (e) => isAthanorError(e, 'SQLITE_NO_SUCH_CONSTRAINT') && e.message.includes('"member"') && e.message.includes('ck_score'),
    )
    await connection.close()
  })
})

describe('a failed rebuild leaves the table exactly as it was', () => {
  const failures: [string, Operation, RegExp][] = [
    [
      'NOT NULL over NULLs',
      { kind: 'alter_column', table: 'member', column: 'email', changes: { nullable: false } },
      /NOT NULL constraint on "email" fails; e\.g\. row \(id=7, org_id=8, email=NULL, score=7\)/,
    ],
    [
      'UNIQUE over duplicates',
      { kind: 'create_unique_constraint', table: 'member', constraint: { name: 'uq_org', columns: ['org_id'] } },
      /UNIQUE constraint on \(org_id\) fails; e\.g\. row \(id=1, /,
    ],
    // Row 1995 breaks the check: the copy fails near its end, after most rows went across.
    [
      'a CHECK failing in the middle of the copy',
      { kind: 'create_check_constraint', table: 'member', constraint: { name: 'ck_id', expression: 'id <> 1995' } },
      /CHECK constraint ck_id fails; e\.g\. row \(id=1995, /,
    ],
    [
      'a foreign key the rows break',
      { kind: 'create_foreign_key', table: 'member', constraint: { columns: ['score'], referredTable: 'org', referredColumns: ['id'] } },
      // Checked once for the whole migration, before its COMMIT, with foreign keys off during it.
      new RegExp(
        '^a row of "member" refers to a missing row of "org"; ' +
          "e\\.g\\. row \\(id=13, org_id=14, email='u13@x', score=0\\); the migration was rolled back\\. " +
          'It ran with foreign keys off for its table rebuild, so ON DELETE and ON UPDATE actions did not fire',
      ),
    ],
  ]
  for (const [label, op, message] of failures) {
    test(label, async () => {
      const { executor, inspect, connection } = fresh()
      const db0 = inspect()
      const before = { rows: fingerprint(db0, 'member', MEMBER), schema: schemaOf(db0) }
      db0.close()
      await assert.rejects(migrate(executor, [op]), (e) => {
        assert.ok(isAthanorError(e, 'SQLITE_REBUILD_FAILED') || isAthanorError(e, 'FOREIGN_KEY_VIOLATION'), String(e))
        if (isAthanorError(e, 'SQLITE_REBUILD_FAILED')) assert.match(e.message, /^rebuilding table "member" failed: /)
        assert.match(e.message, message)
        assert.ok(!e.message.includes('\n'))
        return true
      })
      await connection.close()
      const db = inspect()
      assert.deepEqual(fingerprint(db, 'member', MEMBER), before.rows)
      assert.deepEqual(schemaOf(db), before.schema)
      db.close()
    })
  }

  test('a row is named for a unique that fails only under the collation the column takes, and for a named check it had', async () => {
    const setup = `${SCHEMA} UPDATE member SET email = 'U2@x' WHERE id = 3;`
    const collated = batch('member', [
      { kind: 'alter_column', table: 'member', column: 'email', changes: { collation: 'NOCASE' } },
      { kind: 'create_unique_constraint', table: 'member', constraint: { name: 'uq_email', columns: ['email'] } },
    ])
    const nocase = fresh(setup)
    await assert.rejects(migrate(nocase.executor, [collated]), /UNIQUE constraint on \(email\) fails; e\.g\. row \(id=2, /)
    await nocase.connection.close()
    // ck_score was the table's already: a row written past it (checks ignored), a rebuild copying the rows meets it.
    const stricter = fresh(`${SCHEMA} PRAGMA ignore_check_constraints = ON; UPDATE member SET score = -1 WHERE id = 5;
      PRAGMA ignore_check_constraints = OFF;`)
    await assert.rejects(
      migrate(stricter.executor, [
        { kind: 'alter_column', table: 'member', column: 'email', changes: { nullable: true, type: { kind: 'text' } } },
      ]),
      /CHECK constraint ck_score fails; e\.g\. row \(id=5, /,
    )
    await stricter.connection.close()
  })

  test('children with ON DELETE CASCADE keep every row: the rebuild runs with foreign keys off, then they are on again', async () => {
    const setup = `${SCHEMA} CREATE TABLE badge (id INTEGER PRIMARY KEY, member_id INTEGER REFERENCES member (id) ON DELETE CASCADE);
      INSERT INTO badge (member_id) SELECT id FROM member WHERE id % 3 = 0;`
    const { executor, inspect, connection } = fresh(setup)
    const op: Operation = { kind: 'alter_column', table: 'member', column: 'score', changes: { nullable: false } }
    const db0 = inspect()
    const badges = fingerprint(db0, 'badge', ['id', 'member_id'])
    db0.close()
    await migrate(executor, [op])
    assert.deepEqual(await connection.query('PRAGMA foreign_keys'), [{ foreign_keys: 1 }])
    await connection.close()
    const db = inspect()
    assert.deepEqual(fingerprint(db, 'badge', ['id', 'member_id']), badges)
    assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), [])
    db.close()
  })
})

test('a large table reports progress: rows copied of total', async () => {
  const { connection, inspect } = fresh(`CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 250000) INSERT INTO big (v) SELECT hex(i) FROM k;`)
  const seen: [number, number][] = []
  const { LiveExecutor } = await import('../../src/runtime/live-executor.js')
  const executor = new LiveExecutor(connection, sqliteDialect, 'athanor_version', {
    events: { progress: (_label, done, total) => seen.push([done, total]) },
  })
  const db0 = inspect()
  const before = fingerprint(db0, 'big', ['id', 'v'])
  db0.close()
  await migrate(executor, [{ kind: 'alter_column', table: 'big', column: 'v', changes: { nullable: false } }])
  await connection.close()
  assert.deepEqual(seen, [
    [100000, 250000],
    [200000, 250000],
    [250000, 250000],
  ])
  const db = inspect()
  assert.deepEqual(fingerprint(db, 'big', ['id', 'v']), before)
  db.close()
})

describe('a column named rowid, _rowid_ or oid does not stand for the row id of a copy in chunks', () => {
  const chunked = async (setup: string, columns: readonly string[]) => {
    // 100,010 rows: two chunks; the first ten have NULL in the columns named like the rowid.
    const values = columns.map((c) => (c === 'v' ? "'v' || i" : 'CASE WHEN i <= 10 THEN NULL ELSE i END')).join(', ')
    const { connection, inspect } = fresh(
      `${setup}; WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100010)
       INSERT INTO t (${columns.join(', ')}) SELECT ${values} FROM k;`,
    )
    const seen: number[] = []
    const { LiveExecutor } = await import('../../src/runtime/live-executor.js')
    const executor = new LiveExecutor(connection, sqliteDialect, 'athanor_version', { events: { progress: (_l, done) => seen.push(done) } })
    const db0 = inspect()
    const before = db0.prepare('SELECT count(*) AS n, sum(_rowid_ * length(v)) AS d FROM t').get()
    db0.close()
    await migrate(executor, [
      batch('t', [{ kind: 'alter_column', table: 't', column: 'v', changes: { type: { kind: 'string', length: 50 } } }]),
    ])
    await connection.close()
    const db = inspect()
    assert.deepEqual(db.prepare('SELECT count(*) AS n, sum(_rowid_ * length(v)) AS d FROM t').get(), before)
    db.close()
    return seen
  }

  test('beside an INTEGER PRIMARY KEY, rows whose "rowid" is NULL are copied', async () => {
    assert.deepEqual(await chunked('CREATE TABLE t (id INTEGER PRIMARY KEY, rowid INT, v TEXT)', ['rowid', 'v']), [100000, 100010])
  })

  test('without a rowid alias, the copy goes by _rowid_ and keeps each row its id', async () => {
    assert.deepEqual(await chunked('CREATE TABLE t (rowid TEXT, v TEXT)', ['rowid', 'v']), [100000, 100010])
  })

  test('with all three names taken, the rows are copied in one statement', async () => {
    const seen = await chunked('CREATE TABLE t (rowid TEXT, _rowid_ TEXT, oid TEXT, v TEXT)', ['rowid', '_rowid_', 'oid', 'v'])
    assert.deepEqual(seen, [100010])
  })
})

describe("the table's own ON CONFLICT IGNORE or REPLACE does not drop rows of a rebuild's copy", () => {
  const refused: [string, string, Operation, RegExp][] = [
    [
      'a UNIQUE ON CONFLICT IGNORE column made NOCASE',
      `CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT UNIQUE ON CONFLICT IGNORE, code TEXT);
       INSERT INTO tag VALUES (1, 'red', 'a'), (2, 'Red', 'b'), (3, 'RED', 'c'), (4, 'blue', 'd');`,
      { kind: 'alter_column', table: 'tag', column: 'name', changes: { type: { kind: 'text' }, collation: 'NOCASE' } },
      /^rebuilding table "tag" failed: UNIQUE constraint on \(name\) fails; e\.g\. row \(id=1, name='red', code='a'\); the table is/,
    ],
    [
      'a TEXT PRIMARY KEY ON CONFLICT REPLACE made INTEGER',
      `CREATE TABLE tag (k TEXT PRIMARY KEY ON CONFLICT REPLACE, v TEXT);
       INSERT INTO tag VALUES ('1', 'one'), ('01', 'zero-one'), ('1.0', 'one-point-oh');`,
      { kind: 'alter_column', table: 'tag', column: 'k', changes: { type: { kind: 'integer' } } },
      /^rebuilding table "tag" failed: UNIQUE constraint on \(k\) fails.*; the table is unchanged$/,
    ],
  ]
  for (const [label, setup, op, message] of refused) {
    test(label, async () => {
      const { executor, inspect, connection } = fresh(setup)
      const db0 = inspect()
      const before = { rows: db0.prepare('SELECT * FROM tag ORDER BY rowid').all(), schema: schemaOf(db0) }
      db0.close()
      await assert.rejects(migrate(executor, [op]), (e) => isAthanorError(e, 'SQLITE_REBUILD_FAILED') && message.test(e.message))
      await connection.close()
      const db = inspect()
      assert.deepEqual(db.prepare('SELECT * FROM tag ORDER BY rowid').all(), before.rows)
      assert.deepEqual(schemaOf(db), before.schema)
      db.close()
    })
  }
})

describe('a rebuild that drops a column refuses the triggers and views that still use it', () => {
  const ARTIST = `CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT, CONSTRAINT name_len CHECK (length(name) > 0));
    CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INT REFERENCES artist (id), title TEXT);
    INSERT INTO artist VALUES (1, 'AC/DC'); INSERT INTO album VALUES (1, 1, 'x');`
  const users: [string, string, RegExp][] = [
    [
      'a trigger on the table',
      "CREATE TRIGGER artist_ins BEFORE INSERT ON artist WHEN NEW.name IS NULL BEGIN SELECT RAISE(ABORT, 'name required'); END;",
      /^rebuilding table "artist" failed: error in trigger artist_ins: no such column: NEW\.name; the table is unchanged$/,
    ],
    [
      'a trigger on another table that writes it',
      "CREATE TRIGGER album_ins AFTER INSERT ON album BEGIN UPDATE artist SET name = name || '*' WHERE id = NEW.artist_id; END;",
      /^rebuilding table "artist" failed: error in trigger album_ins: no such column: name; the table is unchanged$/,
    ],
    [
      'a view that reads it',
      'CREATE VIEW v_artist AS SELECT id, name FROM artist;',
      /^rebuilding table "artist" failed: error in view v_artist: no such column: name; the table is unchanged$/,
    ],
  ]
  for (const [label, user, message] of users) {
    test(label, async () => {
      const { executor, inspect, connection } = fresh(`${ARTIST} ${user}`)
      const db0 = inspect()
      const before = { rows: fingerprint(db0, 'artist', ['id', 'name']), schema: schemaOf(db0) }
      db0.close()
      const drop = batch('artist', [{ kind: 'drop_column', table: 'artist', column: 'name' }], 'always')
      await assert.rejects(migrate(executor, [drop]), (e) => isAthanorError(e, 'SQLITE_REBUILD_FAILED') && message.test(e.message))
      await connection.close()
      const db = inspect()
      assert.deepEqual(fingerprint(db, 'artist', ['id', 'name']), before.rows)
      assert.deepEqual(schemaOf(db), before.schema)
      db.close()
    })
  }
})
