// The package as an application gets it: packed by `npm pack`, installed by
// npm from the tarball with no network, and used through `npx athanor`, the
// API (import and require) and its type declarations. A SQLite app installs
// better-sqlite3 only; a PostgreSQL app installs pg only, and hears which
// package to install when it asks for SQLite.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { assertCleanError } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { type InstalledApp, installApp, packAthanor, REPO, run } from './installed-app.js'

const work = mkdtempSync(join(tmpdir(), 'athanor-package-'))
after(() => rmSync(work, { recursive: true, force: true }))
let tarball = ''
before(() => {
  tarball = packAthanor(work)
})

/** npm's list of packages whose install scripts an app must approve, as npm printed it. */
function scriptsToApprove(install: { stderr: string }): string[] {
  return [...install.stderr.matchAll(/^npm warn install-scripts\s+(\S+@\S+) \(/gm)].map((match) => match[1]!)
}

function versionsIn(app: InstalledApp): string[] {
  return readdirSync(join(app.dir, 'migrations', 'versions')).filter((name) => name.endsWith('.ts'))
}

const MODELS = `import { col, table } from 'athanor'

export const users = table('users', {
  id: col.integer().primaryKey(),
  email: col.string(120).notNull().unique(),
})
`

describe('a SQLite app that installed the tarball', () => {
  let app: InstalledApp

  test('npm installs it offline, with no install script of athanor to approve and no other driver', async () => {
    app = await installApp(join(work, 'sqlite-app'), tarball, ['better-sqlite3'], 'module')
    assert.ok(!scriptsToApprove(app.install).some((name) => name.startsWith('athanor@')), app.install.stderr)
    assert.ok(existsSync(join(app.dir, 'node_modules', 'athanor', 'LICENSE')))
    for (const absent of ['pg', 'mysql2', '@electric-sql/pglite', 'typescript', 'tsx']) {
      assert.ok(!existsSync(join(app.dir, 'node_modules', absent)), absent)
    }
  })

  test('init, migrate from the models, upgrade, check and current through npx athanor', async () => {
    const init = await app.athanor(['init'])
    assert.equal(init.status, 0, init.stderr)
    app.write('migrations/athanor.config.ts', app.read('migrations/athanor.config.ts').replace('// models:', 'models:'))
    app.write('src/models.ts', MODELS)
    // The scaffold reads the URL from the environment; an app keeps it in .env.
    app.write('.env', 'DATABASE_URL=sqlite:///app.db\n')

    const migrate = await app.athanor(['migrate', '-m', 'create users'])
    assert.equal(migrate.status, 0, migrate.stderr)
    const [script] = versionsIn(app)
    assert.ok(script, 'migrate wrote a script')
    assert.match(app.read(`migrations/versions/${script}`), /op\.createTable\('users'/)
    const revision = script.slice(0, 12)

    const upgrade = await app.athanor(['upgrade'])
    assert.equal(upgrade.status, 0, upgrade.stderr)
    assert.match(upgrade.stderr + upgrade.stdout, new RegExp(`Now at ${revision}`))
    const check = await app.athanor(['check'])
    assert.equal(check.status, 0, check.stderr + check.stdout)
    const current = await app.athanor(['current'])
    assert.equal(current.stdout.trim(), `${revision} (head)`)
  })

  test('the API, imported as an ES module, sees the same database', async () => {
    app.write(
      'show-revision.mjs',
      "import { current } from 'athanor'\n" +
        "const { databases } = await current({ directory: 'migrations' })\n" +
        'console.log(databases[0].revisions.map((r) => r.revision).join(","))\n',
    )
    const shown = await app.node('show-revision.mjs')
    assert.equal(shown.status, 0, shown.stderr)
    assert.equal(shown.stdout.trim(), versionsIn(app)[0]!.slice(0, 12))
  })

  test("the declarations type-check with skipLibCheck off and no @types/node: athanor, athanor/tools, the app's modules", async () => {
    app.write(
      'typed.ts',
      "import { AthanorError, defineConfig, upgrade, type ErrorCode } from 'athanor'\n" +
        "import { RevisionGraph } from 'athanor/tools'\n\n" +
        "export const config = defineConfig({ url: 'sqlite:///app.db' })\n" +
        "export const code: ErrorCode = 'DRIVER_NOT_INSTALLED'\n" +
        'export const graph = RevisionGraph.build([])\n' +
        'export async function migrate(): Promise<string> {\n' +
        "  const result = await upgrade({ directory: 'migrations' }, 'head')\n" +
        '  return result instanceof AthanorError ? code : String(result.databases.length)\n' +
        '}\n',
    )
    // skipDefaultLibCheck: TypeScript's own lib files are not what is under test, and checking them doubles the time.
    const compilerOptions = {
      target: 'ES2022',
      module: 'NodeNext',
      strict: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      noEmit: true,
      types: [],
    }
    app.write('tsconfig.json', JSON.stringify({ compilerOptions, include: ['typed.ts', 'src', 'migrations'] }))
    assert.ok(!existsSync(join(app.dir, 'node_modules', '@types')), 'no @types in the app')
    const tsc = await run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app.dir, {})
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr)
  })
})

describe('a CommonJS app on PostgreSQL that installed only pg', () => {
  const db = useTestDatabase('postgresql')
  let app: InstalledApp

  test('npm installs it without better-sqlite3, so nothing compiles SQLite', async () => {
    app = await installApp(join(work, 'postgres-app'), tarball, ['pg'], 'commonjs')
    assert.ok(existsSync(join(app.dir, 'node_modules', 'pg')))
    assert.ok(!existsSync(join(app.dir, 'node_modules', 'better-sqlite3')))
    assert.ok(!scriptsToApprove(app.install).some((name) => name.startsWith('athanor@') || name.startsWith('better-sqlite3@')))
  })

  test('migrates at start-up through require(), and npx athanor current agrees', async () => {
    assert.equal((await app.athanor(['init'])).status, 0)
    const made = await app.athanor(['revision', '-m', 'create widgets'])
    assert.equal(made.status, 0, made.stderr)
    const [script] = versionsIn(app)
    const path = `migrations/versions/${script}`
    // The generated header and exports stay; the two functions get bodies.
    const body = (name: string, statement: string) =>
      `export async function ${name}(op: Operations): Promise<void> {\n  await ${statement}\n}\n`
    const generated = app.read(path)
    const functions = generated.indexOf('export async function upgrade(')
    assert.ok(functions > 0, generated)
    app.write(
      path,
      generated.slice(0, functions) +
        body('upgrade', "op.createTable('widgets', [{ name: 'id', type: 'integer', primaryKey: true }])") +
        '\n' +
        body('downgrade', "op.dropTable('widgets')"),
    )
    app.write(
      'start.js',
      "const { upgrade } = require('athanor')\n\n" +
        'async function main() {\n' +
        "  const { databases } = await upgrade({ directory: 'migrations', url: process.env.DATABASE_URL }, 'head')\n" +
        "  console.log(databases[0].to.join(','))\n" +
        '}\n' +
        'main().catch((error) => {\n' +
        '  console.error(error.message)\n' +
        '  process.exit(1)\n' +
        '})\n',
    )
    const started = await app.node('start.js', { DATABASE_URL: db.url })
    assert.equal(started.status, 0, started.stderr)
    assert.equal(started.stdout.trim(), script!.slice(0, 12))
    assert.deepEqual(await db.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'widgets'"), [
      { table_name: 'widgets' },
    ])
    const current = await app.athanor(['current'], { DATABASE_URL: db.url })
    assert.equal(current.stdout.trim(), `${script!.slice(0, 12)} (head)`, current.stderr)
  })

  test('a SQLite URL says, in one line, which package to install', async () => {
    const result = await app.athanor(['current', '--url', 'sqlite:///local.db'])
    const line = assertCleanError(result, 'better-sqlite3')
    assert.equal(
      line,
      "error: SQLite needs the better-sqlite3 package, which is not installed: run 'npm install better-sqlite3' in your project",
    )
  })
  test('a pglite:// URL says, in one line, which package to install', async () => {
    const result = await app.athanor(['current', '--url', 'pglite://'])
    const line = assertCleanError(result, '@electric-sql/pglite')
    assert.equal(
      line,
      'error: PGlite (pglite:// URLs) needs the @electric-sql/pglite package, which is not installed: ' +
        "run 'npm install @electric-sql/pglite' in your project",
    )
  })
})
