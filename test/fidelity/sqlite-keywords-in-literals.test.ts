// SQLite's CREATE TABLE and CREATE INDEX text is read for what its pragmas
// leave out, and that reading looked for keywords in strings and quoted
// names too: a default 'AS (1)' made a generated column, 'x COLLATE NOCASE'
// a collation, 'AUTOINCREMENT' an AUTOINCREMENT key, a column named
// "x CHECK (0)" a CHECK that refused every row, and a comma or parenthesis
// in an index expression's string cut the expression apart. Two foreign
// keys on one column shared one name and one deferral. Keywords are now
// looked for outside strings and names, and a key's facts go with the
// table it refers to. A name in [brackets] holding a parenthesis no longer
// ends a CHECK or a generated column's expression early.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('sqlite: keywords inside strings and quoted names', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE a (id INTEGER PRIMARY KEY)',
    'CREATE TABLE b (id INTEGER PRIMARY KEY)',
    "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT ('CHECK (' || 'x)'), " +
      "g TEXT GENERATED ALWAYS AS ('CHECK(' || a || ')') VIRTUAL, " +
      "\"x CHECK (0)\" INT, s TEXT DEFAULT 'AS (1)', c TEXT DEFAULT 'x COLLATE NOCASE', n TEXT DEFAULT 'AUTOINCREMENT', " +
      "k TEXT DEFAULT 'CONSTRAINT pk_x PRIMARY KEY', pid INT DEFAULT 'INITIALLY DEFERRED' REFERENCES a (id))",
    'CREATE TABLE two (id INTEGER PRIMARY KEY, x INT, CONSTRAINT fa FOREIGN KEY (x) REFERENCES a (id) DEFERRABLE INITIALLY DEFERRED, ' +
      'CONSTRAINT fb FOREIGN KEY (x) REFERENCES b (id))',
    "CREATE INDEX t_paren ON t (coalesce(a, ')'), s)",
    "CREATE INDEX t_comma ON t ('a,b' || a)",
    "CREATE INDEX t_desc ON t (a || ',', s DESC)",
    // A bracketed name holding a parenthesis, in a CHECK and a generated column.
    'CREATE TABLE br (id INTEGER PRIMARY KEY, [a(b] INT CHECK ([a(b] > 0), g INT GENERATED ALWAYS AS ([a(b] + 1))',
  ])
  const definitions = "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL ORDER BY name"

  test('are read as text, and the rebuilt database behaves as the source', async () => {
    const { source, rebuilt, ws } = project()
    await pullAndRebuild(project())
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const sql = new Map((await rebuilt.query(definitions)).map((row) => [row['name'], String(row['sql'])]))
    const outsideStrings = sql
      .get('t')!
      .replaceAll(/'[^']*'/g, "''")
      .replace('"x CHECK (0)"', '')
    assert.doesNotMatch(outsideStrings, /CHECK|AUTOINCREMENT|CONSTRAINT "?pk_x|COLLATE|GENERATED ALWAYS AS \(1\)|DEFERRABLE/)
    assert.match(sql.get('t_paren')!, /coalesce\(a, '\)'\)/)
    assert.match(sql.get('t_comma')!, /'a,b' \|\| a/)
    assert.match(sql.get('t_desc')!, /\(a \|\| ','\), \(s\) DESC/)
    assert.match(sql.get('two')!, /CONSTRAINT "fa" FOREIGN KEY \("x"\) REFERENCES "a" \("id"\) DEFERRABLE INITIALLY DEFERRED/)
    assert.match(sql.get('two')!, /CONSTRAINT "fb" FOREIGN KEY \("x"\) REFERENCES "b" \("id"\)(?! DEFERRABLE)/)
    for (const db of [source, rebuilt]) {
      await db.query("INSERT INTO t (id, a, pid) VALUES (1, 'z', NULL)")
      await db.query("INSERT INTO t (id, a, c, pid) VALUES (2, 'y', 'X', NULL)")
    }
    const row = 'SELECT a, g, s, c, n, k, pid FROM t ORDER BY id'
    assert.deepEqual(await rebuilt.query(row), await source.query(row))
    const folded = "SELECT count(*) AS n FROM t WHERE c = 'x'"
    assert.deepEqual(await rebuilt.query(folded), await source.query(folded))
    await rebuilt.query('INSERT INTO br (id, "a(b") VALUES (1, 4)')
    assert.deepEqual(await rebuilt.query('SELECT g FROM br'), [{ g: 5 }])
    await assert.rejects(rebuilt.query('INSERT INTO br (id, "a(b") VALUES (2, -1)'), /CHECK constraint failed/)
  })
})

describe('sqlite: a foreign key named in its column', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE p (x INTEGER PRIMARY KEY)',
    'CREATE TABLE c (id INTEGER PRIMARY KEY, px INT CONSTRAINT fk_col REFERENCES p (x) ON DELETE CASCADE)',
  ])

  test('keeps its name', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /foreignKey\(\['px'\], 'p', \['x'\], \{ name: 'fk_col', onDelete: 'CASCADE' \}\)/)
    const [{ sql }] = (await rebuilt.query("SELECT sql FROM sqlite_master WHERE name = 'c'")) as [{ sql: string }]
    assert.match(sql, /CONSTRAINT "fk_col" FOREIGN KEY \("px"\)/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})
