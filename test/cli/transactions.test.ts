import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import {
  allRows,
  defaultUpgrade,
  migrationLog,
  schemaDump,
  tableNames,
  versionRows,
  type RevisionDef,
  temporaryProjects,
} from '../helpers/project.js'

const project = temporaryProjects()

/** m1, m2 (which also fills its table), then m3 that creates a table, inserts rows, and breaks. */
const FAILING: RevisionDef[] = [
  { id: 'm10000000001', down: null },
  {
    id: 'm20000000002',
    down: 'm10000000001',
    ext: 'js',
    upgrade:
      `${defaultUpgrade('m20000000002')}\n` +
      "  await op.bulkInsert('t_m20000000002', [{ id: 1, note: 'kept' }, { id: 2, note: 'also kept' }])",
  },
  {
    id: 'm30000000003',
    down: 'm20000000002',
    upgrade: [
      defaultUpgrade('m30000000003'),
      "  await op.bulkInsert('t_m30000000003', [{ id: 1, note: 'lost' }])",
      '  await op.execute("UPDATE t_m20000000002 SET note = \'changed\'")',
      "  await op.addColumn('t_m20000000002', { name: 'extra', type: 'integer' })",
      "  await op.execute('INSERT INTO no_such_table VALUES (1)')",
    ].join('\n'),
  },
  { id: 'm40000000004', down: 'm30000000003' },
]

describe('transactions', () => {
  test('a migration failing midway leaves the database exactly at the previous revision, schema and data', async () => {
    const made = project(FAILING)
    await cliOk([...made.base, 'upgrade', 'm20000000002'])
    const schemaBefore = schemaDump(made.dbPath)
    const rowsBefore = allRows(made.dbPath, 't_m20000000002')
    const logBefore = migrationLog(made.dbPath)

    assertCleanError(await cli([...made.base, 'upgrade']), 'm30000000003', 'no_such_table')
    assert.deepEqual(versionRows(made.dbPath), ['m20000000002'])
    assert.deepEqual(schemaDump(made.dbPath), schemaBefore)
    assert.deepEqual(allRows(made.dbPath, 't_m20000000002'), rowsBefore)
    assert.deepEqual(migrationLog(made.dbPath), logBefore)
    assert.deepEqual(rowsBefore, [
      { id: 1, note: 'kept' },
      { id: 2, note: 'also kept' },
    ])
  })

  test('per-migration mode keeps the migrations before the failing one of the same run', async () => {
    const made = project(FAILING)
    const result = await cli([...made.base, 'upgrade'])
    assert.equal(result.status, 1)
    assert.deepEqual(versionRows(made.dbPath), ['m20000000002'])
    assert.deepEqual(migrationLog(made.dbPath), ['m10000000001:up', 'm20000000002:up'])
    assert.equal(tableNames(made.dbPath).includes('t_m30000000003'), false)
    // Fixing the database is then a plain re-run once the script is fixed; the state is consistent.
    assert.equal((await cliOk([...made.base, 'current'])).stdout, 'm20000000002\n')
  })

  test("transactionMode 'single' (config): a failure in the 3rd migration leaves nothing applied", async () => {
    const made = project(FAILING)
    made.config("import { defineConfig } from 'athanor'\nexport default defineConfig({ transactionMode: 'single' })\n")
    assertCleanError(await cli([...made.base, 'upgrade']), 'm30000000003')
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.deepEqual(migrationLog(made.dbPath), [])
    assert.deepEqual(tableNames(made.dbPath), [])
  })

  test('--transaction-mode single on the command line wins over the config', async () => {
    const made = project(FAILING)
    made.config("export default { transactionMode: 'per-migration' }\n")
    assertCleanError(await cli([...made.base, 'upgrade', '--transaction-mode', 'single']), 'm30000000003')
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.deepEqual(migrationLog(made.dbPath), [])
    assertCleanError(await cli([...made.base, 'upgrade', '--transaction-mode', 'sometimes']), { code: 'INVALID_OPTION' }, 'sometimes')
    // And per-migration from the flag, over a 'single' config, keeps m1 and m2.
    made.config("export default { transactionMode: 'single' }\n")
    assert.equal((await cli([...made.base, 'upgrade', '--transaction-mode', 'per-migration'])).status, 1)
    assert.deepEqual(versionRows(made.dbPath), ['m20000000002'])
  })

  test("transactionMode 'single' from a non-empty database returns to where it started", async () => {
    const made = project(FAILING)
    made.config("export default { transactionMode: 'single' }\n")
    await cliOk([...made.base, 'upgrade', 'm10000000001'])
    const before = schemaDump(made.dbPath)
    assert.equal((await cli([...made.base, 'upgrade'])).status, 1)
    assert.deepEqual(versionRows(made.dbPath), ['m10000000001'])
    assert.deepEqual(schemaDump(made.dbPath), before)
    assert.deepEqual(migrationLog(made.dbPath), ['m10000000001:up'])
  })

  test("transactionMode 'single' succeeds like per-migration when nothing fails", async () => {
    const made = project(FAILING.slice(0, 2))
    made.config("export default { transactionMode: 'single' }\n")
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['m20000000002'])
    await cliOk([...made.base, 'downgrade', 'base'])
    assert.deepEqual(migrationLog(made.dbPath), ['m10000000001:up', 'm20000000002:up', 'm20000000002:down', 'm10000000001:down'])
  })
})

describe('scripts and op', () => {
  test('operations run in the order written when a script forgets await', async () => {
    const made = project([
      {
        id: 'noaw00000001',
        down: null,
        upgrade: [
          "  op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'label', type: 'text' }])",
          "  op.bulkInsert('items', [{ id: 1, label: 'a' }, { id: 2, label: 'b' }])",
          '  op.execute("UPDATE items SET label = label || \'!\'")',
          "  op.addColumn('items', { name: 'qty', type: 'integer', serverDefault: 3 })",
          "  op.bulkInsert('items', [{ id: 3, label: 'c', qty: 7 }])",
        ].join('\n'),
        downgrade: "  op.dropTable('items')",
      },
    ])
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(allRows(made.dbPath, 'items'), [
      { id: 1, label: 'a!', qty: 3 },
      { id: 2, label: 'b!', qty: 3 },
      { id: 3, label: 'c', qty: 7 },
    ])
    assert.deepEqual(versionRows(made.dbPath), ['noaw00000001'])
    await cliOk([...made.base, 'downgrade'])
    assert.deepEqual(tableNames(made.dbPath), ['athanor_version'])
  })

  test('a failing operation without await still fails the migration and rolls it back', async () => {
    const made = project([
      {
        id: 'noaw00000002',
        down: null,
        upgrade: [
          "  op.createTable('items', [{ name: 'id', type: 'integer', primaryKey: true }])",
          "  op.execute('INSERT INTO missing_table VALUES (1)')",
        ].join('\n'),
      },
    ])
    assertCleanError(await cli([...made.base, 'upgrade']), 'noaw00000002', 'missing_table')
    assert.deepEqual(versionRows(made.dbPath), [])
    assert.equal(tableNames(made.dbPath).includes('items'), false)
  })

  test('-x key=value reaches the script as op.x; --tag as op.context.tag', async () => {
    const made = project([
      {
        id: 'xarg00000001',
        down: null,
        upgrade: [
          "  await op.createTable('seen', [{ name: 'k', type: 'text' }, { name: 'v', type: 'text' }])",
          "  await op.bulkInsert('seen', Object.entries(op.x).sort().map(([k, v]) => ({ k, v })))",
          "  await op.bulkInsert('seen', [{ k: 'tag', v: op.context.tag ?? null }])",
        ].join('\n'),
      },
    ])
    await cliOk(['-x', 'tenant=acme', ...made.base, 'upgrade', '-x', 'mode=a=b', '--tag', 'v1'])
    assert.deepEqual(allRows(made.dbPath, 'seen'), [
      { k: 'mode', v: 'a=b' },
      { k: 'tenant', v: 'acme' },
      { k: 'tag', v: 'v1' },
    ])
  })

  test('op.query() reads rows online, for data migrations', async () => {
    const made = project([
      {
        id: 'data00000001',
        down: null,
        upgrade: "  await op.createTable('src', [{ name: 'n', type: 'integer' }])\n  await op.bulkInsert('src', [{ n: 2 }, { n: 5 }])",
      },
      {
        id: 'data00000002',
        down: 'data00000001',
        upgrade: [
          "  const rows = await op.query('SELECT n FROM src WHERE n > ? ORDER BY n', [1])",
          "  await op.createTable('dst', [{ name: 'n', type: 'integer' }])",
          "  await op.bulkInsert('dst', rows.map((row) => ({ n: Number(row['n']) * 10 })))",
        ].join('\n'),
      },
    ])
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(allRows(made.dbPath, 'dst'), [{ n: 20 }, { n: 50 }])
  })
})

describe('database URL precedence', () => {
  const graph: RevisionDef[] = [{ id: 'url000000001', down: null }]

  test('--url > DATABASE_URL > config', async () => {
    const made = project(graph)
    const file = (name: string) => join(made.root, name)
    made.config(`export default { url: 'sqlite:///${file('config.db')}' }\n`)
    const env = { DATABASE_URL: `sqlite:///${file('env.db')}` }

    await cliOk(['-d', made.migrations, 'upgrade'])
    assert.deepEqual(versionRows(file('config.db')), ['url000000001'])
    assert.equal(existsSync(file('env.db')), false)

    await cliOk(['-d', made.migrations, 'upgrade'], env)
    assert.deepEqual(versionRows(file('env.db')), ['url000000001'])

    await cliOk(['-d', made.migrations, '--url', `sqlite:///${file('flag.db')}`, 'upgrade'], env)
    assert.deepEqual(versionRows(file('flag.db')), ['url000000001'])

    // Each read goes to the database its precedence picks.
    await cliOk(['-d', made.migrations, 'downgrade', 'base'], env)
    assert.deepEqual(versionRows(file('env.db')), [])
    assert.deepEqual(versionRows(file('config.db')), ['url000000001'])
    assert.deepEqual(versionRows(file('flag.db')), ['url000000001'])
  })

  test('sqlite:////abs.db is an absolute path', async () => {
    const made = project(graph)
    const url = `sqlite:///${join(made.root, 'abs.db')}`
    assert.match(url, /^sqlite:\/\/\/\//)
    await cliOk(['-d', made.migrations, '--url', url, 'upgrade'])
    assert.deepEqual(versionRows(join(made.root, 'abs.db')), ['url000000001'])
  })
})
