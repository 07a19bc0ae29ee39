// Foreign keys on MariaDB that the models cannot follow, and the index
// InnoDB makes for a key. A key to a system-versioned table (left out of the
// models) stayed in them, and the rebuilt database refused it at upgrade
// (errno 150); a key to a table of another database became one to the table
// of that name here. Both are now listed as not represented and left out.
// Dropping a key left InnoDB's index for it behind, which check then wanted
// dropped; it now goes with the key, unless a key the models keep needs it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { adoptSource, pullAndRebuild, usePulledProject } from './pulled-project.js'
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const keys =
  'SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS k, REFERENCED_TABLE_NAME AS r FROM information_schema.KEY_COLUMN_USAGE ' +
  'WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY 1, 2'

describe('mysql: keys to tables not represented', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE prices (id INT PRIMARY KEY) WITH SYSTEM VERSIONING',
    'CREATE TABLE elsewhere (id INT PRIMARY KEY)',
    'CREATE TABLE parents (id INT PRIMARY KEY)',
    'CREATE TABLE children (id INT PRIMARY KEY, price_id INT, parent_id INT, far INT, ' +
      'CONSTRAINT fk_price FOREIGN KEY (price_id) REFERENCES prices (id), FOREIGN KEY (parent_id) REFERENCES parents (id))',
  ])
  // Made after the source and dropped after it: the source's key refers to it.
  let other: TestDatabase
  before(async () => {
    other = await createTestDatabase('mysql')
    await other.query('CREATE TABLE elsewhere (id INT PRIMARY KEY)')
  })
  after(() => other?.drop())

  test('pull lists the keys it leaves out, and the rebuilt database upgrades with the others', async () => {
    const { source, rebuilt, ws } = project()
    await source.query(`ALTER TABLE children ADD CONSTRAINT fk_far FOREIGN KEY (far) REFERENCES \`${other.name}\`.elsewhere (id)`)
    const { printed } = await pullAndRebuild(project())
    assert.match(printed, /foreign key to a table not represented children\.fk_price -> prices/)
    assert.match(printed, new RegExp(`foreign key to a table not represented children\\.fk_far -> ${other.name}\\.elsewhere`))
    assert.deepEqual(await rebuilt.query(keys), [{ t: 'children', k: 'children_ibfk_1', r: 'parents' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})

describe('mysql: the index InnoDB made for a dropped key', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p (id INT PRIMARY KEY)',
    'CREATE TABLE named (id INT PRIMARY KEY, pid INT, CONSTRAINT named_p FOREIGN KEY (pid) REFERENCES p (id))',
    'CREATE TABLE unnamed (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES p (id))',
    'CREATE TABLE changed (id INT PRIMARY KEY, pid INT, CONSTRAINT changed_p FOREIGN KEY (pid) REFERENCES p (id))',
  ])
  const indexes =
    'SELECT TABLE_NAME AS t, INDEX_NAME AS i FROM information_schema.STATISTICS ' +
    "WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY' AND TABLE_NAME <> 'athanor_version_history' ORDER BY 1, 2"

  test('goes with the key; a key made again keeps it; the downgrade brings both back', async () => {
    const { rebuilt, ws } = project()
    const { models } = await pullAndRebuild(project())
    // As in the source: a key made without a name, whose index InnoDB names after its column.
    await rebuilt.query('ALTER TABLE unnamed DROP FOREIGN KEY unnamed_ibfk_1')
    await rebuilt.query('ALTER TABLE unnamed DROP INDEX unnamed_ibfk_1')
    await rebuilt.query('ALTER TABLE unnamed ADD FOREIGN KEY (pid) REFERENCES p (id)')
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    const before = await rebuilt.query(indexes)
    assert.deepEqual(before, [
      { t: 'changed', i: 'changed_p' },
      { t: 'named', i: 'named_p' },
      { t: 'unnamed', i: 'pid' },
    ])
    const dropped = models
      .replace(/\{\s*foreignKeys: \[\s*foreignKey\(\['pid'\], 'p', \['id'\], \{ name: 'named_p' \}\),\s*\],\s*\}/, '{}')
      .replace(/\{\s*foreignKeys: \[\s*foreignKey\(\['pid'\], 'p', \['id'\], \{ name: 'unnamed_ibfk_1' \}\),\s*\],\s*\}/, '{}')
      .replace("{ name: 'changed_p' }", "{ name: 'changed_p', onDelete: 'CASCADE' }")
    assert.notEqual(dropped, models)
    writeFileSync(ws.models, dropped)
    await cliOk([...ws.base, 'migrate', '-m', 'drop keys'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rebuilt.query(indexes), [{ t: 'changed', i: 'changed_p' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rebuilt.query(indexes), before)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})

describe('mysql: an index of its author on a key column, named after the column', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p (id INT PRIMARY KEY)',
    'CREATE TABLE c (id INT NOT NULL, p_id INT NOT NULL, PRIMARY KEY (p_id, id), KEY p_id (p_id), ' +
      'CONSTRAINT fk_c_p FOREIGN KEY (p_id) REFERENCES p (id))',
  ])
  const indexes =
    "SELECT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' ORDER BY 1"

  test('is pulled and made again: InnoDB names its own after the key when the key has a name', async () => {
    const { source, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    assert.match(models, /index\('p_id', \['p_id'\]\)|name: 'p_id'/)
    assert.deepEqual(await rebuilt.query(indexes), await source.query(indexes))
  })
})

describe('mysql: a key made again on a renamed table, under its old InnoDB name', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p (code VARCHAR(10) NOT NULL PRIMARY KEY)',
    'CREATE TABLE c (id INT NOT NULL PRIMARY KEY, pc VARCHAR(10), KEY pc (pc), ' +
      'CONSTRAINT c_ibfk_1 FOREIGN KEY (pc) REFERENCES p (code) ON UPDATE CASCADE)',
  ])

  test('keeps its index hidden, and check clean', async () => {
    const { ws } = project()
    const { models, url } = await adoptSource(project())
    assert.doesNotMatch(models, /index\(/)
    const renamed = models.replace("table('c',", "table('c2',")
    writeFileSync(ws.models, renamed)
    await cliOk([...ws.base, 'migrate', '-m', 'rename', '--rename-table', 'c:c2', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    writeFileSync(ws.models, renamed.replace("onUpdate: 'CASCADE'", "onUpdate: 'CASCADE', onDelete: 'SET NULL'"))
    await cliOk([...ws.base, 'migrate', '-m', 'set null', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, 'No new upgrade operations detected.\n')
  })
})

describe('mysql: a dropped key whose index a kept key stands on', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p (id INT PRIMARY KEY, a INT, b INT, UNIQUE (a, b), UNIQUE (a))',
    'CREATE TABLE c (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT fk_ab FOREIGN KEY (a, b) REFERENCES p (a, b))',
    // InnoDB makes no index for this one: fk_ab's (a, b) serves it.
    'ALTER TABLE c ADD CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (a)',
  ])

  test('gives the kept key the index InnoDB would make for it, and check is clean both ways', async () => {
    const { source, ws } = project()
    const { models, url } = await adoptSource(project())
    const without = models.replace(/\s*foreignKey\(\['a', 'b'\], 'p', \['a', 'b'\], \{ name: 'fk_ab' \}\),/, '')
    assert.notEqual(without, models)
    writeFileSync(ws.models, without)
    await cliOk([...ws.base, 'migrate', '-m', 'one key', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    const keys = 'SELECT CONSTRAINT_NAME AS k FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()'
    const indexes =
      'SELECT INDEX_NAME AS i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c FROM information_schema.STATISTICS ' +
      "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c' AND INDEX_NAME <> 'PRIMARY' GROUP BY INDEX_NAME ORDER BY 1"
    assert.deepEqual(await source.query(keys), [{ k: 'fk_a' }])
    assert.deepEqual(await source.query(indexes), [{ i: 'fk_a', c: 'a' }])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    assert.equal((await source.query(keys)).length, 2)
    assert.deepEqual(await source.query(indexes), [{ i: 'fk_ab', c: 'a,b' }])
    // Without the revision the downgrade undid, the database is at head again, as adopted.
    const versions = join(ws.directory, 'versions')
    for (const name of readdirSync(versions).filter((file) => file.includes('one_key'))) rmSync(join(versions, name))
    writeFileSync(ws.models, models)
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
  })
})

describe('mysql: a dropped key whose index a key made again, or a renamed column, stands on', () => {
  const SOURCE = [
    'CREATE TABLE p (id INT PRIMARY KEY, a INT, b INT, UNIQUE (a, b), UNIQUE (a))',
    'CREATE TABLE c (id INT PRIMARY KEY, a INT, b INT, CONSTRAINT fk_ab FOREIGN KEY (a, b) REFERENCES p (a, b))',
    'ALTER TABLE c ADD CONSTRAINT z_a FOREIGN KEY (a) REFERENCES p (a)',
  ]
  const withoutFkAb = (models: string) => models.replace(/\s*foreignKey\(\['a', 'b'\], 'p', \['a', 'b'\], \{ name: 'fk_ab' \}\),/, '')
  const upgradedClean = async (ws: { base: readonly string[] }, url: readonly string[], migrate: readonly string[]) => {
    await cliOk([...ws.base, 'migrate', '-m', 'keys', ...migrate, ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
    assert.equal((await cli([...ws.base, 'check', ...url])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1', ...url])
    await cliOk([...ws.base, 'upgrade', ...url])
  }

  describe('the kept key changes its ON DELETE', () => {
    const project = usePulledProject('mysql', SOURCE)
    test('the index goes after the key is dropped, and the upgrade applies', async () => {
      const { ws } = project()
      const { models, url } = await adoptSource(project())
      const changed = withoutFkAb(models).replace("{ name: 'z_a' }", "{ name: 'z_a', onDelete: 'CASCADE' }")
      assert.match(changed, /onDelete: 'CASCADE'/)
      writeFileSync(ws.models, changed)
      await upgradedClean(ws, url, [])
    })
  })

  describe('the kept key is on a renamed column', () => {
    const project = usePulledProject('mysql', SOURCE)
    test('the index is made on the column as it is before the rename, named after the key', async () => {
      const { ws, source } = project()
      const { models, url } = await adoptSource(project())
      const renamed = withoutFkAb(models)
        .replace("foreignKey(['a'], 'p'", "foreignKey(['a2'], 'p'")
        .replace(/\n {2}a: /, '\n  a2: ')
      assert.match(renamed, /foreignKey\(\['a2'\]/)
      writeFileSync(ws.models, renamed)
      await upgradedClean(ws, url, ['--rename-column', 'c.a:a2'])
      const indexes =
        "SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c'"
      assert.deepEqual((await source.query(indexes)).map((row) => row['i']).sort(), ['PRIMARY', 'z_a'])
    })
  })
})

describe("mysql: an index made on a key's columns, which InnoDB then lets its own index go for", () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p (id INT PRIMARY KEY)',
    'CREATE TABLE c (id INT PRIMARY KEY, pid INT, d INT, CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id))',
  ])

  test('is undone by a downgrade that first makes that index again', async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    const indexed = models
      .replace('  foreignKeys: [', "  indexes: [index(['pid', 'd'], { name: 'ix_pid_d' })],\n  foreignKeys: [")
      .replace('import { col,', 'import { col, index,')
    assert.match(indexed, /ix_pid_d/)
    writeFileSync(ws.models, indexed)
    await cliOk([...ws.base, 'migrate', '-m', 'index'])
    await cliOk([...ws.base, 'upgrade'])
    const indexes =
      "SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'c'"
    const names = async () => (await rebuilt.query(indexes)).map((row) => row['i']).sort()
    assert.deepEqual(await names(), ['PRIMARY', 'ix_pid_d'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await names(), ['PRIMARY', 'fk_c_p'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})

describe('mysql: a key added to a table, and an index the models name after their key', () => {
  const project = usePulledProject('mysql', [
    'CREATE TABLE p2 (x INT PRIMARY KEY)',
    'CREATE TABLE child (id INT PRIMARY KEY, a INT, b INT)',
  ])
  const indexes =
    "SELECT DISTINCT INDEX_NAME AS i FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'child'"

  test("the downgrade of the key takes InnoDB's index with it; an index named after its key is that index", async () => {
    const { ws, rebuilt } = project()
    const { models } = await pullAndRebuild(project())
    const names = async () => (await rebuilt.query(indexes)).map((row) => row['i']).sort()
    const keyed = models
      .replace(/(table\('child', \{[\s\S]*?\n\})\)/, "$1, {\n  foreignKeys: [foreignKey(['a'], 'p2', ['x'], { name: 'fk_a' })],\n})")
      .replace('import { col,', 'import { col, foreignKey, index,')
    assert.match(keyed, /fk_a/)
    writeFileSync(ws.models, keyed)
    await cliOk([...ws.base, 'migrate', '-m', 'keyed'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await names(), ['PRIMARY', 'fk_a'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await names(), ['PRIMARY'])
    await cliOk([...ws.base, 'upgrade'])

    const named = keyed.replace(
      "  foreignKeys: [foreignKey(['a']",
      "  indexes: [index(['a'], { name: 'fk_a' })],\n  foreignKeys: [foreignKey(['a']",
    )
    assert.notEqual(named, keyed)
    writeFileSync(ws.models, named)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})
