import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import type { Operation } from '../../src/ops/operation.js'

const create: Operation = {
  kind: 'create_table',
  table: {
    name: 'measurement',
    columns: [{ name: 'logdate', type: { kind: 'date' }, nullable: false }],
    postgresql: { partitionBy: 'RANGE (logdate)' },
  },
}

test('a partitioned table is PARTITION BY on PostgreSQL and refused elsewhere, naming the table', () => {
  assert.deepEqual(
    postgresCompiler.compileSql(create, 'offline').map((s) => s.sql),
    ['CREATE TABLE "measurement" (\n  "logdate" DATE NOT NULL\n) PARTITION BY RANGE (logdate)'],
  )
  for (const compiler of [sqliteCompiler, mysqlCompiler]) {
    assert.throws(
      () => compiler.compileSql(create, 'offline'),
      (error: unknown) =>
        error instanceof Error &&
        'code' in error &&
        error.code === 'INVALID_TABLE_OPTION' &&
        /^Table "measurement": postgresql\.partitionBy/.test(error.message),
    )
  }
})
