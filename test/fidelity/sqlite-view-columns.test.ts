// SQLite views as their CREATE VIEW wrote them. A view's column names
// (CREATE VIEW v (x, y) AS …) were listed as not represented but the view
// was pulled without them: a new database gave it the query's names, so a
// view reading `x` failed, and a migration that made the view again around a
// table change took them from the live database too. A comment between the
// name and AS became part of the query, and upgrade failed. A view's query or
// an index's WHERE ending in a `--` comment commented out the `;` of the
// offline script.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import { viewParts } from '../../src/dialect/sqlite/views.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('sqlite: view column names, comments in views and indexes', () => {
  const project = usePulledProject('sqlite', [
    'CREATE TABLE t (a INT, b TEXT)',
    "INSERT INTO t VALUES (1, 'one')",
    'CREATE VIEW v (x, "y z") AS SELECT a, b FROM t',
    'CREATE VIEW w AS SELECT x FROM v',
    'CREATE VIEW c /* note */ AS SELECT 1 AS one',
    'CREATE VIEW d AS SELECT 1 AS x -- trailing',
    "CREATE INDEX i ON t (b) WHERE b > '' -- named only",
  ])
  const columns = (db: { query(sql: string): Promise<Record<string, unknown>[]> }, view: string) =>
    db.query(`SELECT name FROM pragma_table_info('${view}')`).then((rows) => rows.map((row) => row['name']))

  test('are rebuilt as written, check is clean, and the offline script runs', async () => {
    const { source, rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /view\('v', sql`SELECT a, b FROM t`, \{ columnNames: \['x', 'y z'\] \}\)/)
    assert.deepEqual(await columns(rebuilt, 'v'), ['x', 'y z'])
    await rebuilt.query("INSERT INTO t VALUES (1, 'one')")
    assert.deepEqual(await rebuilt.query('SELECT * FROM w'), await source.query('SELECT * FROM w'))
    assert.deepEqual(await rebuilt.query('SELECT * FROM c'), [{ one: 1 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    const script = (await cliOk([...ws.base, 'upgrade', 'base:head', '--sql'])).stdout
    const scratch = new Database(':memory:')
    assert.doesNotThrow(() => scratch.exec(script))
    assert.deepEqual(scratch.prepare("SELECT name FROM pragma_table_info('v')").all(), [{ name: 'x' }, { name: 'y z' }])
    scratch.close()
  })

  test('a table change that makes the views again keeps their column names, and so does its downgrade', async () => {
    const { rebuilt, ws } = project()
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(ws.models, models.replace('b: col.raw(', 'b: col.raw(').replace(/b: col\.[^\n]*\n/, "b: col.raw('VARCHAR(10)'),\n"))
    await cliOk([...ws.base, 'migrate', '-m', 'narrower'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await columns(rebuilt, 'v'), ['x', 'y z'])
    assert.deepEqual(await rebuilt.query('SELECT * FROM w'), [{ x: 1 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await columns(rebuilt, 'v'), ['x', 'y z'])
    writeFileSync(ws.models, models)
  })

  test('viewParts leaves comments before AS out and reads the names unquoted', () => {
    assert.deepEqual(viewParts('CREATE VIEW v /* n */ (x, "a""b", [c]) -- k\n AS SELECT 1, 2, 3'), {
      definition: 'SELECT 1, 2, 3',
      columnNames: ['x', 'a"b', 'c'],
    })
    assert.deepEqual(viewParts('CREATE VIEW IF NOT EXISTS "as" AS SELECT 1'), { definition: 'SELECT 1' })
  })

  test('PostgreSQL and MySQL, whose catalogs fold the names into the query, refuse a column list', () => {
    const op = { kind: 'create_view' as const, view: { name: 'v', definition: 'SELECT 1', columnNames: ['x'] } }
    for (const compiler of [postgresCompiler, mysqlCompiler]) {
      assert.throws(() => compiler.compileSql(op, 'offline'), { code: 'UNSUPPORTED_FEATURE', message: /view "v": .* \(SELECT a AS x\)/ })
    }
    assert.equal(sqliteCompiler.compileSql(op, 'offline')[0]?.sql, 'CREATE VIEW "v" ("x") AS SELECT 1')
  })
})
