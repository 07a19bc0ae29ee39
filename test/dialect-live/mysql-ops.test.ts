import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Column, Table } from '../../src/schema/types.js'
import type { DatabaseConnection } from '../../src/dialect/driver.js'
import { useTestDatabase } from '../helpers/databases.js'
import { runOps } from './fixture.js'
import { myColumns, myConstraints, myIndexes, myTable, myTables } from './mysql-catalog.js'

// Every operation of src/ops/operation.ts, run by the live executor on a real
// MariaDB (MySQL's protocol and dialect) and checked in information_schema.

const org: Table = {
  name: 'org',
  comment: "the org's table",
  columns: [
    { name: 'id', type: { kind: 'bigint' }, primaryKey: true, autoincrement: true },
    { name: 'name', type: { kind: 'string', length: 80 }, nullable: false, comment: 'display name' },
    { name: 'kind', type: { kind: 'enum', values: ['free', 'paid'] }, serverDefault: { kind: 'literal', value: 'free' } },
    { name: 'created', type: { kind: 'timestamp' }, serverDefault: { kind: 'expression', sql: 'CURRENT_TIMESTAMP' } },
  ],
  uniqueConstraints: [{ name: 'uq_org_name', columns: ['name'] }],
  checkConstraints: [{ name: 'ck_org_name', expression: "name <> ''" }],
  indexes: [{ name: 'ix_org_created', columns: ['created'] }],
}

describe('mysql/mariadb: every op live', () => {
  const db = useTestDatabase('mysql')
  let connection: DatabaseConnection
  before(async () => {
    connection = await db.connect()
  })
  after(async () => {
    await connection?.close()
  })

  test('create_table: InnoDB, utf8mb4, AUTO_INCREMENT, native ENUM, DATETIME(6), comments, constraints, index', async () => {
    await runOps(connection, { kind: 'create_table', table: org })
    assert.deepEqual(await myTable(db, 'org'), { engine: 'InnoDB', collation: 'utf8mb4_general_ci', comment: "the org's table" })
    assert.deepEqual(await myColumns(db, 'org'), [
      { name: 'id', type: 'bigint(20)', nullable: 'NO', default: null, extra: 'auto_increment', comment: '' },
      { name: 'name', type: 'varchar(80)', nullable: 'NO', default: null, extra: '', comment: 'display name' },
      { name: 'kind', type: "enum('free','paid')", nullable: 'YES', default: "'free'", extra: '', comment: '' },
      { name: 'created', type: 'datetime(6)', nullable: 'YES', default: 'current_timestamp(6)', extra: '', comment: '' },
    ])
    assert.deepEqual(await myConstraints(db, 'org'), [
      { name: 'ck_org_name', type: 'CHECK' },
      { name: 'PRIMARY', type: 'PRIMARY KEY' },
      { name: 'uq_org_name', type: 'UNIQUE' },
    ])
    assert.deepEqual(
      (await myIndexes(db, 'org')).map((i) => i['name']),
      ['ix_org_created', 'PRIMARY', 'uq_org_name'],
    )
  })

  test('a table option other than the defaults is honoured', async () => {
    await runOps(connection, {
      kind: 'create_table',
      table: {
        name: 'legacy',
        columns: [{ name: 'a', type: { kind: 'text' } }],
        mysql: { engine: 'MyISAM', charset: 'latin1', collate: 'latin1_bin' },
      },
    })
    assert.deepEqual(await myTable(db, 'legacy'), { engine: 'MyISAM', collation: 'latin1_bin', comment: '' })
    await runOps(connection, { kind: 'drop_table', table: 'legacy' })
  })

  test('bulk_insert binds bigints, dates, bytes and text with backslashes; values read back exactly', async () => {
    await runOps(
      connection,
      {
        kind: 'bulk_insert',
        table: 'org',
        rows: [
          { name: 'a', created: new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123)) },
          { name: "o'b\\ 🚀", kind: 'paid' },
        ],
      },
      {
        kind: 'execute',
        sql: 'CREATE TABLE blob_t (id BIGINT PRIMARY KEY, at DATETIME(6), day DATE, data VARBINARY(8), amount DECIMAL(20, 2)); SELECT 1',
      },
      {
        kind: 'bulk_insert',
        table: 'blob_t',
        rows: [
          {
            id: 9007199254740993n,
            at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
            day: '2024-01-02',
            data: new Uint8Array([0, 1, 255]),
            amount: '123456789012345678.91',
          },
        ],
      },
    )
    const orgs = await db.query('SELECT id, name, kind, created FROM org ORDER BY id')
    assert.deepEqual(
      orgs.map((r) => [r['id'], r['name'], r['kind']]),
      [
        [1, 'a', 'free'],
        [2, "o'b\\ 🚀", 'paid'],
      ],
    )
    assert.equal((orgs[0]!['created'] as Date).toISOString(), '2024-02-29T23:59:58.123Z')
    assert.deepEqual(await db.query('SELECT * FROM blob_t'), [
      {
        id: 9007199254740993n,
        at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
        day: '2024-01-02',
        data: Buffer.from([0, 1, 255]),
        amount: '123456789012345678.91',
      },
    ])
    // Past 2^53 a BIGINT is a bigint, below it a number, also in the last result of several statements.
    assert.deepEqual(
      await db.query(
        'DO 0; SELECT id, CAST(-9007199254740993 AS SIGNED) AS low, COUNT(*) AS n, ' +
          'CAST(18446744073709551615 AS UNSIGNED) AS top FROM blob_t',
      ),
      [{ id: 9007199254740993n, low: -9007199254740993n, n: 1, top: 18446744073709551615n }],
    )
  })

  test('alter_column restates the full definition: MODIFY keeps comment, default and NOT NULL; CHANGE renames', async () => {
    const seats: Column = {
      name: 'seats',
      type: { kind: 'integer' },
      nullable: false,
      serverDefault: { kind: 'literal', value: 5 },
      comment: 'licences',
    }
    await runOps(
      connection,
      { kind: 'add_column', table: 'org', column: seats },
      { kind: 'alter_column', table: 'org', column: 'seats', changes: { type: { kind: 'bigint' } }, existing: seats },
    )
    assert.deepEqual(
      (await myColumns(db, 'org')).find((c) => c['name'] === 'seats'),
      { name: 'seats', type: 'bigint(20)', nullable: 'NO', default: '5', extra: '', comment: 'licences' },
    )
    await runOps(
      connection,
      {
        kind: 'alter_column',
        table: 'org',
        column: 'seats',
        changes: { nullable: true, serverDefault: null, comment: 'paid', newName: 'licences' },
        existing: { ...seats, type: { kind: 'bigint' } },
      },
      { kind: 'alter_column', table: 'org', column: 'licences', changes: { serverDefault: { kind: 'literal', value: 1 } } },
    )
    assert.deepEqual(
      (await myColumns(db, 'org')).find((c) => c['name'] === 'licences'),
      { name: 'licences', type: 'bigint(20)', nullable: 'YES', default: '1', extra: '', comment: 'paid' },
    )
    assert.deepEqual(
      (await db.query('SELECT licences FROM org ORDER BY id')).map((r) => r['licences']),
      [5, 5],
    )
    await runOps(connection, { kind: 'drop_column', table: 'org', column: 'licences' })
    assert.equal(
      (await myColumns(db, 'org')).some((c) => c['name'] === 'licences'),
      false,
    )
  })

  test('create_index (unique, composite) and drop_index', async () => {
    await runOps(connection, {
      kind: 'create_index',
      table: 'org',
      index: { name: 'ix_org_kind_name', columns: ['kind', 'name'], unique: true },
    })
    assert.deepEqual(
      (await myIndexes(db, 'org')).find((i) => i['name'] === 'ix_org_kind_name'),
      { name: 'ix_org_kind_name', columns: 'kind,name', is_unique: 1 },
    )
    await runOps(connection, { kind: 'drop_index', table: 'org', name: 'ix_org_kind_name' })
    assert.deepEqual(
      (await myIndexes(db, 'org')).map((i) => i['name']),
      ['ix_org_created', 'PRIMARY', 'uq_org_name'],
    )
  })

  test('constraints: unique, foreign key, check; each dropped the way MySQL drops its kind', async () => {
    await runOps(
      connection,
      {
        kind: 'create_table',
        table: {
          name: 'member',
          columns: [
            { name: 'id', type: { kind: 'integer' }, primaryKey: true },
            { name: 'org_id', type: { kind: 'bigint' } },
            { name: 'email', type: { kind: 'string', length: 120 } },
          ],
        },
      },
      { kind: 'create_unique_constraint', table: 'member', constraint: { name: 'uq_member_email', columns: ['email'] } },
      {
        kind: 'create_foreign_key',
        table: 'member',
        constraint: { name: 'fk_member_org', columns: ['org_id'], referredTable: 'org', referredColumns: ['id'], onDelete: 'CASCADE' },
      },
      { kind: 'create_check_constraint', table: 'member', constraint: { name: 'ck_member_email', expression: "email LIKE '%@%'" } },
    )
    assert.deepEqual(await myConstraints(db, 'member'), [
      { name: 'ck_member_email', type: 'CHECK' },
      { name: 'fk_member_org', type: 'FOREIGN KEY' },
      { name: 'PRIMARY', type: 'PRIMARY KEY' },
      { name: 'uq_member_email', type: 'UNIQUE' },
    ])
    await assert.rejects(
      runOps(connection, { kind: 'bulk_insert', table: 'member', rows: [{ id: 1, org_id: 1, email: 'nope' }] }),
      /CONSTRAINT `ck_member_email` failed/,
    )
    await runOps(
      connection,
      { kind: 'drop_constraint', table: 'member', name: 'ck_member_email', type: 'check' },
      { kind: 'drop_constraint', table: 'member', name: 'fk_member_org', type: 'foreignkey' },
      { kind: 'drop_constraint', table: 'member', name: 'uq_member_email', type: 'unique' },
      { kind: 'drop_constraint', table: 'member', name: 'PRIMARY', type: 'primary' },
    )
    assert.deepEqual(await myConstraints(db, 'member'), [])
  })

  test('rename_table and drop_table', async () => {
    await runOps(connection, { kind: 'rename_table', table: 'member', newName: 'person' })
    assert.deepEqual(await myTables(db), ['blob_t', 'org', 'person'])
    await runOps(connection, { kind: 'drop_table', table: 'person' }, { kind: 'drop_table', table: 'blob_t' })
    assert.deepEqual(await myTables(db), ['org'])
  })
})
