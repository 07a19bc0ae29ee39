// A foreign key to columns the referred table holds by no key is refused by
// PostgreSQL (no unique of exactly those columns) and MariaDB (no index
// starting with them) when the key is made: at upgrade, after the
// statements before it ran. migrate and check now refuse such models,
// naming both tables; what the database accepts, they accept. SQLite makes
// such a key and refuses every row later: a migration that would make one
// is refused too, while one a database already holds is left alone.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Models of a `users` table and an `orders` table whose key refers to `users.email`; `usersExtra` goes into users' options. */
function models(usersExtra: string, emailColumn = 'col.string(80).notNull()'): string {
  return (
    "import { col, defineModels, index, table, unique } from 'athanor'\n" +
    "export const users = table('users', " +
    `{ id: col.integer().primaryKey(), email: ${emailColumn}, name: col.string(80) }, { ${usersExtra} })\n` +
    "export const orders = table('orders', " +
    "{ id: col.integer().primaryKey(), user_email: col.string(80).references('users', { column: 'email' }) })\n" +
    'export default defineModels(users, orders)\n'
  )
}

for (const dialect of ['postgresql', 'mysql'] as const) {
  describe(`${dialect}: a foreign key no key of the referred table holds`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('the database itself refuses it when the key is made', async () => {
      await db.query('CREATE TABLE probe_users (id integer PRIMARY KEY, email varchar(80) NOT NULL)')
      await assert.rejects(
        db.query('CREATE TABLE probe_orders (id integer PRIMARY KEY, e varchar(80), FOREIGN KEY (e) REFERENCES probe_users (email))'),
      )
      await db.query('DROP TABLE probe_users')
    })

    test('is refused at migrate and check, naming both tables, and no script is written', async () => {
      writeFileSync(ws.models, models(''))
      const before = readdirSync(join(ws.directory, 'versions')).length
      const mentions = ['"orders"', '"users"', 'email', 'no key holds']
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, ...mentions)
      // check exits 2 on any error: the question could not be answered.
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...mentions)
      assert.equal(readdirSync(join(ws.directory, 'versions')).length, before)
    })

    test('a column the referred table does not have is named', async () => {
      writeFileSync(ws.models, models('', 'col.string(80).notNull()').replace("{ column: 'email' }", "{ column: 'mail' }"))
      assertCleanError(
        await cli([...ws.base, 'migrate', '-m', 'refused']),
        { code: 'INVALID_MODEL' },
        '"orders"',
        '"mail"',
        'no such column',
      )
    })

    test('a unique index of the referred column holds it: migrate, upgrade and check are clean', async () => {
      writeFileSync(ws.models, models("indexes: [index(['email'], { unique: true, name: 'users_email' })]"))
      await cliOk([...ws.base, 'migrate', '-m', 'keyed'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
    })
  })
}

describe('mysql: the leading columns of any index hold a key, as InnoDB counts them', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('a plain index starting with the column is enough, and the server agrees', async () => {
    writeFileSync(ws.models, models("indexes: [index(['email', 'name'], { name: 'users_email_name' })]"))
    await cliOk([...ws.base, 'migrate', '-m', 'indexed'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })

  test('an index where the column comes second is not', async () => {
    writeFileSync(ws.models, models("indexes: [index(['name', 'email'], { name: 'users_name_email' })]"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, '"orders"', 'in this order')
  })
})

describe('postgresql: a plain index is not a key', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('a non-unique index of the referred column is refused', async () => {
    writeFileSync(ws.models, models("indexes: [index(['email'], { name: 'users_email' })]"))
    assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'refused']),
      { code: 'INVALID_MODEL' },
      'unique index of exactly these columns',
    )
  })

  test('a unique constraint over the same columns in another order holds it', async () => {
    writeFileSync(
      ws.models,
      models("uniques: [unique(['name', 'email'], { name: 'users_name_email' })]")
        .replace(
          "user_email: col.string(80).references('users', { column: 'email' })",
          'user_email: col.string(80), user_name: col.string(80) }, ' +
            "{ foreignKeys: [foreignKey(['user_email', 'user_name'], 'users', ['email', 'name'])]",
        )
        .replace('import { col,', 'import { foreignKey, col,'),
    )
    await cliOk([...ws.base, 'migrate', '-m', 'keyed'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })
})

describe('sqlite: such a key is refused when a migration would make it, and left alone where the database holds it', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)

  test('SQLite makes the table, then refuses every row written to it', async () => {
    await db.query('CREATE TABLE probe_users (id integer PRIMARY KEY, email varchar(80) NOT NULL)')
    await db.query('CREATE TABLE probe_orders (id integer PRIMARY KEY, e varchar(80) REFERENCES probe_users (email))')
    await db.query("INSERT INTO probe_users VALUES (1, 'a')")
    await db.query('PRAGMA foreign_keys = ON')
    await assert.rejects(db.query("INSERT INTO probe_orders VALUES (1, 'a')"), /foreign key mismatch/)
    await db.query('DROP TABLE probe_orders')
    await db.query('DROP TABLE probe_users')
  })

  test('a new key is refused at migrate and check, naming both tables', async () => {
    writeFileSync(ws.models, models(''))
    const mentions = ['"orders"', '"users"', 'email', 'no key holds']
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, ...mentions)
    assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...mentions)
    writeFileSync(ws.models, models('').replace("{ column: 'email' }", "{ column: 'mail' }"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, '"mail"', 'no such column')
  })

  test('one the database already holds is no change: its models load and check is clean', async () => {
    await db.query('CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(80) NOT NULL, name VARCHAR(80))')
    await db.query(
      'CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, user_email VARCHAR(80), FOREIGN KEY (user_email) REFERENCES users (email))',
    )
    writeFileSync(ws.models, models(''))
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })
})
