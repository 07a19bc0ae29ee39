// MySQL's AUTO_INCREMENT was compared nowhere: a model that added or
// dropped it made no migration, and a database that had lost it (an
// INSERT without the key then fails) passed check.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'
const EXTRA =
  "SELECT EXTRA AS e FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND COLUMN_NAME = 'id'"

describe('mysql: AUTO_INCREMENT added and dropped', () => {
  const project = usePulledProject('mysql', ['CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))'])

  test('is a column change both ways, and check sees a database that lost it', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /\.autoincrement\(\)/)
    await rebuilt.query("INSERT INTO t (v) VALUES ('a')")
    await rebuilt.query('ALTER TABLE t MODIFY id INT NOT NULL')
    assert.match((await cli([...ws.base, 'check'])).stdout, /alter column t\.id/)
    await rebuilt.query('ALTER TABLE t MODIFY id INT NOT NULL AUTO_INCREMENT')
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    writeFileSync(ws.models, models.replace('.autoincrement()', ''))
    const made = await cliOk([...ws.base, 'migrate', '-m', 'numbered by hand'])
    assert.match(made.stdout + made.stderr, /alter column t\.id/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rebuilt.query(EXTRA), [{ e: '' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(EXTRA), [{ e: 'auto_increment' }])
    await rebuilt.query("INSERT INTO t (v) VALUES ('b')")
    assert.deepEqual(await rebuilt.query('SELECT id FROM t ORDER BY id'), [{ id: 1 }, { id: 2 }])
  })
})

describe('mysql: AUTO_INCREMENT on a column that leads no key', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('is refused at migrate, naming the table and column, as InnoDB would refuse it at upgrade', async () => {
    await assert.rejects(db.query('CREATE TABLE probe (a INT NOT NULL, b INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (a, b))'))
    writeFileSync(
      ws.models,
      "import { col, defineModels, table } from 'athanor'\n" +
        "export const t2 = table('t2', { a: col.integer().notNull(), b: col.integer().notNull().autoincrement() }, " +
        "{ primaryKey: { columns: ['a', 'b'] } })\n" +
        'export default defineModels(t2)\n',
    )
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_AUTOINCREMENT' }, '"t2"', '"b"', 'leads no key')
  })
})

// The new column was added AUTO_INCREMENT while the key still had it: the
// upgrade failed at its first statement, outside a transaction.
describe('mysql: AUTO_INCREMENT moved from the key to a new column', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)
  const models = (columns: string) =>
    "import { col, defineModels, table } from 'athanor'\n" +
    `export const u = table('users', { ${columns} })\n` +
    'export default defineModels(u)\n'

  test('gives it up on the key first, and back in the downgrade', async () => {
    writeFileSync(ws.models, models('id: col.integer().primaryKey().autoincrement(), code: col.string(10)'))
    await cliOk([...ws.base, 'migrate', '-m', 'users'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO users (code) VALUES ('a'), ('b')")
    writeFileSync(
      ws.models,
      models('id: col.integer().primaryKey(), code: col.string(10), seq: col.integer().notNull().autoincrement().unique()'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'moved'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await db.query("INSERT INTO users (id, code) VALUES (3, 'c')")
    await cliOk([...ws.base, 'downgrade', '-1'])
    await db.query("INSERT INTO users (code) VALUES ('d')")
    assert.deepEqual(await db.query('SELECT id, code FROM users ORDER BY id'), [
      { id: 1, code: 'a' },
      { id: 2, code: 'b' },
      { id: 3, code: 'c' },
      { id: 4, code: 'd' },
    ])
  })
})

// Pull kept AUTO_INCREMENT on a DOUBLE or FLOAT column, which MySQL and
// MariaDB number as they do an integer one, and migrate then refused it as
// no integer: the pulled models could not rebuild their own database.
describe('mysql: AUTO_INCREMENT on a DOUBLE or FLOAT column', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE d (id DOUBLE NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)',
    'CREATE TABLE f (id FLOAT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)',
  ])

  test('round-trips, numbering the rebuilt tables', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /id: col\.double\(\)\.primaryKey\(\)\.autoincrement\(\)/)
    assert.match(models, /id: col\.real\(\)\.primaryKey\(\)\.autoincrement\(\)/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    for (const table of ['d', 'f']) {
      await rebuilt.query(`INSERT INTO ${table} (v) VALUES (7), (8)`)
      assert.deepEqual(await rebuilt.query(`SELECT id, v FROM ${table} ORDER BY id`), [
        { id: 1, v: 7 },
        { id: 2, v: 8 },
      ])
    }
    writeFileSync(ws.models, models.replace('id: col.double()', 'id: col.numeric(10, 0)'))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'decimal']), { code: 'INVALID_AUTOINCREMENT' }, '"id"', '"d"', 'numeric')
  })
})

// A table made with AUTO_INCREMENT=1000 and no rows yet lost its start in
// pull, and pull did not say so: the rebuilt table numbered from 1. The start
// is kept now as the table's `mysql.autoIncrement`; a table holding rows keeps
// only a counter, which is not the schema's and is left out.
describe('mysql: a table AUTO_INCREMENT start', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE fresh (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=1000',
    'CREATE TABLE used (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT) AUTO_INCREMENT=50',
    'INSERT INTO used (v) VALUES (1)',
  ])

  test('of a table holding no rows is kept by pull and made by migrate; check ignores where the counter went', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /table\('fresh', \{[^}]*\}, \{\s*mysql: \{ autoIncrement: 1000 \},\s*\}\)/)
    assert.doesNotMatch(models, /autoIncrement: 5/)
    await rebuilt.query('INSERT INTO fresh (v) VALUES (7)')
    await rebuilt.query('INSERT INTO used (v) VALUES (7)')
    assert.deepEqual(await rebuilt.query('SELECT id FROM fresh'), [{ id: 1000 }])
    assert.deepEqual(await rebuilt.query('SELECT id FROM used'), [{ id: 1 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    writeFileSync(ws.models, models.replace('autoIncrement: 1000', 'autoIncrement: 0').replace("'fresh'", "'fresh2'"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'zero']), { code: 'INVALID_TABLE_OPTION' }, '"fresh2"', 'autoIncrement')
  })
})
