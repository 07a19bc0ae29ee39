import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { current, downgrade, stamp, upgrade } from '../../src/index.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { tableNames, versionRows as rowsOf } from '../helpers/project.js'
import { multidbProject, multidbScript, tableBody } from './helpers.js'

/** The version rows; `[]` for a database file never created (a database no run reached). */
const versionRows = (file: string) => (existsSync(file) ? rowsOf(file) : [])

const A = 'aaaa00000001'
const B = 'bbbb00000002'
const C = 'cccc00000003'

/** Three revisions: A touches default and db1, B only db2, C only db1. */
function threeRevisions() {
  const project = multidbProject()
  project.script(`${A}_first.ts`, multidbScript(A, null, { default: tableBody('chatbot'), db1: tableBody('user') }, 'first'))
  project.script(`${B}_second.ts`, multidbScript(B, A, { db2: tableBody('progress') }, 'second'))
  project.script(`${C}_third.ts`, multidbScript(C, B, { db1: tableBody('progress') }, 'third'))
  return project
}

describe('init --multidb', () => {
  test('scaffolds a config mapping names to URLs and a per-database script template', async () => {
    const project = multidbProject()
    const dir = join(project.root, 'fresh')
    await cliOk(['init', dir, '--multidb', '--databases', 'default,db1,db2'])
    const config = readFileSync(join(dir, 'athanor.config.ts'), 'utf8')
    assert.match(
      config,
      /databases: \{\n {4}default: \{ url: env\('DATABASE_URL'\) \},\n {4}db1: \{ url: env\('DATABASE_URL_DB1'\) \},\n {4}db2: /,
    )
    assert.match(readFileSync(join(dir, 'script.ts.template'), 'utf8'), /export const upgrades: DatabaseMigrations = \{\n\{\{upgrades\}\}/)

    await cliOk(['-d', dir, 'revision', '-m', 'empty', '--rev-id', 'e1'])
    const [file] = readdirSync(join(dir, 'versions'))
    const text = readFileSync(join(dir, 'versions', file!), 'utf8')
    for (const name of ['default', 'db1', 'db2'])
      assert.match(text, new RegExp(`async ${name}\\(_op\\) \\{\\n {4}// nothing to do in ${name}\\n {2}\\},`))
  })

  test('defaults to default and db1, and refuses a name that is no identifier', async () => {
    const project = multidbProject()
    await cliOk(['init', join(project.root, 'two'), '--multidb'])
    assert.match(readFileSync(join(project.root, 'two', 'athanor.config.ts'), 'utf8'), /default: .*\n {4}db1: .*\n {2}\},/)
    assertCleanError(
      await cli(['init', join(project.root, 'bad'), '--multidb', '--databases', 'default,my-db']),
      { code: 'INVALID_OPTION' },
      '"my-db"',
      'identifier',
    )
  })
})

describe('multidb upgrade, downgrade, current, stamp', () => {
  test('upgrade applies every revision to every database, each with its own version table', async () => {
    const project = threeRevisions()
    const result = await cliOk([...project.base, 'upgrade'])
    for (const name of ['default', 'db1', 'db2']) {
      assert.deepEqual(versionRows(project.files[name]!), [C], name)
      assert.match(result.stderr, new RegExp(`^${name}: Now at ${C}\\.$`, 'm'))
    }
    // Every line about a step names its database.
    assert.match(result.stderr, new RegExp(`^db2: Running upgrade  -> ${A}, first$`, 'm'))
    assert.deepEqual(tableNames(project.files['default']!), ['athanor_version', 'chatbot'])
    assert.deepEqual(tableNames(project.files['db1']!), ['athanor_version', 'progress', 'user'])
    assert.deepEqual(tableNames(project.files['db2']!), ['athanor_version', 'progress'])

    const shown = await cliOk([...project.base, 'current'])
    assert.equal(shown.stdout, `default: ${C} (head)\ndb1: ${C} (head)\ndb2: ${C} (head)\n`)
    const again = await cliOk([...project.base, 'upgrade'])
    assert.match(again.stderr, new RegExp(`^db1: Nothing to upgrade: the database is at ${C}\\.$`, 'm'))
  })

  test('--db NAME moves one database only; downgrade and stamp across all or one', async () => {
    const project = threeRevisions()
    await cliOk([...project.base, 'upgrade', '--db', 'db1', B])
    assert.deepEqual(versionRows(project.files['db1']!), [B])
    assert.deepEqual(versionRows(project.files['default']!), [])
    assert.equal((await cliOk([...project.base, 'current', '--db', 'db1'])).stdout, `db1: ${B}\n`)

    await cliOk([...project.base, 'upgrade'])
    await cliOk([...project.base, 'downgrade', '--db', 'db2', 'base'])
    assert.deepEqual(versionRows(project.files['db2']!), [])
    assert.deepEqual(tableNames(project.files['db2']!), ['athanor_version'])
    assert.deepEqual(versionRows(project.files['db1']!), [C])

    // Every database is planned before any moves: db2 cannot go back, so none does.
    assertCleanError(await cli([...project.base, 'downgrade']), /^error: database db2: .*already at base/)
    assert.deepEqual(versionRows(project.files['default']!), [C])
    await cliOk([...project.base, 'downgrade', '--db', 'db1'])
    assert.deepEqual(versionRows(project.files['db1']!), [B])
    assert.deepEqual(tableNames(project.files['db1']!), ['athanor_version', 'user'])

    const stamped = await cliOk([...project.base, 'stamp', 'head'])
    assert.match(stamped.stderr, new RegExp(`^db2: Stamped ${C} \\(was base\\)\\.$`, 'm'))
    for (const file of Object.values(project.files)) assert.deepEqual(versionRows(file), [C])
    await cliOk([...project.base, 'stamp', '--db', 'default', A])
    assert.deepEqual(versionRows(project.files['default']!), [A])
    assert.deepEqual(versionRows(project.files['db2']!), [C])

    const history = await cliOk([...project.base, 'history', '-i'])
    assert.match(history.stdout, new RegExp(`-> ${C} \\(head\\) \\(current: db1, db2\\), third`))
    assert.match(history.stdout, new RegExp(`-> ${A} \\(current: default\\), first`))
  })

  test('upgrade to a revision some databases have passed: those say so, the others move; --json too', async () => {
    const project = threeRevisions()
    await cliOk([...project.base, 'upgrade', '--db', 'default'])
    await cliOk([...project.base, 'upgrade', '--db', 'db1', B])
    const result = await cliOk([...project.base, 'upgrade', B])
    assert.match(result.stderr, new RegExp(`^default: Already past ${B}: at ${C}; nothing to upgrade\\.$`, 'm'))
    assert.match(result.stderr, new RegExp(`^db1: Nothing to upgrade: the database is at ${B}\\.$`, 'm'))
    assert.match(result.stderr, new RegExp(`^db2: Now at ${B}\\.$`, 'm'))
    assert.deepEqual(
      ['default', 'db1', 'db2'].map((name) => versionRows(project.files[name]!)),
      [[C], [B], [B]],
    )

    const json = JSON.parse((await cliOk([...project.base, 'upgrade', A, '--json'])).stdout) as {
      databases: { database: string; changed: boolean; alreadyPast: string[]; to: string[] }[]
    }
    assert.deepEqual(
      json.databases.map(({ database, changed, alreadyPast, to }) => ({ database, changed, alreadyPast, to })),
      [
        { database: 'default', changed: false, alreadyPast: [A], to: [C] },
        { database: 'db1', changed: false, alreadyPast: [A], to: [B] },
        { database: 'db2', changed: false, alreadyPast: [A], to: [B] },
      ],
    )
    const single = JSON.parse((await cliOk([...project.base, 'upgrade', '--db', 'db2', '--json'])).stdout) as typeof json
    assert.deepEqual(
      single.databases.map(({ database, changed, to }) => ({ database, changed, to })),
      [{ database: 'db2', changed: true, to: [C] }],
    )
  })

  test('the programmatic API takes the same db option', async () => {
    const project = threeRevisions()
    const all = await upgrade({ directory: project.migrations, env: {} })
    assert.deepEqual(
      all.databases?.map((d) => [d.database, d.to]),
      [
        ['default', [C]],
        ['db1', [C]],
        ['db2', [C]],
      ],
    )
    const one = await downgrade({ directory: project.migrations, env: {}, db: 'db1' }, A)
    assert.deepEqual(
      one.databases.map((d) => [d.database, d.to]),
      [['db1', [A]]],
    )
    const where = await current({ directory: project.migrations, env: {} })
    assert.deepEqual(
      where.databases?.map((d) => [d.database, d.revisions.map((r) => r.revision)]),
      [
        ['default', [C]],
        ['db1', [A]],
        ['db2', [C]],
      ],
    )
    const stamped = await stamp({ directory: project.migrations, env: {}, db: 'db2' }, ['base'])
    assert.deepEqual(
      stamped.databases.map((d) => [d.database, d.to]),
      [['db2', []]],
    )
  })

  test('a database URL comes from DATABASE_URL_<NAME> before the config', async () => {
    const project = threeRevisions()
    const elsewhere = join(project.root, 'elsewhere.db')
    await cliOk([...project.base, 'upgrade', '--db', 'db2'], { DATABASE_URL_DB2: `sqlite:///${elsewhere}` })
    assert.deepEqual(versionRows(elsewhere), [C])
    assert.equal(existsSync(project.files['db2']!), false)
    await cliOk([...project.base, 'upgrade', '--db', 'db1', '--url', `sqlite:///${elsewhere}.1`])
    assert.deepEqual(versionRows(`${elsewhere}.1`), [C])
  })

  test('a plain upgrade(op) script runs on the default database only', async () => {
    const project = multidbProject(['main', 'db1'])
    project.script(
      'p1_plain.ts',
      `export const revision = 'p1'\nexport const downRevision = null\nexport const branchLabels = null\nexport const dependsOn = null\n` +
        `export async function upgrade(op: any) { await op.createTable('legacy', [{ name: 'id', type: 'integer', primaryKey: true }]) }\n` +
        `export async function downgrade(op: any) { await op.dropTable('legacy') }\n`,
    )
    await cliOk([...project.base, 'upgrade'])
    assert.deepEqual(tableNames(project.files['main']!), ['athanor_version', 'legacy'])
    assert.deepEqual(tableNames(project.files['db1']!), ['athanor_version'])
    assert.deepEqual(versionRows(project.files['db1']!), ['p1'])
  })
})

describe('multidb errors name the database', () => {
  test('unknown --db, --url without --db, a script naming no database, a failing step', async () => {
    const project = threeRevisions()
    assertCleanError(await cli([...project.base, 'upgrade', '--db', 'db3']), "no database 'db3'", 'default, db1, db2')
    assertCleanError(await cli([...project.base, 'current', '--url', 'sqlite:///x.db']), '--db NAME')
    project.script('dddd00000004_typo.ts', multidbScript('dddd00000004', C, { db3: tableBody('x') }))
    assertCleanError(await cli([...project.base, 'upgrade']), 'database default:', 'upgrades.db3 names no database', 'dddd00000004_typo.ts')

    const failing = threeRevisions()
    failing.script(
      'dddd00000004_fail.ts',
      multidbScript('dddd00000004', C, { db1: { up: "await op.execute('SELECT * FROM nowhere')", down: '' } }),
    )
    const result = await cli([...failing.base, 'upgrade'])
    assertCleanError(result, /^error: database db1: /, 'nowhere')
    // The databases before the failing one stay migrated; those after it are not started.
    assert.deepEqual(versionRows(failing.files['default']!), ['dddd00000004'])
    assert.deepEqual(versionRows(failing.files['db1']!), [C])
    assert.deepEqual(versionRows(failing.files['db2']!), [])
  })

  test('--db in a single-database project, and two databases sharing a version table', async () => {
    const project = multidbProject(['default', 'db1'])
    project.config('', { db1: `sqlite:///${project.files['default']}` })
    assertCleanError(await cli([...project.base, 'stamp', 'base']), 'databases default and db1', 'versionTable')
    const single = multidbProject(['x'])
    single.script('placeholder.txt', '')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(single.migrations, 'athanor.config.ts'), "export default { url: 'sqlite:///x.db' }\n")
    assertCleanError(await cli([...single.base, 'current', '--db', 'db1']), '--db db1', 'declares no databases')
  })
})
