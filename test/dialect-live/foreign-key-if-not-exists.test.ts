// A script outside a transaction commits each statement on its own; after it
// stops halfway, `resolve --retry` runs it again from the top. A foreign key
// made with `{ ifNotExists: true }` is guarded on PostgreSQL (a DO block); on
// MariaDB the option was dropped, so the retry failed at the key the first run
// had made ("Duplicate key on write or update"), and on SQLite the table
// rebuild wrote the key a second time. MariaDB now writes FOREIGN KEY IF NOT
// EXISTS, and SQLite's rebuild adds no key of that name the table already has.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, useTestDatabase } from '../helpers/databases.js'
import { FIRST_USERS_PRODUCTS as FIRST, firstRevisionProject } from '../autogenerate/first-project.js'
import { isAthanorError } from '../../src/core/errors.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import { runOps } from './fixture.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-fk-if-not-exists-'))
after(() => rmSync(work, { recursive: true, force: true }))

const SECOND = [
  "export const revision = 'bb02'",
  "export const downRevision = 'aa01'",
  'export const transactional = false',
  'export async function upgrade(op: any) {',
  "  await op.createForeignKey('fk_products_owner_users', 'products', 'users', ['owner'], ['id'], { ifNotExists: true })",
  "  await op.createCheckConstraint('ck_positive', 'products', 'price >= 0')",
  '}',
  'export async function downgrade(op: any) {}',
  '',
].join('\n')

const MODELS = [
  "import { check, col, defineModels, table } from 'athanor'",
  "export const users = table('users', { id: col.integer().primaryKey() })",
  "export const products = table('products', {",
  "  id: col.integer().primaryKey(), price: col.integer(), owner: col.integer().references('users') },",
  "  { checks: [check('ck_positive', 'price >= 0')] })",
  'export default defineModels(users, products)',
  '',
].join('\n')

const KEY: Operation = {
  kind: 'create_foreign_key',
  table: 'products',
  constraint: { name: 'fk_products_owner_users', columns: ['owner'], referredTable: 'users', referredColumns: ['id'] },
  ifNotExists: true,
}

describe('foreign key ifNotExists: SQL text', () => {
  test('MariaDB writes FOREIGN KEY IF NOT EXISTS; a key without a name has nothing to guard by', () => {
    assert.deepEqual(
      mysqlCompiler.compileSql(KEY, 'offline').map((s) => s.sql),
      ['ALTER TABLE `products` ADD CONSTRAINT `fk_products_owner_users` FOREIGN KEY IF NOT EXISTS (`owner`) REFERENCES `users` (`id`)'],
    )
    const { name: _, ...unnamed } = (KEY as Extract<Operation, { kind: 'create_foreign_key' }>).constraint
    assert.deepEqual(
      mysqlCompiler.compileSql({ ...KEY, constraint: unnamed } as Operation, 'offline').map((s) => s.sql),
      ['ALTER TABLE `products` ADD FOREIGN KEY (`owner`) REFERENCES `users` (`id`)'],
    )
  })
})

const keys = async (db: TestDatabase): Promise<number> => {
  const sql =
    db.dialect === 'sqlite'
      ? "SELECT count(DISTINCT id) AS n FROM pragma_foreign_key_list('products')"
      : 'SELECT count(*) AS n FROM information_schema.referential_constraints ' +
        "WHERE constraint_schema = DATABASE() AND table_name = 'products'"
  const [row] = await db.query(sql)
  return Number(row!['n'])
}

for (const dialect of ['mysql', 'sqlite'] as const)
  describe(`${dialect}: a non-transactional script stopped after a foreign key made ifNotExists`, () => {
    const db = useTestDatabase(dialect)

    test('runs again with resolve --retry once the cause is fixed, the key made once', async () => {
      const migrations = firstRevisionProject(work, dialect, { first: FIRST, models: MODELS })
      writeFileSync(join(migrations, 'versions', 'bb02_key.ts'), SECOND)
      const base = ['-d', migrations, '--url', db.url]
      await cliOk(['upgrade', 'aa01', ...base])
      await db.query('INSERT INTO users VALUES (1)')
      await db.query('INSERT INTO products VALUES (1, -10, 1)')
      const failed = await cli(['upgrade', ...base])
      assert.match(failed.stderr, /failed (at|after) statement \d+ of the migration/, failed.stderr)
      assert.equal(await keys(db), 1)
      await db.query('UPDATE products SET price = 0')
      const retried = await cli(['resolve', 'bb02', '--retry', ...base])
      assert.equal(retried.status, 0, retried.stdout + retried.stderr)
      assert.equal(await keys(db), 1)
      const check = await cli(['check', ...base])
      assert.equal(check.status, 0, check.stdout + check.stderr)
    })
  })

describe('sqlite: a rebuild that adds a foreign key of a name the table has', () => {
  const db = useTestDatabase('sqlite')

  test('adds none with ifNotExists to the same table; refuses it otherwise, as PostgreSQL and MariaDB refuse the ADD', async () => {
    const connection = await db.connect()
    try {
      const table = (name: string) => ({
        kind: 'create_table' as const,
        table: { name, columns: [{ name: 'id', type: { kind: 'integer' as const }, primaryKey: true }] },
      })
      const owner = { kind: 'add_column' as const, table: 'products', column: { name: 'owner', type: { kind: 'integer' as const } } }
      await runOps(connection, table('users'), table('teams'), table('products'), owner, KEY, KEY)
      assert.equal(await keys(db), 1)
      const plain: Operation = { ...KEY, ifNotExists: false }
      const duplicate = (e: unknown) =>
        isAthanorError(e, 'SQLITE_DUPLICATE_CONSTRAINT') && /"fk_products_owner_users" to "users"/.test(String(e))
      await assert.rejects(runOps(connection, plain), duplicate)
      const elsewhere = {
        ...KEY,
        constraint: { ...(KEY as Extract<Operation, { kind: 'create_foreign_key' }>).constraint, referredTable: 'teams' },
      }
      await assert.rejects(runOps(connection, elsewhere), duplicate)
      assert.equal(await keys(db), 1)
    } finally {
      await connection.close()
    }
  })
})

// The reverse of a key made ifNotExists is a drop ifExists, which MySQL's compiler refused for any constraint but a
// check; MariaDB has DROP FOREIGN KEY IF EXISTS (MySQL 8 has not, and refuses it).
describe('mysql: the reverse of a foreign key made ifNotExists', () => {
  const db = useTestDatabase('mysql')

  test('drops it IF EXISTS, so it runs twice', async () => {
    const back = reverseOperation(KEY)
    assert.deepEqual(
      mysqlCompiler.compileSql(back, 'offline').map((s) => s.sql),
      ['ALTER TABLE `products` DROP FOREIGN KEY IF EXISTS `fk_products_owner_users`'],
    )
    const connection = await db.connect()
    try {
      await runOps(
        connection,
        { kind: 'execute', sql: 'CREATE TABLE users (id integer PRIMARY KEY)' },
        { kind: 'execute', sql: 'CREATE TABLE products (id integer PRIMARY KEY, owner integer)' },
        KEY,
        KEY,
      )
      assert.equal(await keys(db), 1)
      await runOps(connection, back, back)
      assert.equal(await keys(db), 0)
    } finally {
      await connection.close()
    }
  })
})
