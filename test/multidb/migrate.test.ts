import assert from 'node:assert/strict'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { checkModels, migrate } from '../../src/index.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { tableNames, versionRows } from '../helpers/project.js'
import { multidbProject } from './helpers.js'

/** MARS-labs' layout: chatbot on the default database, user and progress on db1, another progress on db2. */
function models(withEmail: boolean): string {
  return `import { col, defineModels, table } from 'athanor'
export const chatbot = table('chatbot', {
  id: col.integer().primaryKey(),
  user_message: col.text(),
})
export const user = table('user', {
  id: col.integer().primaryKey(),
  first_name: col.string(50).notNull(),${withEmail ? '\n  email: col.string(120),' : ''}
}, { bind: 'db1' })
export const progress1 = table('progress', {
  id: col.integer().primaryKey(),
  user_id: col.integer().references('user'),
  progress_data: col.json(),
}, { bind: 'db1' })
export const progress2 = table('progress', {
  id: col.integer().primaryKey(),
  classes: col.integer(),
}, { bind: 'db2' })
export default defineModels(chatbot, user, progress1, progress2)
`
}

function newScripts(versions: string, before: readonly string[]): string[] {
  return readdirSync(versions).filter((name) => !before.includes(name))
}

describe('migrate with several databases', () => {
  test('writes one upgrade and one downgrade per database; check is clean after upgrade', async () => {
    const project = multidbProject()
    project.config("  models: '../models.ts',\n")
    const modelsFile = join(project.root, 'models.ts')
    writeFileSync(modelsFile, models(false))

    const first = await cliOk([...project.base, 'migrate', '-m', 'initial', '--rev-id', 'm1'])
    assert.match(first.stderr, /^default: Detected add table chatbot$/m)
    assert.match(first.stderr, /^db2: Detected add table progress$/m)
    const [file] = newScripts(project.versions, [])
    const text = readFileSync(join(project.versions, file!), 'utf8')
    assert.match(text, /export const upgrades: DatabaseMigrations = \{\n {2}async default\(op\) \{\n {4}await op\.createTable\('chatbot'/)
    assert.match(text, /\n {2}async db1\(op\) \{\n {4}await op\.createTable\('user'[\s\S]*await op\.createTable\('progress'/)
    assert.match(text, /export const downgrades: DatabaseMigrations = \{[\s\S]*async db2\(op\) \{\n {4}await op\.dropTable\('progress'\)/)

    assertCleanError(await cli([...project.base, 'check']), { status: 2 }, 'database default:', 'not at head')
    await cliOk([...project.base, 'upgrade'])
    assert.deepEqual(tableNames(project.files['db1']!), ['athanor_version', 'progress', 'user'])
    assert.deepEqual(tableNames(project.files['db2']!), ['athanor_version', 'progress'])
    assert.equal((await cliOk([...project.base, 'check'])).stdout, 'No new upgrade operations detected.\n')

    // A model change on one database: the other functions say there is nothing to do.
    // A new file name, since a module is imported once per process.
    const changed = join(project.root, 'models-v2.ts')
    writeFileSync(changed, models(true))
    const drift = await cli([...project.base, 'check', '--models', changed])
    assert.equal(drift.status, 1)
    assert.match(drift.stdout, /^ {2}db1: add column user\.email$/m)
    const result = await migrate({
      directory: project.migrations,
      env: {},
      models: changed,
      message: 'add email column to users table',
      revId: 'm2',
    })
    assert.deepEqual(
      result.databases?.map((d) => [d.database, d.ops.length]),
      [
        ['default', 0],
        ['db1', 1],
        ['db2', 0],
      ],
    )
    const second = readFileSync(result.revision!.path, 'utf8')
    assert.match(second, /async default\(_op\) \{\n {4}\/\/ nothing to do in default\n/)
    assert.match(second, /async db1\(op\) \{\n {4}await op\.batchAlterTable\('user', \(batch\) => \{\n {6}batch\.addColumn\(/)
    await cliOk([...project.base, 'upgrade'])
    for (const file of Object.values(project.files)) assert.deepEqual(versionRows(file), ['m2'])
    assert.deepEqual((await checkModels({ directory: project.migrations, env: {}, models: changed })).differences, [])

    // With --db, only that database is compared.
    const one = await checkModels({ directory: project.migrations, env: {}, models: changed, db: 'db2' })
    assert.deepEqual(
      one.databases?.map((d) => d.database),
      ['db2'],
    )
  })

  test('a bind naming no database, and a bind in a single-database project, are errors', async () => {
    const project = multidbProject(['default', 'db1'])
    project.config("  models: '../models.ts',\n")
    writeFileSync(join(project.root, 'models.ts'), models(false))
    assertCleanError(await cli([...project.base, 'check']), { status: 2 }, '"progress"', "bind 'db2'", 'default, db1')
    const single = join(project.migrations, 'single.config.ts')
    writeFileSync(single, `export default { url: 'sqlite:///${project.files['default']}', models: '../models.ts' }\n`)
    assertCleanError(await cli([...project.base, '-c', single, 'check']), { status: 2 }, "bind 'db1'", 'declares no databases')
  })
})

describe('offline --sql with several databases', () => {
  test('one section per database, headed with its name and URL, in its own dialect', async () => {
    const project = multidbProject(['default', 'reports'])
    project.config("  models: '../models.ts',\n", { reports: 'postgresql://app:secret@127.0.0.1/reports' })
    project.script(
      'o1_first.ts',
      [
        "export const revision = 'o1'",
        'export const downRevision = null',
        'export const branchLabels = null',
        'export const dependsOn = null',
        'export const upgrades = { async default(op: any) { ' +
          "await op.createTable('a', [{ name: 'id', type: 'integer', primaryKey: true }]) } }",
        'export const downgrades = {}',
        '',
      ].join('\n'),
    )
    const { stdout } = await cliOk([...project.base, 'upgrade', '--sql'])
    const sections = stdout.split(/^-- =+\n(?=-- Database )/m).filter((part) => part.trim() !== '')
    assert.equal(sections.length, 2)
    assert.match(sections[0]!, new RegExp(`^-- Database default: sqlite:///${project.files['default']}\n`))
    assert.match(sections[0]!, /CREATE TABLE "a"/)
    assert.match(sections[0]!, /INSERT INTO "athanor_version" \("version_num"\) VALUES \('o1'\)/)
    // The password never shows; the reports database only moves its version row.
    assert.match(sections[1]!, /^-- Database reports: postgresql:\/\/app:\*\*\*@127\.0\.0\.1\/reports\n/)
    assert.doesNotMatch(sections[1]!, /CREATE TABLE "a"/)
    assert.match(sections[1]!, /INSERT INTO "athanor_version" \("version_num"\) VALUES \('o1'\)/)

    const one = await cliOk([...project.base, 'downgrade', 'o1:base', '--sql', '--db', 'default'])
    assert.match(one.stdout, /^-- Database default: /m)
    assert.doesNotMatch(one.stdout, /-- Database reports/)
    assert.match(one.stdout, /DELETE FROM "athanor_version"/)
  })
})

describe('a SQLite and a PostgreSQL database in one project', () => {
  let pg: TestDatabase
  before(async () => {
    pg = await createTestDatabase('postgresql')
  })
  after(async () => {
    await pg?.drop()
  })

  test('migrate, upgrade, check and downgrade across both', async () => {
    const project = multidbProject(['default', 'db1', 'db2'])
    project.config("  models: '../models.ts',\n", { db1: pg.url })
    writeFileSync(join(project.root, 'models.ts'), models(false))
    await cliOk([...project.base, 'migrate', '-m', 'initial', '--rev-id', 'x1'])
    await cliOk([...project.base, 'upgrade'])
    const rows = await pg.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
    assert.deepEqual(
      rows.map((row) => row['table_name']),
      ['athanor_version', 'athanor_version_history', 'progress', 'user'],
    )
    assert.equal((await cliOk([...project.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await cliOk([...project.base, 'downgrade', 'base'])
    assert.deepEqual((await pg.query('SELECT version_num FROM athanor_version')).length, 0)
    assert.deepEqual(tableNames(project.files['db2']!), ['athanor_version'])
  })
})
