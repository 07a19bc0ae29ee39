// SQLite keeps a constraint created without a name unnamed, and `pull`
// writes it so (`check(null, …)`, `name: null`). The differ compared only
// named checks and dropped only named uniques and foreign keys: a changed,
// removed or added unnamed check was "no change", a removed unnamed unique
// stayed, a changed one was added next to the old under a name, and an
// unnamed foreign key given another action was added a second time, then
// dropped and added again on every later migration. A column with an inline
// UNIQUE, renamed, got a second UNIQUE constraint beside the first.
// PostgreSQL and MariaDB, which name every constraint, must keep matching
// the unnamed constraints of the models to the ones they named.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestDatabase, type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

function script(ws: Workspace, message: string): string {
  const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(`_${message}.ts`))
  return readFileSync(join(ws.directory, 'versions', file!), 'utf8')
}

/** Writes the models, migrates and upgrades, and asserts `check` is clean after. */
async function evolve(ws: Workspace, models: string, message: string, args: readonly string[] = []): Promise<string> {
  writeFileSync(ws.models, models)
  await cliOk([...ws.base, 'migrate', '-m', message, ...args])
  await cliOk([...ws.base, 'upgrade'])
  assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN, `check is clean after ${message}`)
  return script(ws, message)
}

/** Upgrades to head again after a downgrade, and asserts `check` is clean. */
async function upAgain(ws: Workspace): Promise<void> {
  await cliOk([...ws.base, 'upgrade'])
  assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN, 'check is clean after upgrading again')
}

async function tableSql(db: TestDatabase, table: string): Promise<string> {
  const [row] = await db.query('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?', ['table', table])
  return String(row?.['sql'])
}

async function refused(db: TestDatabase, sql: string): Promise<boolean> {
  try {
    await db.query(sql)
    return false
  } catch {
    return true
  }
}

describe('sqlite: an unnamed check', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)
  const models = (...checks: string[]) =>
    [
      "import { check, col, defineModels, table } from 'athanor'",
      "export const t = table('t', { id: col.integer().primaryKey(), n: col.integer() }, {",
      `  checks: [${checks.map((expression) => `check(null, ${JSON.stringify(expression)})`).join(', ')}],`,
      '})',
      'export default defineModels(t)',
    ].join('\n')
  const rows = () => db.query('SELECT id, n FROM t ORDER BY id')

  const kept = [
    { id: 1, n: 1 },
    { id: 2, n: 2 },
  ]

  test('changed: the old one goes, the new one comes, unnamed; down and up again', async () => {
    await evolve(ws, models('n <> 7'), 'init')
    await db.query('INSERT INTO t (id, n) VALUES (1, 1), (2, 2)')

    const body = await evolve(ws, models('n <> 9'), 'changed')
    assert.match(body, /dropConstraint\(null, \{ type: 'check', expression: 'n <> 7' \}\)/)
    assert.match(body, /createCheckConstraint\(null, 'n <> 9'\)/)
    assert.doesNotMatch(await tableSql(db, 't'), /CONSTRAINT|n <> 7/)
    assert.deepEqual(await rows(), kept)
    assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)'))
    assert.ok(!(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 7)')))
    await db.query('DELETE FROM t WHERE id = 3')

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rows(), kept)
    assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 7)'))
    assert.ok(!(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)')))
    await db.query('DELETE FROM t WHERE id = 3')
    await upAgain(ws)
  })

  test('added next to it, then both removed; the downgrade brings each back', async () => {
    await evolve(ws, models('n <> 9', 'n < 100'), 'added')
    assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 100)'))
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.ok(!(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 100)')))
    await db.query('DELETE FROM t WHERE id = 3')
    await upAgain(ws)

    const body = await evolve(ws, models(), 'removed')
    assert.equal(body.match(/dropConstraint\(null, \{ type: 'check'/g)?.length, 2)
    assert.doesNotMatch(await tableSql(db, 't'), /CHECK/)
    assert.deepEqual(await rows(), kept)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)'))
    assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 100)'))
    assert.deepEqual(await rows(), kept)
    await upAgain(ws)
  })
})

describe('sqlite: an unnamed unique constraint', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)
  const models = (uniques: string) =>
    [
      "import { col, defineModels, table, unique } from 'athanor'",
      "export const t = table('t', { id: col.integer().primaryKey(), a: col.text(), b: col.text() }, {",
      `  uniques: [${uniques}],`,
      '})',
      'export default defineModels(t)',
    ].join('\n')
  const rows = () => db.query('SELECT id, a, b FROM t ORDER BY id')
  const ab = "unique(['a', 'b'], { name: null })"

  test('on other columns: the old one goes, the new one stays unnamed; down and up again', async () => {
    await evolve(ws, models(ab), 'init')
    await db.query("INSERT INTO t (id, a, b) VALUES (1, 'x', 'p'), (2, 'y', 'p')")

    const body = await evolve(ws, models("unique(['a'], { name: null })"), 'narrowed')
    assert.match(body, /dropConstraint\(null, \{ type: 'unique', columns: \['a', 'b'\] \}\)/)
    assert.match(body, /createUniqueConstraint\(null, \['a'\]\)/)
    assert.doesNotMatch(await tableSql(db, 't'), /CONSTRAINT|"b"\)/)
    assert.ok(await refused(db, "INSERT INTO t (id, a, b) VALUES (3, 'x', 'q')"))
    assert.deepEqual(await rows(), [
      { id: 1, a: 'x', b: 'p' },
      { id: 2, a: 'y', b: 'p' },
    ])

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.ok(!(await refused(db, "INSERT INTO t (id, a, b) VALUES (3, 'x', 'q')")))
    await db.query('DELETE FROM t WHERE id = 3')
    await upAgain(ws)
  })

  test('removed: dropped; the downgrade brings it back', async () => {
    await evolve(ws, models(''), 'removed')
    assert.doesNotMatch(await tableSql(db, 't'), /UNIQUE/)
    assert.ok(!(await refused(db, "INSERT INTO t (id, a, b) VALUES (3, 'x', 'q')")))
    await db.query('DELETE FROM t WHERE id = 3')
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.ok(await refused(db, "INSERT INTO t (id, a, b) VALUES (3, 'x', 'q')"))
    assert.deepEqual(await rows(), [
      { id: 1, a: 'x', b: 'p' },
      { id: 2, a: 'y', b: 'p' },
    ])
    await upAgain(ws)
  })
})

describe('sqlite: an unnamed foreign key', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)
  const models = (foreignKeys: string) =>
    [
      "import { col, defineModels, foreignKey, table } from 'athanor'",
      "export const p = table('p', { id: col.integer().primaryKey() })",
      "export const c = table('c', { id: col.integer().primaryKey(), pid: col.integer() }, {",
      `  foreignKeys: [${foreignKeys}],`,
      '})',
      'export default defineModels(p, c)',
    ].join('\n')
  const key = (action: string) => `foreignKey(['pid'], 'p', ['id'], { name: null, onDelete: '${action}' })`
  const rows = () => db.query('SELECT id, pid FROM c ORDER BY id')

  test('given another action: replaced by one key, unnamed, and nothing left to do; down and up again', async () => {
    await evolve(ws, models(key('CASCADE')), 'init')
    await db.query('INSERT INTO p (id) VALUES (1), (2), (3)')
    await db.query('INSERT INTO c (id, pid) VALUES (10, 1), (20, 2), (30, 3)')

    const body = await evolve(ws, models(key('SET NULL')), 'action')
    assert.match(body, /dropConstraint\(null, \{ type: 'foreignkey', columns: \['pid'\] \}\)/)
    assert.match(body, /createForeignKey\(null, 'p'/)
    const sql = await tableSql(db, 'c')
    assert.equal(sql.match(/FOREIGN KEY/g)?.length, 1, sql)
    assert.doesNotMatch(sql, /CONSTRAINT/)
    await db.query('DELETE FROM p WHERE id = 1')
    assert.deepEqual(await rows(), [
      { id: 10, pid: null },
      { id: 20, pid: 2 },
      { id: 30, pid: 3 },
    ])

    await cliOk([...ws.base, 'downgrade', '-1'])
    await db.query('DELETE FROM p WHERE id = 2')
    assert.deepEqual(await rows(), [
      { id: 10, pid: null },
      { id: 30, pid: 3 },
    ])
    await upAgain(ws)
  })

  test('removed: dropped; the downgrade brings it back', async () => {
    await evolve(ws, models(''), 'removed')
    assert.deepEqual(await db.query('SELECT * FROM pragma_foreign_key_list(?)', ['c']), [])
    await cliOk([...ws.base, 'downgrade', '-1'])
    await db.query('DELETE FROM p WHERE id = 3')
    assert.deepEqual(await rows(), [
      { id: 10, pid: null },
      { id: 30, pid: null },
    ])
    await upAgain(ws)
  })
})

for (const server of ['sqlite', 'postgresql', 'mysql'] satisfies TestServer[]) {
  describe(`${server}: a renamed column with an inline UNIQUE and an unnamed check`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const models = (name: string) =>
      [
        "import { check, col, defineModels, table } from 'athanor'",
        `export const t = table('t', { id: col.integer().primaryKey(), ${name}: col.string(50).notNull().unique() }, {`,
        `  checks: [check(null, "${name} <> ''")],`,
        '})',
        'export default defineModels(t)',
      ].join('\n')

    test('is only the rename, both ways', async () => {
      await evolve(ws, models('email'), 'init')
      await db.query("INSERT INTO t (id, email) VALUES (1, 'a@x'), (2, 'b@x')")

      const body = await evolve(ws, models('mail'), 'renamed', ['--rename-column', 't.email:mail'])
      assert.doesNotMatch(body, /Constraint/)
      assert.match(body, /newName: 'mail'/)
      if (server === 'sqlite') {
        const sql = await tableSql(db, 't')
        assert.equal(sql.match(/UNIQUE/g)?.length, 1, sql)
        assert.equal(sql.match(/CHECK/g)?.length, 1, sql)
      }
      assert.deepEqual(await db.query('SELECT id, mail FROM t ORDER BY id'), [
        { id: 1, mail: 'a@x' },
        { id: 2, mail: 'b@x' },
      ])
      assert.ok(await refused(db, "INSERT INTO t (id, mail) VALUES (3, 'a@x')"))
      assert.ok(await refused(db, "INSERT INTO t (id, mail) VALUES (3, '')"))

      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.deepEqual(await db.query('SELECT id, email FROM t ORDER BY id'), [
        { id: 1, email: 'a@x' },
        { id: 2, email: 'b@x' },
      ])
      assert.ok(await refused(db, "INSERT INTO t (id, email) VALUES (3, 'a@x')"))
      await upAgain(ws)
    })
  })
}

// PostgreSQL and MariaDB name a check the models leave unnamed. It was taken
// for a check the models no longer have, so the next migration dropped it.
for (const server of ['postgresql', 'mysql'] satisfies TestServer[]) {
  describe(`${server}: an unnamed check, which the database names`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const models = (...checks: string[]) =>
      [
        "import { check, col, defineModels, table } from 'athanor'",
        "export const t = table('t', { id: col.integer().primaryKey(), n: col.integer() }, {",
        `  checks: [${checks.map((expression) => `check(null, ${JSON.stringify(expression)})`).join(', ')}],`,
        '})',
        'export default defineModels(t)',
      ].join('\n')
    const kept = [
      { id: 1, n: 1 },
      { id: 2, n: 2 },
    ]
    const rows = () => db.query('SELECT id, n FROM t ORDER BY id')

    test('stays; changed, it is replaced under a name of its expression; removed, dropped; each way back', async () => {
      await evolve(ws, models('n <> 7'), 'init')
      await db.query('INSERT INTO t (id, n) VALUES (1, 1), (2, 2)')

      const body = await evolve(ws, models('n <> 9'), 'changed')
      assert.match(body, /createCheckConstraint\('ck_t_[0-9a-f]{8}', 't', 'n <> 9'/)
      assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)'))
      assert.deepEqual(await rows(), kept)
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 7)'))
      assert.ok(!(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)')))
      await db.query('DELETE FROM t WHERE id = 3')
      await upAgain(ws)

      await evolve(ws, models(), 'removed')
      assert.ok(!(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)')))
      await db.query('DELETE FROM t WHERE id = 3')
      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.ok(await refused(db, 'INSERT INTO t (id, n) VALUES (3, 9)'))
      assert.deepEqual(await rows(), kept)
      await upAgain(ws)
    })
  })
}
