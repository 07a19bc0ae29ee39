import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { assertGolden as assertGoldenIn } from '../helpers/golden.js'
import { logLine, LOG_TABLE_DDL, migrationLog, schemaDump, versionRows, type RevisionDef, temporaryProjects } from '../helpers/project.js'

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url))

const project = temporaryProjects()

const assertGolden = (name: string, actual: string) => assertGoldenIn(GOLDEN, name, actual)

/** Three migrations with fixed ids, touching several ops, so the scripts are stable text. */
const SHOP: RevisionDef[] = [
  {
    id: '1a2b3c4d5e6f',
    down: null,
    message: 'create customers',
    upgrade: [
      `  await op.execute('${LOG_TABLE_DDL}')`,
      "  await op.createTable('customers', [",
      "    { name: 'id', type: 'integer', primaryKey: true },",
      "    { name: 'name', type: { kind: 'string', length: 80 }, nullable: false },",
      "    { name: 'active', type: 'boolean', serverDefault: true },",
      '  ])',
      "  await op.createIndex('ix_customers_name', 'customers', ['name'])",
      logLine('1a2b3c4d5e6f', 'upgrade'),
    ].join('\n'),
    downgrade: [
      "  await op.dropIndex('ix_customers_name', { table: 'customers' })",
      "  await op.dropTable('customers')",
      logLine('1a2b3c4d5e6f', 'downgrade'),
    ].join('\n'),
  },
  {
    id: '2b3c4d5e6f7a',
    down: '1a2b3c4d5e6f',
    ext: 'js',
    message: 'add email',
    upgrade: [
      "  await op.addColumn('customers', { name: 'email', type: { kind: 'string', length: 120 } })",
      "  await op.bulkInsert('customers', [{ id: 1, name: \"O'Brien\", email: 'ob@example.com' }, { id: 2, name: 'Ann', email: null }])",
      logLine('2b3c4d5e6f7a', 'upgrade'),
    ].join('\n'),
    downgrade: [
      "  await op.execute('DELETE FROM customers')",
      "  await op.dropColumn('customers', 'email')",
      logLine('2b3c4d5e6f7a', 'downgrade'),
    ].join('\n'),
  },
  {
    id: '3c4d5e6f7a8b',
    down: '2b3c4d5e6f7a',
    message: 'create orders',
    upgrade: [
      "  await op.createTable('orders', [",
      "    { name: 'id', type: 'integer', primaryKey: true },",
      "    { name: 'customer_id', type: 'integer', nullable: false },",
      "    { name: 'total', type: { kind: 'numeric', precision: 10, scale: 2 } },",
      '  ], { foreignKeys: ' +
        "[{ name: 'fk_orders_customer', columns: ['customer_id'], referredTable: 'customers', referredColumns: ['id'] }] })",
      logLine('3c4d5e6f7a8b', 'upgrade'),
    ].join('\n'),
    downgrade: ["  await op.dropTable('orders')", logLine('3c4d5e6f7a8b', 'downgrade')].join('\n'),
  },
]
const [S1, S2, S3] = SHOP.map((def) => def.id) as [string, string, string]

describe('offline --sql', () => {
  test('upgrade --sql from base: version-table DDL, a comment and BEGIN/COMMIT per migration (golden)', async () => {
    const made = project(SHOP)
    const result = await cliOk([...made.base, 'upgrade', '--sql'])
    assertGolden('upgrade-base-head.sql', result.stdout)
    assert.match(result.stdout, /^BEGIN;\n\nCREATE TABLE "athanor_version"/)
    assert.deepEqual(
      [...result.stdout.matchAll(/^-- (Running .*)$/gm)].map((match) => match[1]),
      [
        `Running upgrade  -> ${S1}, create customers`,
        `Running upgrade ${S1} -> ${S2}, add email`,
        `Running upgrade ${S2} -> ${S3}, create orders`,
      ],
    )
    // Each migration is its own transaction, its version-row change the last statement in it.
    assert.equal(result.stdout.match(/^BEGIN;\n\n-- Running upgrade/gm)?.length, 3)
    assert.equal(result.stdout.match(/^(?:INSERT INTO|UPDATE) "athanor_version".*;\n\nCOMMIT;$/gm)?.length, 3)
    assert.equal(result.stdout.match(/^BEGIN;$/gm)?.length, result.stdout.match(/^COMMIT;$/gm)?.length)
    // Nothing connected: no database file appeared.
    assert.equal(existsSync(made.dbPath), false)
  })

  test('downgrade head:base --sql (golden)', async () => {
    const made = project(SHOP)
    const result = await cliOk([...made.base, 'downgrade', 'head:base', '--sql'])
    assertGolden('downgrade-head-base.sql', result.stdout)
    assert.doesNotMatch(result.stdout, /CREATE TABLE "athanor_version"/)
    assert.deepEqual(
      [...result.stdout.matchAll(/^-- Running downgrade (\S+) -> /gm)].map((match) => match[1]),
      [S3, S2, S1],
    )
    assert.match(result.stdout, new RegExp(`DELETE FROM "athanor_version" WHERE "version_num" = '${S1}';`))
    assert.equal(existsSync(made.dbPath), false)
  })

  test('upgrade A:B --sql covers only that range, without the version-table DDL', async () => {
    const made = project(SHOP)
    const result = await cliOk([...made.base, 'upgrade', `${S1}:${S3}`, '--sql'])
    assert.doesNotMatch(result.stdout, /CREATE TABLE "athanor_version"/)
    assert.deepEqual(
      [...result.stdout.matchAll(/^-- Running upgrade (\S+) -> (\S+),/gm)].map((match) => `${match[1]}>${match[2]}`),
      [`${S1}>${S2}`, `${S2}>${S3}`],
    )
    assert.match(result.stdout, new RegExp(`UPDATE "athanor_version" SET "version_num" = '${S3}' WHERE "version_num" = '${S2}';`))
    assert.doesNotMatch(result.stdout, /CREATE TABLE "customers"/)
  })

  test('downgrade --sql without a range is a clear error', async () => {
    const made = project(SHOP)
    const result = await cli([...made.base, 'downgrade', '--sql'])
    assertCleanError(result, 'downgrade --sql', 'head:base')
    assert.equal(result.stdout, '')
  })

  test('stamp --sql prints the version-table DDL and rows, and connects to nothing', async () => {
    const made = project(SHOP)
    const result = await cliOk([...made.base, 'stamp', S2, '--sql'])
    assert.equal(
      result.stdout,
      [
        'BEGIN;',
        '',
        'CREATE TABLE "athanor_version" ("version_num" VARCHAR(32) NOT NULL, ' +
          'CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"));',
        '',
        `INSERT INTO "athanor_version" ("version_num") VALUES ('${S2}');`,
        '',
        'COMMIT;',
        '',
        '',
      ].join('\n'),
    )
    assert.equal(existsSync(made.dbPath), false)
  })

  test('the offline script, run through SQLite, gives the same schema, data and rows as the live run', async () => {
    const live = project(SHOP)
    await cliOk([...live.base, 'upgrade'])
    const offline = project(SHOP)
    const script = (await cliOk([...offline.base, 'upgrade', '--sql'])).stdout
    const db = new Database(offline.dbPath)
    db.exec(script)
    db.close()
    assert.deepEqual(schemaDump(offline.dbPath), schemaDump(live.dbPath))
    assert.deepEqual(versionRows(offline.dbPath), [S3])
    assert.deepEqual(migrationLog(offline.dbPath), migrationLog(live.dbPath))
    const rows = (path: string) => {
      const opened = new Database(path, { readonly: true })
      try {
        return opened.prepare('SELECT * FROM customers ORDER BY id').all()
      } finally {
        opened.close()
      }
    }
    assert.deepEqual(rows(offline.dbPath), [
      { id: 1, name: "O'Brien", active: 1, email: 'ob@example.com' },
      { id: 2, name: 'Ann', active: 1, email: null },
    ])
    assert.deepEqual(rows(offline.dbPath), rows(live.dbPath))

    // And back down: the downgrade script leaves what a live downgrade leaves.
    const down = (await cliOk([...offline.base, 'downgrade', 'head:base', '--sql'])).stdout
    const again = new Database(offline.dbPath)
    again.exec(down)
    again.close()
    await cliOk([...live.base, 'downgrade', 'base'])
    assert.deepEqual(schemaDump(offline.dbPath), schemaDump(live.dbPath))
    assert.deepEqual(versionRows(offline.dbPath), [])
  })

  test('op.query() in --sql mode fails naming the revision and its file', async () => {
    const made = project([
      { id: 'q1q1q1q1q1q1', down: null },
      { id: 'q2q2q2q2q2q2', down: 'q1q1q1q1q1q1', upgrade: "  const rows = await op.query('SELECT 1 AS one')\n  void rows", downgrade: '' },
    ])
    const result = await cli([...made.base, 'upgrade', '--sql'])
    assertCleanError(result, 'q2q2q2q2q2q2', 'q2q2q2q2q2q2_create_t_q2q2q2q2q2q2.ts', 'op.query')
    // The same script runs online.
    await cliOk([...made.base, 'upgrade'])
    assert.deepEqual(versionRows(made.dbPath), ['q2q2q2q2q2q2'])
  })
})
