// What the commands print: change lines, closing lines, --json, --quiet, colour.
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { chain, temporaryProjects, type Project } from '../helpers/project.js'

const project = temporaryProjects()

const USERS = (columns: string) =>
  `import { col, table } from 'athanor'\nexport const users = table('users', { id: col.integer().primaryKey(), ${columns} })\n`

/** A project whose database has `users(id, bio, age)`, made by one migration, and a models file. */
async function usersProject(): Promise<{ made: Project; models: string }> {
  const made = project([
    {
      id: 'usr000000001',
      upgrade: "  await op.execute('CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, bio TEXT, age INTEGER)')",
      downgrade: "  await op.execute('DROP TABLE users')",
    },
  ])
  await cliOk([...made.base, 'upgrade'])
  return { made, models: join(made.root, 'models.ts') }
}

describe('changes inside a SQLite batch', () => {
  test('each is its own line, with the Detected prefix, and check counts and indents each', async () => {
    const { made, models } = await usersProject()
    writeFileSync(models, USERS('bio: col.text(), email: col.text()'))
    const check = await cli([...made.base, 'check', '--models', models])
    assert.equal(check.status, 1)
    assert.equal(check.stdout, 'New upgrade operations detected (2):\n  add column users.email\n  remove column users.age\n')
    const migrate = await cliOk([...made.base, 'migrate', '-m', 'two changes', '--models', models])
    // A dropped and an added column may be a rename: a warning says so before the script is written.
    assert.match(
      migrate.stderr,
      /^Detected add column users\.email\nDetected remove column users\.age\nwarning: users: column age .*\nGenerating /m,
    )
  })

  test('a rename reads as one', async () => {
    const { made, models } = await usersProject()
    writeFileSync(models, USERS('about: col.text(), age: col.integer()'))
    const migrate = await cliOk([...made.base, 'migrate', '-m', 'rename', '--models', models, '--rename-column', 'users.bio:about'])
    assert.match(migrate.stderr, /^Detected rename column users\.bio to about\nGenerating /)
  })
})

describe('closing lines', () => {
  test('downgrade ends with how many migrations it reverted', async () => {
    const made = project(chain(['dwn000000001', 'dwn000000002', 'dwn000000003']))
    await cliOk([...made.base, 'upgrade'])
    assert.match((await cliOk([...made.base, 'downgrade'])).stderr, /Now at dwn000000002: 1 migration reverted\.\n$/)
    assert.match((await cliOk([...made.base, 'downgrade', 'base'])).stderr, /Now at base: 2 migrations reverted\.\n$/)
  })

  test('with several heads migrate says to merge them first, before touching the database', async () => {
    const made = project([
      { id: 'hds000000001', down: null },
      { id: 'hds000000002', down: 'hds000000001' },
      { id: 'hds000000003', down: 'hds000000001' },
    ])
    const models = join(made.root, 'models.ts')
    writeFileSync(models, USERS(''))
    const line = assertCleanError(await cli([...made.base, 'migrate', '-m', 'x', '--models', models]), 'hds000000002', 'hds000000003')
    assert.match(line, /merge them first with 'athanor merge -m "merge heads" heads'/)
  })

  test('a failed upgrade ends with where the database is; a missing SQLite file is not created', async () => {
    const made = project([...chain(['whe000000001']), { id: 'whe000000002', down: 'whe000000001', upgrade: "  await op.execute('BOOM')" }])
    const failed = await cli([...made.base, 'upgrade'])
    assertCleanError(failed, 'whe000000002')
    assert.match(failed.stderr, /\nerror: .*\nThe database sqlite:\/\/\/.*app\.db is at whe000000001\.\n$/)

    // A graph that cannot be built fails before anything connects.
    const fresh = project([{ id: 'new000000001', down: 'gone00000000' }])
    const bad = await cli([...fresh.base, 'upgrade'])
    assertCleanError(bad, 'gone00000000')
    assert.match(bad.stderr, /\nThe database sqlite:\/\/\/.*app\.db does not exist; nothing was created\.\n$/)
    assert.equal(existsSync(fresh.dbPath), false)
  })
})

describe('--json: one document on stdout', () => {
  test('revision, merge, stamp, migrate, check and pull', async () => {
    const { made, models } = await usersProject()
    const parse = async (argv: readonly string[], status = 0) => {
      const run = await cli([...made.base, ...argv, '--json'])
      assert.equal(run.status, status, run.stderr)
      return JSON.parse(run.stdout) as Record<string, unknown>
    }
    const one = await parse(['revision', '-m', 'one', '--rev-id', 'jsn000000001'])
    assert.deepEqual([one['revision'], one['downRevisions']], ['jsn000000001', ['usr000000001']])
    await parse(['revision', '-m', 'two', '--rev-id', 'jsn000000002', '--head', 'usr000000001', '--splice'])
    const merged = await parse(['merge', '-m', 'join', '--rev-id', 'jsn000000003', 'heads'])
    assert.deepEqual(merged['downRevisions'], ['jsn000000001', 'jsn000000002'])
    const stamped = await parse(['stamp', 'heads'])
    assert.deepEqual(stamped['databases'], [{ from: ['usr000000001'], to: ['jsn000000003'], resolved: [] }])

    writeFileSync(models, USERS('bio: col.text(), age: col.integer(), email: col.text()'))
    const drift = await parse(['check', '--models', models], 1)
    assert.deepEqual([drift['upToDate'], drift['differences']], [false, ['add column users.email']])
    const generated = await parse(['migrate', '-m', 'email', '--models', models, '--rev-id', 'jsn000000004'])
    assert.deepEqual((generated['databases'] as Array<{ changes: string[] }>)[0]?.changes, ['add column users.email'])
    assert.equal((generated['revision'] as { revision: string }).revision, 'jsn000000004')

    const pulled = await parse(['pull'])
    assert.ok((pulled['tables'] as string[]).includes('users'))
    assert.match(String(pulled['text']), /table\('users'/)
    assertCleanError(await cli([...made.base, 'stamp', 'head', '--sql', '--json']), { code: 'INVALID_OPTION' }, '--json')
  })
})

describe('--quiet and colour', () => {
  test('--quiet keeps errors and warnings only; results on stdout stay', async () => {
    const made = project(chain(['qui000000001']))
    const quiet = await cliOk([...made.base, 'upgrade', '--quiet'])
    assert.equal(quiet.stderr, '')
    assert.equal((await cliOk([...made.base, '-q', 'current'])).stdout, 'qui000000001 (head)\n')
    const failed = await cli([...made.base, '-q', 'upgrade', 'nope0000'])
    assert.match(failed.stderr, /^error: .*nope0000.*\nThe database .* is at qui000000001\.\n$/)
  })

  test('colour only on a terminal, never with NO_COLOR, always with FORCE_COLOR', async () => {
    const made = project(chain(['col000000001']))
    const ESC = '\x1b['
    const plain = await cli([...made.base, 'upgrade', 'nope0000'])
    assert.ok(!plain.stderr.includes(ESC), plain.stderr)
    const forced = await cli([...made.base, 'upgrade'], { FORCE_COLOR: '1' })
    assert.ok(forced.stderr.includes(`${ESC}32mNow at col000000001.${ESC}39m`), forced.stderr)
    const red = await cli([...made.base, 'upgrade', 'nope0000'], { FORCE_COLOR: '1' })
    assert.ok(red.stderr.startsWith(`${ESC}31merror:${ESC}39m `), red.stderr)
    const terminal = await cli([...made.base, 'upgrade', 'nope0000'], {}, { tty: true })
    assert.ok(terminal.stderr.includes(`${ESC}31merror:`), terminal.stderr)
    const refused = await cli([...made.base, 'upgrade', 'nope0000'], { NO_COLOR: '1' }, { tty: true })
    assert.ok(!refused.stderr.includes(ESC), refused.stderr)
  })
})
