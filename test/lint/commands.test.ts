import assert from 'node:assert/strict'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { temporaryProjects } from '../helpers/project.js'

const projects = temporaryProjects()

const USERS = "  await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'age', type: 'integer' }])"
const DROP_AGE = "  await op.dropColumn('users', 'age')"

describe('upgrade --lint', () => {
  test('refuses with LINT_FAILED before touching anything: no database file is created', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: USERS },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.execute('ALTER TABLE users ADD COLUMN z INTEGER NOT NULL')" },
    ])
    const result = await cli(['upgrade', ...project.base, '--lint'])
    assertCleanError(result, { code: 'LINT_FAILED' }, 'not-null-without-default', 'nothing was run')
    assert.match(result.stderr, /r2_create_t_r2\.js:\d+ error not-null-without-default/)
    assert.equal(existsSync(project.dbPath), false)
  })

  test('lints only what is not applied yet, and runs when it finds no error', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: USERS },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.execute('ALTER TABLE users ADD COLUMN z INTEGER NOT NULL')" },
      { id: 'r3', down: 'r2', ext: 'js', upgrade: DROP_AGE },
    ])
    await cliOk(['upgrade', ...project.base, 'r2'])
    const result = await cliOk(['upgrade', ...project.base, '--lint'])
    assert.match(result.stderr, /warning drop-column/)
    assert.doesNotMatch(result.stderr, /not-null-without-default/)
  })

  test("config lint.onUpgrade 'warn' prints the findings and upgrades; 'error' refuses without the flag", async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: USERS },
      {
        id: 'r2',
        down: 'r1',
        ext: 'js',
        upgrade:
          "  await op.execute('ALTER TABLE users ADD COLUMN z INTEGER NOT NULL DEFAULT 0')\n  await op.execute('UPDATE users SET z = 1')",
      },
      { id: 'r3', down: 'r2', ext: 'js', upgrade: "  await op.execute('ALTER TABLE users ADD COLUMN y INTEGER NOT NULL')" },
    ])
    project.config("export default { lint: { onUpgrade: 'warn' } }\n")
    const warned = await cliOk(['upgrade', ...project.base, 'r2'])
    assert.match(warned.stderr, /warning backfill-with-ddl/)
    project.config("export default { lint: { onUpgrade: 'error' } }\n")
    assertCleanError(await cli(['upgrade', ...project.base]), { code: 'LINT_FAILED' })
    const current = await cliOk(['current', ...project.base])
    assert.match(current.stdout, /^r2/)
  })
})

describe('migrate lints the script it wrote', () => {
  test('prints the findings after Generating, and the script stays written', async () => {
    const project = projects([{ id: 'r1', ext: 'js', upgrade: USERS }])
    await cliOk(['upgrade', ...project.base])
    const models = join(project.root, 'models.ts')
    writeFileSync(models, "import { col, table } from 'athanor'\nexport const users = table('users', { id: col.integer().primaryKey() })\n")
    const result = await cliOk(['migrate', ...project.base, '-m', 'drop age', '--models', models])
    assert.match(result.stderr, /Generating .* \.\.\. done\n.*_drop_age\.ts:\d+ warning drop-column \(revision \w+, table users, 0 rows\)/)
    assert.equal(readdirSync(project.versions).filter((name) => name.endsWith('_drop_age.ts')).length, 1)
  })
})

describe('lint without a URL, and a script it cannot render', () => {
  test('without a URL it asks for one or --dialect; with --dialect it lints every revision', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: USERS },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: DROP_AGE },
    ])
    assertCleanError(await cli(['lint', '-d', project.migrations]), { code: 'NO_DATABASE_URL' }, '--dialect')
    const linted = await cli(['lint', '-d', project.migrations, '--dialect', 'postgresql', '--json'])
    const report = JSON.parse(linted.stdout) as { databases: { dialect: string; revisions: string[]; connected: boolean }[] }
    assert.deepEqual(report.databases, [
      { dialect: 'postgresql', serverVersion: '16 (assumed)', revisions: ['r1', 'r2'], connected: false },
    ])
  })

  test('a step that cannot be rendered offline is one line naming the revision, with the code of the error inside', async () => {
    const project = projects([
      { id: 'r1', ext: 'js', upgrade: USERS },
      { id: 'r2', down: 'r1', ext: 'js', upgrade: "  await op.alterColumn('users', 'age', { type: 'bigint' })" },
    ])
    const line = assertCleanError(
      await cli(['lint', '-d', project.migrations, '--dialect', 'mysql']),
      { code: 'MYSQL_EXISTING_COLUMN_REQUIRED' },
      'revision r2',
    )
    assert.doesNotMatch(line, /resolve/)
  })
})
