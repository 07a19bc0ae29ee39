// A view's check option and security settings are modelled: before, they
// were listed as not represented, and a view rebuilt from pulled models let
// rows it does not show be written through it, and ran as its owner, past
// the row security of whoever queried it. pull writes them, migrate makes
// them, check compares them, and a change drops and makes the view again.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SERVERS = {
  postgresql: {
    sql: [
      'CREATE TABLE items (id integer PRIMARY KEY, price numeric NOT NULL)',
      'CREATE VIEW positive_items WITH (security_invoker = true, security_barrier = true) AS ' +
        'SELECT id, price FROM items WHERE price > 0 WITH CASCADED CHECK OPTION',
      'CREATE VIEW cheap_items AS SELECT id, price FROM positive_items WHERE price < 10 WITH LOCAL CHECK OPTION',
    ],
    positive: "checkOption: 'cascaded', securityInvoker: true, securityBarrier: true",
    options: async (db: TestDatabase) =>
      db.query(`SELECT relname AS name, array_to_string(ARRAY(SELECT unnest(reloptions) ORDER BY 1), ',') AS options FROM pg_class
        WHERE relkind = 'v' AND relname IN ('positive_items', 'cheap_items') ORDER BY 1`),
  },
  mysql: {
    sql: [
      'CREATE TABLE items (id int PRIMARY KEY, price decimal(10,2) NOT NULL)',
      'CREATE SQL SECURITY INVOKER VIEW positive_items AS SELECT id, price FROM items WHERE price > 0 WITH CASCADED CHECK OPTION',
      'CREATE VIEW cheap_items AS SELECT id, price FROM positive_items WHERE price < 10 WITH LOCAL CHECK OPTION',
    ],
    positive: "checkOption: 'cascaded', securityInvoker: true",
    options: async (db: TestDatabase) =>
      db.query(`SELECT TABLE_NAME AS name, CHECK_OPTION AS checked, SECURITY_TYPE AS security FROM information_schema.VIEWS
        WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1`),
  },
} as const

for (const server of ['postgresql', 'mysql'] as const) {
  const { sql, positive, options } = SERVERS[server]
  describe(`${server}: a view's check option and security`, () => {
    const project = usePulledProject(server, sql)

    test('are pulled, made again, compared, and changed by making the view again', async () => {
      const { source, rebuilt, ws } = project()
      const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
      assert.doesNotMatch(pulled.stdout + pulled.stderr, /view options/)
      const models = readFileSync(ws.models, 'utf8')
      assert.ok(models.includes(`{ ${positive} }`), models)
      assert.ok(models.includes("{ checkOption: 'local' }"), models)
      await cliOk([...ws.base, 'migrate', '-m', 'views'])
      await cliOk([...ws.base, 'upgrade'])
      const before = await options(rebuilt)
      assert.deepEqual(before, await options(source))
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      // What the check option is for: a row the view does not show cannot be written through it.
      await assert.rejects(rebuilt.query('INSERT INTO positive_items (id, price) VALUES (1, -5)'), /check option|CHECK OPTION/i)
      await rebuilt.query('INSERT INTO positive_items (id, price) VALUES (1, 5)')

      writeFileSync(ws.models, models.replace(`{ ${positive} }`, '{}'))
      const planned = await cli([...ws.base, 'check'])
      assert.match(planned.stdout, /remove view positive_items/)
      await cliOk([...ws.base, 'migrate', '-m', 'unchecked'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await rebuilt.query('INSERT INTO positive_items (id, price) VALUES (2, -5)')
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await options(rebuilt), before)
    })
  })
}

describe('view check option and security, as SQL', () => {
  const view = { name: 'v', definition: 'SELECT 1 AS one', checkOption: 'local', securityInvoker: true } as const
  const sqlOf = (compiler: typeof sqliteCompiler, v: object) =>
    compiler.compileSql({ kind: 'create_view', view: { ...view, ...v } }, 'offline').map((s) => s.sql)

  test('are written where each dialect takes them, and refused where it has none', () => {
    assert.deepEqual(sqlOf(postgresCompiler, { securityBarrier: true }), [
      'CREATE VIEW "v" WITH (security_barrier = true, security_invoker = true) AS SELECT 1 AS one WITH LOCAL CHECK OPTION',
    ])
    assert.deepEqual(sqlOf(mysqlCompiler, {}), ['CREATE SQL SECURITY INVOKER VIEW `v` AS SELECT 1 AS one WITH LOCAL CHECK OPTION'])
    assert.throws(() => sqlOf(sqliteCompiler, {}), /view "v": checkOption, securityInvoker: sqlite has no check option/)
    assert.throws(() => sqlOf(mysqlCompiler, { securityBarrier: true }), /securityBarrier is PostgreSQL's/)
    assert.throws(() => sqlOf(postgresCompiler, { materialized: true }), /a materialized view takes none of these/)
  })
})

describe('sqlite: a view with a check option', () => {
  const project = usePulledProject('sqlite', ['CREATE TABLE items (id INTEGER PRIMARY KEY, price REAL NOT NULL)'])

  test('fails at migrate in one line naming the view, before anything runs', async () => {
    const { ws } = project()
    writeFileSync(
      ws.models,
      [
        "import { col, defineModels, sql, table, view } from 'athanor'",
        "export const items = table('items', { id: col.integer().primaryKey(), price: col.real().notNull() })",
        "export const positive = view('positive_items', sql`SELECT id, price FROM items WHERE price > 0`, { checkOption: 'cascaded' })",
        'export default defineModels(items, positive)',
        '',
      ].join('\n'),
    )
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'views']), { code: 'UNSUPPORTED_FEATURE' }, 'positive_items', 'checkOption')
  })
})
