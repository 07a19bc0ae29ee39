// The config is found from the working directory upward, and its relative
// paths point into the project wherever a command runs: a command run from a
// subfolder migrates the project's database and creates nothing where it runs.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { scriptText, temporaryProjects, versionRows } from '../helpers/project.js'

const project = temporaryProjects()
const startedIn = process.cwd()
after(() => process.chdir(startedIn))

/** Runs the CLI with `folder` as the working directory. */
async function cliIn(folder: string, argv: readonly string[], env: Record<string, string | undefined> = {}) {
  process.chdir(folder)
  try {
    return await cli(argv, env)
  } finally {
    process.chdir(startedIn)
  }
}

function folder(path: string): string {
  mkdirSync(path, { recursive: true })
  return path
}

const REV = 'disc00000001'

describe('a config at the project root (athanor.config.ts)', () => {
  test('is found from a subfolder; its SQLite URL and migrations folder are relative to it', async () => {
    const made = project([{ id: REV }])
    writeFileSync(join(made.root, 'athanor.config.ts'), "export default { url: 'sqlite:///app.db' }\n")
    const deep = folder(join(made.root, 'src', 'deep'))
    const result = await cliIn(deep, ['upgrade'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(join(made.root, 'app.db')), [REV])
    assert.deepEqual(readdirSync(deep), [], 'nothing is created where the command runs')
    const current = await cliIn(made.versions, ['current'])
    assert.equal(current.stdout, `${REV} (head)\n`)
  })

  test('directory, versionLocations and models are relative to the config', async () => {
    const made = project()
    const migrations = folder(join(made.root, 'db', 'migrations'))
    folder(join(migrations, 'scripts'))
    writeFileSync(join(migrations, 'scripts', `${REV}_a.ts`), scriptText({ id: REV }))
    writeFileSync(
      join(made.root, 'athanor.config.ts'),
      "export default { url: 'sqlite:///data/app.db', directory: 'db/migrations', versionLocations: ['db/migrations/scripts'] }\n",
    )
    folder(join(made.root, 'data'))
    const result = await cliIn(folder(join(made.root, 'src')), ['upgrade'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(join(made.root, 'data', 'app.db')), [REV])
  })

  test('-d DIR without a config of its own takes the root config, with DIR as the migrations folder', async () => {
    const made = project()
    const other = folder(join(made.root, 'other', 'versions'))
    writeFileSync(join(other, `${REV}_a.ts`), scriptText({ id: REV }))
    writeFileSync(join(made.root, 'athanor.config.ts'), "export default { url: 'sqlite:///app.db' }\n")
    const result = await cliIn(made.root, ['-d', 'other', 'upgrade'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(join(made.root, 'app.db')), [REV])
  })
})

describe('a config inside its migrations folder (what init writes)', () => {
  test('is found from any subfolder; a relative SQLite URL stays relative to the folder above migrations/', async () => {
    const made = project([{ id: REV }])
    made.config("export default { url: 'sqlite:///app.db' }\n")
    for (const where of [join(made.root, 'src'), made.migrations, made.versions, made.root]) {
      const result = await cliIn(folder(where), ['upgrade'])
      assert.equal(result.status, 0, `${where}: ${result.stderr}`)
    }
    assert.deepEqual(versionRows(join(made.root, 'app.db')), [REV])
    assert.equal(existsSync(join(made.migrations, 'app.db')), false)
    assert.equal(existsSync(join(made.root, 'src', 'app.db')), false)
  })

  test('with -d DIR or -c FILE naming it, relative SQLite URLs stay relative to the working directory, as they were', async () => {
    const made = project([{ id: REV }])
    made.config("export default { url: 'sqlite:///app.db' }\n")
    const elsewhere = folder(join(made.root, 'elsewhere'))
    const byDirectory = await cliIn(elsewhere, ['-d', made.migrations, 'upgrade'])
    assert.equal(byDirectory.status, 0, byDirectory.stderr)
    assert.deepEqual(versionRows(join(elsewhere, 'app.db')), [REV])
    const byFile = await cliIn(made.root, ['-c', join(made.migrations, 'athanor.config.ts'), 'current'])
    assert.equal(byFile.stdout, '', 'made.root/app.db is another database, at base')
    assert.equal((await cliIn(elsewhere, ['-c', join(made.migrations, 'athanor.config.ts'), 'current'])).stdout, `${REV} (head)\n`)
  })

  test("--url is the caller's: a relative SQLite path there is relative to the working directory", async () => {
    const made = project([{ id: REV }])
    const here = folder(join(made.root, 'here'))
    const result = await cliIn(here, ['-d', made.migrations, '--url', 'sqlite:///mine.db', 'upgrade'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(join(here, 'mine.db')), [REV])
  })
})

describe('.env files and env()', () => {
  const CONFIG = "import { env } from 'athanor'\nexport default { url: env('DATABASE_URL') }\n"

  test('an unset variable is one line naming it; nothing is created, and commands without a database still work', async () => {
    const made = project([{ id: REV }])
    made.config(CONFIG)
    const result = await cliIn(made.root, ['upgrade'])
    assertCleanError(result, 'DATABASE_URL is not set', "env('DATABASE_URL')", join(made.root, '.env'))
    assert.deepEqual(readdirSync(made.root).sort(), ['migrations'])
    await cliOk(['-d', made.migrations, 'history'])
    await cliOk(['-d', made.migrations, 'revision', '-m', 'next'])
  })

  test('.env at the project root sets it; .env.local wins over .env; the real environment wins over both', async () => {
    const made = project([{ id: REV }])
    made.config(CONFIG)
    writeFileSync(join(made.root, '.env'), '# shared\nDATABASE_URL=sqlite:///from-env.db\n')
    const sub = folder(join(made.root, 'src'))
    assert.equal((await cliIn(sub, ['upgrade'])).status, 0)
    assert.deepEqual(versionRows(join(made.root, 'from-env.db')), [REV])

    writeFileSync(join(made.root, '.env.local'), 'DATABASE_URL="sqlite:///local.db"\n')
    assert.equal((await cliIn(sub, ['upgrade'])).status, 0)
    assert.deepEqual(versionRows(join(made.root, 'local.db')), [REV])

    const real = join(made.root, 'real.db')
    assert.equal((await cliIn(sub, ['upgrade'], { DATABASE_URL: `sqlite:///${real}` })).status, 0)
    assert.deepEqual(versionRows(real), [REV])
  })

  // An empty variable is set, so it wins over the .env file; telling the user to set it in that file, which
  // already does, would send them the wrong way.
  test('an empty variable in the environment is named as empty and as winning over the .env file', async () => {
    const made = project([{ id: REV }])
    made.config(CONFIG)
    writeFileSync(join(made.root, '.env'), 'DATABASE_URL=sqlite:///from-env.db\n')
    const result = await cliIn(made.root, ['current'], { DATABASE_URL: '' })
    const line = assertCleanError(result, 'DATABASE_URL is empty', 'wins over')
    assert.doesNotMatch(line, /is not set/)
    assert.equal(existsSync(join(made.root, 'from-env.db')), false)
  })

  test("the config's env option names the files; [] reads none", async () => {
    const made = project([{ id: REV }])
    writeFileSync(join(made.root, '.env'), 'DATABASE_URL=sqlite:///ignored.db\n')
    writeFileSync(join(made.root, '.env.test'), 'DATABASE_URL=sqlite:///test.db\n')
    made.config(CONFIG.replace(' }\n', ", env: ['.env.test'] }\n"))
    const result = await cliIn(made.root, ['upgrade'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(versionRows(join(made.root, 'test.db')), [REV])
    assert.equal(existsSync(join(made.root, 'ignored.db')), false)

    made.config(CONFIG.replace(' }\n', ', env: [] }\n'))
    assertCleanError(await cliIn(made.root, ['current']), 'DATABASE_URL is not set')
  })

  test('a database of several reads its own variable through env()', async () => {
    const made = project([{ id: REV }])
    made.config(
      "import { env } from 'athanor'\n" +
        "export default { databases: { main: { url: env('MAIN_URL') }, extra: { url: env('EXTRA_URL') } } }\n",
    )
    writeFileSync(join(made.root, '.env'), 'MAIN_URL=sqlite:///main.db\n')
    assertCleanError(await cliIn(made.root, ['current']), 'database extra', 'EXTRA_URL is not set')
    writeFileSync(join(made.root, '.env'), 'MAIN_URL=sqlite:///main.db\nEXTRA_URL=sqlite:///extra.db\n')
    const result = await cliIn(made.root, ['current'])
    assert.equal(result.status, 0, result.stderr)
  })
})

describe('config validation of the new options', () => {
  test('url, shadowUrl, directory, env and excludeTables of the wrong type are one line naming the option', async () => {
    const made = project()
    const cases: Array<[string, string]> = [
      ['{ url: 42 }', 'url must be a URL string'],
      ['{ shadowUrl: 42 }', 'shadowUrl must be a URL string'],
      ["{ directory: '' }", 'directory must be a folder path'],
      ["{ env: '.env' }", 'env must be a list of strings'],
      ["{ databases: { main: { url: 'sqlite:///a.db', excludeTables: 'x' } } }", 'databases.main.excludeTables must be a list'],
      ['{ databases: { main: { url: true } } }', 'databases.main.url must be a URL string'],
    ]
    for (const [config, message] of cases) {
      made.config(`export default ${config}\n`)
      assertCleanError(await cli(['-d', made.migrations, 'heads']), 'athanor.config.ts', message)
    }
  })
})
