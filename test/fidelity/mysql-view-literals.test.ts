// MySQL stores a view's text with every table qualified by the database's
// name, which pull removes so the view can be made in another database. It
// removed it from string literals too: a view selecting the text
// 'see `db`.`t`' returned 'see `t`' once rebuilt, and check was clean.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli } from '../helpers/cli.js'

describe("mysql: a view's string literal that spells a qualified name", () => {
  const project = usePulledProject('mysql', ['CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(50))', "INSERT INTO t VALUES (1, 'x')"])

  test('keeps it; only the names the server qualified lose the database', async () => {
    const { source, rebuilt, ws } = project()
    const spelled = `see \`${source.name}\`.\`t\` and "${source.name}".t, it''s \\\\ here`
    await source.query(`CREATE VIEW v1 AS SELECT id, '${spelled}' AS s, note FROM \`${source.name}\`.t`)
    const { models } = await pullAndRebuild(project())
    assert.ok(models.includes(source.name), 'the literal keeps the name')
    await rebuilt.query("INSERT INTO t VALUES (1, 'x')")
    const rows = await source.query('SELECT * FROM v1')
    assert.deepEqual(await rebuilt.query('SELECT * FROM v1'), rows)
    assert.equal(rows[0]?.['s'], `see \`${source.name}\`.\`t\` and "${source.name}".t, it's \\ here`)
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})

// A default drawing from a sequence came qualified with the source's
// database, and the rebuilt table kept drawing from the source's sequence.
// The default is pulled without the database's name: the rebuilt table draws
// from its own database's sequence, made from the models too.
describe('mysql: a column default drawing from a sequence', () => {
  const project = usePulledProject('mysql', [
    'CREATE SEQUENCE s1',
    'CREATE TABLE u (id INT NOT NULL DEFAULT NEXTVAL(s1) PRIMARY KEY, x INT)',
  ])

  test('never points at the source, and check is clean on both', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(printed, /not represented/)
    assert.ok(!models.includes(source.name) && /nextval\(`s1`\)/.test(models), models)
    assert.deepEqual(
      await rebuilt.query(
        'SELECT COLUMN_DEFAULT AS d FROM information_schema.COLUMNS ' +
          "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'u' AND COLUMN_NAME = 'id'",
      ),
      [{ d: `nextval(\`${rebuilt.name}\`.\`s1\`)` }],
    )
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await rebuilt.query('INSERT INTO u (x) VALUES (1)')
    assert.deepEqual(await source.query('SELECT NEXTVAL(s1) AS n'), [{ n: 1 }])
  })
})

// SHOW CREATE gives a routine made under ANSI_QUOTES with its names in
// double quotes, which a migration's session reads as strings: upgrade
// failed with a syntax error. Pull now backquotes them.
describe('mysql: a routine and a trigger made under ANSI_QUOTES', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(20))',
    "SET SESSION sql_mode = 'ANSI_QUOTES'",
    `CREATE FUNCTION "f1"(x INT) RETURNS INT DETERMINISTIC RETURN x + LENGTH('a"b')`,
    `CREATE TRIGGER "t_note" BEFORE INSERT ON "t" FOR EACH ROW SET NEW."note" = CONCAT('"', NEW."note")`,
    'SET SESSION sql_mode = DEFAULT',
  ])

  test('are rebuilt with their names backquoted, and behave the same', async () => {
    const { source, rebuilt, ws } = project()
    await pullAndRebuild(project())
    assert.deepEqual(await rebuilt.query('SELECT f1(1) AS n'), await source.query('SELECT f1(1) AS n'))
    await rebuilt.query("INSERT INTO t VALUES (1, 'x')")
    assert.deepEqual(await rebuilt.query('SELECT note FROM t'), [{ note: '"x' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
