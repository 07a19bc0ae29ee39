import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Operations } from '../../src/ops/operations.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { isAthanorError } from '../../src/core/errors.js'

test('op.batchAlterTable collects the changes into one batch operation', async () => {
  const ran: Operation[] = []
  const op = new Operations(
    { dialect: 'sqlite', offline: false, run: async (o) => void ran.push(o), query: async () => [] },
    { revision: 'r', direction: 'upgrade', x: {} },
  )
  await op.batchAlterTable(
    'user',
    (batch) => {
      batch.alterColumn('email', { nullable: false, type: 'text' })
      batch.dropConstraint(null, { type: 'foreignkey', columns: ['org_id'] })
    },
    { recreate: 'always' },
  )
  assert.deepEqual(ran, [
    {
      kind: 'batch_alter_table',
      table: 'user',
      recreate: 'always',
      ops: [
        { kind: 'alter_column', table: 'user', column: 'email', changes: { nullable: false, type: { kind: 'text' } } },
        { kind: 'drop_constraint', table: 'user', name: '', type: 'foreignkey', columns: ['org_id'] },
      ],
    },
  ])
})

test('a batch compiles as ALTER TABLE where it can, and reverses change by change', () => {
  const batch: Operation = {
    kind: 'batch_alter_table',
    table: 't',
    recreate: 'auto',
    ops: [
      { kind: 'add_column', table: 't', column: { name: 'a', type: { kind: 'text' } } },
      { kind: 'create_index', table: 't', index: { name: 'ix_a', columns: ['a'] } },
    ],
  }
  assert.deepEqual(
    sqliteCompiler.compileSql(batch, 'offline').map((s) => s.sql),
    ['ALTER TABLE "t" ADD COLUMN "a" TEXT', 'CREATE INDEX "ix_a" ON "t" ("a")'],
  )
  assert.equal(postgresCompiler.compileSql({ ...batch, recreate: 'always' }, 'offline').length, 2)
  assert.throws(
    () => sqliteCompiler.compileSql({ ...batch, recreate: 'always' }, 'offline'),
    (e) => isAthanorError(e, 'SQLITE_ALTER_UNSUPPORTED'),
  )
  const never: Operation = {
    ...batch,
    recreate: 'never',
    ops: [{ kind: 'alter_column', table: 't', column: 'a', changes: { nullable: false } }],
  }
  assert.throws(
    () => sqliteCompiler.compileSql(never, 'offline'),
    (e) => isAthanorError(e, 'SQLITE_ALTER_UNSUPPORTED') && e.message.includes("recreate: 'never'"),
  )
  assert.deepEqual(reverseOperation(batch), {
    ...batch,
    ops: [
      { kind: 'drop_index', table: 't', name: 'ix_a', existing: { name: 'ix_a', columns: ['a'] } },
      { kind: 'drop_column', table: 't', column: 'a', existing: { name: 'a', type: { kind: 'text' } } },
    ],
  })
})
