// The safe forms the lint rules point at, as one word: { concurrently: true } on index builds and drops,
// { notValid: true } on foreign keys and checks.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dialectNamed } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { temporaryProjects } from '../helpers/project.js'
import { lintProjects } from './lint-project.js'

const CREATE: Operation = {
  kind: 'create_index',
  table: 'users',
  index: { name: 'ix_users_email', columns: ['email'] },
  concurrently: true,
}
const DROP: Operation = { kind: 'drop_index', table: 'users', name: 'ix_users_email', concurrently: true }

const sqlOf = (dialect: string, op: Operation) => {
  const compiled = dialectNamed(dialect).compiler.compile(op, 'offline')
  return compiled.kind === 'sql' ? compiled.statements.map((statement) => statement.sql) : []
}

describe('concurrently: true on createIndex and dropIndex', () => {
  test('PostgreSQL writes CONCURRENTLY; MySQL and SQLite, which need no such word, write their usual statement', () => {
    assert.deepEqual(sqlOf('postgresql', CREATE), ['CREATE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email")'])
    assert.deepEqual(sqlOf('postgresql', DROP), ['DROP INDEX CONCURRENTLY "ix_users_email"'])
    assert.deepEqual(sqlOf('mysql', CREATE), ['CREATE INDEX `ix_users_email` ON `users` (`email`)'])
    assert.deepEqual(sqlOf('sqlite', DROP), ['DROP INDEX "ix_users_email"'])
  })

  test('the reverse keeps it, and a generated script writes it', () => {
    const reverse = reverseOperation(CREATE)
    assert.equal(reverse.kind === 'drop_index' && reverse.concurrently, true)
    const back = reverseOperation({ ...DROP, existing: { name: 'ix_users_email', columns: ['email'] } })
    assert.equal(back.kind === 'create_index' && back.concurrently, true)
    assert.match(renderOperation(CREATE, { names: new Set() }), /\{ concurrently: true \}\)$/)
    assert.match(renderOperation(DROP, { names: new Set() }), /\{ table: 'users', concurrently: true \}\)$/)
  })

  test('lint passes it in a non-transactional script, and flags it inside a transaction', async () => {
    const lint = lintProjects()
    const body = "  await op.createIndex('ix', 'users', ['email'], { concurrently: true })"
    const safe = await lint('postgresql', { upgrade: body, extra: 'export const transactional = false' })
    assert.deepEqual(
      safe.report.findings.map((finding) => finding.code).filter((code) => code.includes('index') || code.includes('concurrently')),
      [],
    )
    const inTransaction = await lint('postgresql', { upgrade: body })
    assert.ok(inTransaction.report.findings.some((finding) => finding.code === 'concurrently-in-transaction'))
  })

  describe('live on PostgreSQL', () => {
    const db = useTestDatabase('postgresql')
    const projects = temporaryProjects()

    test('an upgrade builds the index concurrently and a downgrade drops it the same way', async () => {
      const project = projects([
        {
          id: 'r1',
          ext: 'js',
          upgrade: "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'email', type: 'text' }])",
        },
        {
          id: 'r2',
          down: 'r1',
          ext: 'js',
          upgrade: "  await op.createIndex('ix_users_email', 'users', ['email'], { concurrently: true })",
          downgrade: "  await op.dropIndex('ix_users_email', { concurrently: true })",
          extra: 'export const transactional = false',
        },
      ])
      const base = ['-d', project.migrations, '--url', db.url]
      await cliOk(['upgrade', ...base])
      const indexes = async () =>
        (await db.query("SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1")).map((row) => row['indexname'])
      assert.deepEqual(await indexes(), ['ix_users_email', 'users_pkey'])
      await cliOk(['downgrade', ...base])
      assert.deepEqual(await indexes(), ['users_pkey'])
    })
  })
})

describe('notValid: true on createForeignKey and createCheckConstraint', () => {
  const fk: Operation = {
    kind: 'create_foreign_key',
    table: 'orders',
    constraint: { name: 'fk_orders_user', columns: ['user_id'], referredTable: 'users', referredColumns: ['id'], onDelete: 'CASCADE' },
    notValid: true,
  }
  const check: Operation = {
    kind: 'create_check_constraint',
    table: 'users',
    constraint: { name: 'ck_age', expression: 'age > 0' },
    notValid: true,
  }

  test('PostgreSQL writes NOT VALID last; a generated script writes the option', () => {
    assert.deepEqual(sqlOf('postgresql', fk), [
      'ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE NOT VALID',
    ])
    assert.deepEqual(sqlOf('postgresql', check), ['ALTER TABLE "users" ADD CONSTRAINT "ck_age" CHECK (age > 0) NOT VALID'])
    assert.match(renderOperation(fk, { names: new Set() }), /notValid: true \}\)$/)
    assert.match(renderOperation(check, { names: new Set() }), /\{ notValid: true \}\)$/)
  })

  test('lint passes them on PostgreSQL', async () => {
    const lint = lintProjects()
    const { report } = await lint('postgresql', {
      upgrade:
        "  await op.createForeignKey('fk', 'orders', 'users', ['user_id'], ['id'], { notValid: true })\n" +
        "  await op.createCheckConstraint('ck', 'users', 'age > 0', { notValid: true })",
    })
    const codes = report.findings.map((finding) => finding.code)
    assert.ok(!codes.includes('add-foreign-key') && !codes.includes('add-check-constraint'), codes.join(', '))
  })
})
