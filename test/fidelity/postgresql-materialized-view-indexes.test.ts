// A materialized view's indexes: a unique one is what lets REFRESH
// MATERIALIZED VIEW CONCURRENTLY run, and the others are its reads' speed.
// Before, they were listed as not represented and the rebuilt view had none,
// so a concurrent refresh failed there; now pull writes them with the view,
// migrate makes them after it, check compares them, a change drops and makes
// the index alone, and a view made again comes back with its indexes.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { pullAndRebuild, usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { view } from '../../src/models/view.js'
import { index } from '../../src/models/constraints.js'

const CLEAN = 'No new upgrade operations detected.\n'

const indexesOf = (db: TestDatabase) =>
  db.query("SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'order_totals' ORDER BY 1")

describe('postgresql: the indexes of a materialized view', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL, total numeric(10, 2) NOT NULL)',
    'CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total, count(*) AS n FROM orders GROUP BY user_id',
    'CREATE UNIQUE INDEX order_totals_user ON order_totals (user_id)',
    'CREATE INDEX order_totals_big ON order_totals (total DESC) WHERE n > 10',
  ])

  test('are pulled with the view, made after it, compared, and changed one by one', async () => {
    const { source, rebuilt, ws } = project()
    const { models, printed } = await pullAndRebuild(project())
    assert.doesNotMatch(printed, /index on materialized view/)
    assert.match(models, /materialized: true, indexes: \[index\(\['total'\], \{ name: 'order_totals_big', where: '\(n > 10\)'/)
    assert.match(models, /index\(\['user_id'\], \{ name: 'order_totals_user', unique: true \}\)/)
    assert.deepEqual(await indexesOf(rebuilt), await indexesOf(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query('INSERT INTO orders VALUES (1, 7, 10)')
    await rebuilt.query('REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals')

    // One index goes, one comes: the view itself stays, its rows too.
    writeFileSync(
      ws.models,
      models
        .replace("index(['total'], { name: 'order_totals_big', where: '(n > 10)', order: { total: 'desc' } }), ", '')
        .replace(
          "{ name: 'order_totals_user', unique: true })",
          "{ name: 'order_totals_user', unique: true }), index(['n'], { name: 'order_totals_n' })",
        ),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'indexes'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_indexes.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    const upgrade = script.slice(0, script.indexOf('downgrade'))
    assert.match(upgrade, /op\.dropIndex\('order_totals_big'/)
    assert.match(upgrade, /op\.createIndex\('order_totals_n', 'order_totals', \['n'\]/)
    assert.doesNotMatch(upgrade, /View\(/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(
      (await indexesOf(rebuilt)).map((row) => row['name']),
      ['order_totals_n', 'order_totals_user'],
    )
    assert.deepEqual(await rebuilt.query('SELECT user_id FROM order_totals'), [{ user_id: 7 }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await indexesOf(rebuilt), await indexesOf(source))
    writeFileSync(ws.models, models)
    rmSync(join(ws.directory, 'versions', file!))
  })

  test('a view made again, as a table it reads changes, comes back with its indexes', async () => {
    const { source, rebuilt, ws } = project()
    const models = readFileSync(ws.models, 'utf8')
    writeFileSync(ws.models, models.replace('total: col.numeric(10, 2).notNull()', 'total: col.numeric(12, 2).notNull()'))
    await cliOk([...ws.base, 'migrate', '-m', 'wider'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await indexesOf(rebuilt), await indexesOf(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    writeFileSync(ws.models, models)
  })
})

describe('indexes on a view, as models and SQL', () => {
  test('are made after the materialized view, and refused on a plain one, naming it', () => {
    const totals = view('totals', 'SELECT 1 AS n', { materialized: true, indexes: [index(['n'], { unique: true })] })
    assert.deepEqual(
      postgresCompiler.compileSql({ kind: 'create_view', view: totals }, 'offline').map((s) => s.sql),
      ['CREATE MATERIALIZED VIEW "totals" AS SELECT 1 AS n', 'CREATE UNIQUE INDEX "ix_totals_n" ON "totals" ("n")'],
    )
    const plain = view('totals', 'SELECT 1 AS n', { indexes: [index(['n'])] })
    assert.throws(
      () => postgresCompiler.compileSql({ kind: 'create_view', view: plain }, 'offline'),
      /view "totals": only a materialized view has indexes \(ix_totals_n\)/,
    )
  })
})
