// The SQL of op.renameIndex and op.renameConstraint on each dialect; on
// MariaDB, a foreign key renamed leaves the session's foreign_key_checks
// as it found it, also when the step runs again after a failure.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import type { DialectName } from '../../src/core/dialect-name.js'
import { createTestDatabase } from '../helpers/databases.js'

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

const clubKey = {
  name: 'members_club_fk',
  columns: ['club_id'],
  referredTable: 'clubs',
  referredColumns: ['id'],
  onDelete: 'CASCADE',
} as const
const renameForeignKey: Operation = {
  kind: 'rename_constraint',
  table: 'members',
  name: 'members_club_fk',
  newName: 'fk_members_club',
  type: 'foreignkey',
  existing: clubKey,
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

  test('MySQL drops and adds a foreign key in one ALTER TABLE, INPLACE with the checks off, and needs the key as it is', () => {
    assert.deepEqual(sqlOf('mysql', renameForeignKey), [
      'SET @athanor_foreign_key_checks = COALESCE(@athanor_foreign_key_checks, @@SESSION.foreign_key_checks), ' +
        'SESSION foreign_key_checks = 0',
      'ALTER TABLE `members` DROP FOREIGN KEY `members_club_fk`, ' +
        'ADD CONSTRAINT `fk_members_club` FOREIGN KEY (`club_id`) REFERENCES `clubs` (`id`) ON DELETE CASCADE, ALGORITHM=INPLACE',
      'SET SESSION foreign_key_checks = @athanor_foreign_key_checks, @athanor_foreign_key_checks = NULL',
    ])
    const { existing: _existing, ...bare } = renameForeignKey as Extract<Operation, { kind: 'rename_constraint' }>
    assert.throws(() => sqlOf('mysql', bare), /foreign key "members_club_fk" on table "members": .*pass \{ type: 'foreignkey', existing:/)
    assert.deepEqual(sqlOf('postgresql', renameForeignKey), [
      'ALTER TABLE "members" RENAME CONSTRAINT "members_club_fk" TO "fk_members_club"',
    ])
  })

  test('PostgreSQL renames a policy with ALTER POLICY; the others have none to rename', () => {
    const renamePolicy: Operation = { kind: 'rename_policy', table: 'docs', schema: 'app', name: 'own', newName: 'own_docs' }
    assert.deepEqual(sqlOf('postgresql', renamePolicy), ['ALTER POLICY "own" ON "app"."docs" RENAME TO "own_docs"'])
    assert.equal(renderOperation(renamePolicy, { names: new Set() }), "await op.renamePolicy('docs', 'own', 'own_docs', { schema: 'app' })")
    for (const dialect of ['sqlite', 'mysql'] as const) assert.throws(() => sqlOf(dialect, renamePolicy), /rename_policy/)
  })

  test('a foreign key renamed is written with the key as it is, without its old name', () => {
    assert.equal(
      renderOperation(renameForeignKey, { names: new Set() }),
      "await op.renameConstraint('members', 'members_club_fk', 'fk_members_club', { type: 'foreignkey', " +
        "existing: { columns: ['club_id'], referredTable: 'clubs', referredColumns: ['id'], onDelete: 'CASCADE' } })",
    )
  })

  for (const before of [0, 1]) {
    test(`MariaDB: the session's foreign_key_checks stays ${before} around a foreign key renamed, and around one run again`, async () => {
      const db = await createTestDatabase('mysql')
      try {
        await db.query('CREATE TABLE clubs (id INT PRIMARY KEY)')
        await db.query(
          'CREATE TABLE members (id INT PRIMARY KEY, club_id INT, CONSTRAINT members_club_fk FOREIGN KEY (club_id) REFERENCES clubs (id))',
        )
        const [saveAndOff, alter, restore] = sqlOf('mysql', renameForeignKey)
        const checks = async () => Number((await db.query('SELECT @@SESSION.foreign_key_checks AS v'))[0]?.['v'])
        await db.query(`SET SESSION foreign_key_checks = ${before}`)
        // A first attempt that stopped after turning the checks off, then the whole step again.
        await db.query(saveAndOff!)
        for (const sql of [saveAndOff!, alter!, restore!]) await db.query(sql)
        assert.equal(await checks(), before)
        const keys = await db.query(
          'SELECT CONSTRAINT_NAME AS name FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()',
        )
        assert.deepEqual(keys, [{ name: 'fk_members_club' }])
      } finally {
        await db.drop()
      }
    })
  }

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
