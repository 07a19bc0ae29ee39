// The SQL of op.renameIndex and op.renameConstraint on each dialect.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import type { DialectName } from '../../src/core/dialect-name.js'

const sqlOf = (dialect: DialectName, op: Operation) =>
  dialectNamed(dialect)
    .compiler.compileSql(op, 'offline')
    .map((s) => s.sql)

const renameIndex: Operation = { kind: 'rename_index', table: 'users', schema: 'app', name: 'ix_email', newName: 'ix_users_email' }
const renameUnique: Operation = {
  kind: 'rename_constraint',
  table: 'users',
  name: 'users_email_key',
  newName: 'uq_users_email',
  type: 'unique',
}
const renameCheck: Operation = {
  kind: 'rename_constraint',
  table: 'users',
  name: 'users_age_check',
  newName: 'ck_users_age',
  type: 'check',
}

describe('renaming an index or a constraint', () => {
  test('PostgreSQL renames each in place', () => {
    assert.deepEqual(sqlOf('postgresql', renameIndex), ['ALTER INDEX "app"."ix_email" RENAME TO "ix_users_email"'])
    assert.deepEqual(sqlOf('postgresql', renameUnique), ['ALTER TABLE "users" RENAME CONSTRAINT "users_email_key" TO "uq_users_email"'])
    assert.deepEqual(sqlOf('postgresql', renameCheck), ['ALTER TABLE "users" RENAME CONSTRAINT "users_age_check" TO "ck_users_age"'])
  })

  test('MySQL renames an index and a unique key through the table, and refuses a check, naming it', () => {
    assert.deepEqual(sqlOf('mysql', renameIndex), ['ALTER TABLE `app`.`users` RENAME INDEX `ix_email` TO `ix_users_email`'])
    assert.deepEqual(sqlOf('mysql', renameUnique), ['ALTER TABLE `users` RENAME INDEX `users_email_key` TO `uq_users_email`'])
    assert.throws(() => sqlOf('mysql', renameCheck), /rename_constraint of "users_age_check" on table "users": MySQL cannot rename a check/)
  })

  test('SQLite makes an index again under its new name from `existing`, and refuses without it', () => {
    const existing = { name: 'ix_email', columns: ['email'], unique: true }
    assert.deepEqual(sqlOf('sqlite', { kind: 'rename_index', table: 'users', name: 'ix_email', newName: 'ix_users_email', existing }), [
      'DROP INDEX "ix_email"',
      'CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email")',
    ])
    assert.throws(
      () => sqlOf('sqlite', { kind: 'rename_index', table: 'users', name: 'ix_email', newName: 'x' }),
      /cannot rename an index in place/,
    )
    assert.throws(() => sqlOf('sqlite', renameUnique), /cannot rename a unique constraint/)
  })
})
