// migrate --offline on PGlite replays the history as the --sql script in a
// few batches, and keeps the catalog it read in the compile cache, keyed by
// the scripts: a second run with the same scripts replays nothing. These
// tests hold it to the live result on a history of several revisions (one
// of them outside a transaction), and check that an edited script or a
// damaged cache file is never trusted.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { check } from '../../src/command/check.js'
import { migrate } from '../../src/command/migrate.js'
import { upgrade } from '../../src/command/upgrade.js'
import { offlineProjectFolder } from './helpers.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

// The compile cache of this process, where the catalog is kept: a folder of the test's own.
const cacheDir = mkdtempSync(join(tmpdir(), 'athanor-offline-cache-'))
process.env['ATHANOR_CACHE_DIR'] = cacheDir
after(() => rmSync(cacheDir, { recursive: true, force: true }))

function project(url: string, shadowUrl?: string) {
  const { root, directory } = offlineProjectFolder(shadowUrl)
  let version = 0
  /** A fresh module path per call: a module is imported once per process. */
  const models = (source: string) => {
    const file = join(root, `models-${++version}.ts`)
    writeFileSync(file, `import { col, index, table } from 'athanor'\n${source}`)
    return file
  }
  const script = (name: string, source: string) => writeFileSync(join(directory, 'versions', name), source)
  return { root, directory, models, script, common: { directory, url, env: {} } }
}

const scriptText = (path: string | undefined) =>
  path === undefined ? undefined : readFileSync(path, 'utf8').replace(/Create Date: .*$/m, '')

const USERS = `export const users = table('users', {
  id: col.integer().primaryKey(),
  email: col.string(120).notNull(),
}, { indexes: [index(['email'], { name: 'ix_users_email' })] })
`
const POSTS = `export const posts = table('posts', {
  id: col.integer().primaryKey(),
  author_id: col.integer().notNull().references('users'),
  title: col.text(),
})
`

describe('migrate --offline on PGlite equals migrate against PostgreSQL at head', () => {
  let db: TestDatabase
  let p: ReturnType<typeof project>
  before(async () => {
    db = await createTestDatabase('postgresql')
    p = project(db.url)
  })
  after(async () => {
    rmSync(p.root, { recursive: true, force: true })
    await db.drop()
  })

  test('on a history of several revisions, one of them outside a transaction', async () => {
    const first = await migrate({
      ...p.common,
      models: p.models(USERS.replace(/, \{ indexes.*\}\)/, ')')),
      message: 'users',
      revId: 'r1users',
    })
    assert.ok(first.revision)
    p.script(
      'r2_index.ts',
      "export const revision = 'r2index'\nexport const downRevision = 'r1users'\nexport const transactional = false\n" +
        "export async function upgrade(op: any) { await op.createIndex('ix_users_email', 'users', ['email'], { concurrently: true }) }\n" +
        "export async function downgrade(op: any) { await op.dropIndex('ix_users_email', { table: 'users', concurrently: true }) }\n",
    )
    await upgrade(p.common)
    const third = await migrate({ ...p.common, models: p.models(USERS + POSTS), message: 'posts', revId: 'r3posts' })
    assert.ok(third.revision)
    p.script(
      'r4_raw.ts',
      "export const revision = 'r4raw'\nexport const downRevision = 'r3posts'\n" +
        'export async function upgrade(op: any) {\n' +
        "  await op.execute('ALTER TABLE posts ADD COLUMN legacy text; CREATE TABLE audit (id int)')\n}\n" +
        "export async function downgrade(op: any) { await op.execute('DROP TABLE audit; ALTER TABLE posts DROP COLUMN legacy') }\n",
    )
    await upgrade(p.common)

    const changed = USERS.replace('email: col.string(120).notNull(),', 'email: col.string(200).notNull(),\n  name: col.text(),') + POSTS
    const online = await migrate({ ...p.common, models: p.models(changed), message: 'more', revId: 'r5more' })
    const onlineText = scriptText(online.revision?.path)
    assert.match(onlineText ?? '', /drop_table\('audit'|dropTable\('audit'/)
    rmSync(online.revision!.path)
    for (const run of ['replayed', 'from the kept catalog']) {
      const offline = await migrate({ ...p.common, models: p.models(changed), message: 'more', revId: 'r5more', offline: true })
      assert.equal(scriptText(offline.revision?.path), onlineText, run)
      rmSync(offline.revision!.path)
    }
  })
})

describe('the catalog kept between --offline runs', () => {
  const counter = (root: string) => join(root, 'replays.txt')
  const replays = (root: string) => readFileSync(counter(root), 'utf8').length
  /** A first revision that counts the times it runs, so a test can tell whether the history was replayed. */
  const counting = (root: string, columns: string, more = '') =>
    "import { appendFileSync } from 'node:fs'\nexport const revision = 'c1'\nexport const downRevision = null\n" +
    `export async function upgrade(op: any) {\n  appendFileSync(${JSON.stringify(counter(root))}, 'x')\n` +
    `  await op.execute('CREATE TABLE users (${columns})${more}')\n}\n` +
    'export async function downgrade() {}\n'
  const keptFiles = () => readdirSync(cacheDir).filter((name) => name.startsWith('offline-catalog-'))
  const MODELS = "export const users = table('users', { id: col.integer().primaryKey(), email: col.text() })\n"

  test('a second run with the same scripts replays nothing; an edited script is replayed', async () => {
    // The project's URL only says the dialect; its password must not reach the cache.
    const p = project('postgresql://app:s3cret-pw@127.0.0.1:1/never', 'pglite://')
    try {
      writeFileSync(counter(p.root), '')
      p.script('c1.ts', counting(p.root, 'id integer PRIMARY KEY'))
      const first = await check({ ...p.common, models: p.models(MODELS), offline: true })
      assert.deepEqual(first.differences, ['add column users.email'])
      assert.equal(replays(p.root), 1)
      const again = await check({ ...p.common, models: p.models(MODELS), offline: true })
      assert.deepEqual(again.differences, first.differences)
      assert.equal(replays(p.root), 1, 'the kept catalog answered: nothing was replayed')

      const [file] = keptFiles().map((name) => join(cacheDir, name))
      assert.ok(file)
      assert.equal(statSync(file).mode & 0o777, 0o600)
      assert.doesNotMatch(readFileSync(file, 'utf8'), /s3cret-pw|app:/)

      p.script('c1.ts', counting(p.root, 'id integer PRIMARY KEY, email text'))
      const edited = await check({ ...p.common, models: p.models(MODELS), offline: true })
      assert.deepEqual(edited.differences, [])
      assert.equal(replays(p.root), 2, 'the edited script was replayed')
    } finally {
      rmSync(p.root, { recursive: true, force: true })
    }
  })

  test('a read the kept catalog does not hold replays then, and the comparison goes on', async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never', 'pglite://')
    try {
      writeFileSync(counter(p.root), '')
      p.script('c1.ts', counting(p.root, 'id integer PRIMARY KEY', '; CREATE SCHEMA audit; CREATE TABLE audit.entries (id int, note text)'))
      await check({ ...p.common, models: p.models(MODELS), offline: true })
      assert.equal(replays(p.root), 1)
      // A model in another schema: the catalog of audit was never read, so it is not kept.
      const audit =
        "export const entries = table('entries', { id: col.integer(), note: col.text(), at: col.text() }, { schema: 'audit' })\n"
      const withAudit = await check({ ...p.common, models: p.models(MODELS + audit), offline: true })
      assert.deepEqual(withAudit.differences, ['add column audit.entries.at', 'add column users.email'])
      assert.equal(replays(p.root), 2)
      const kept = await check({ ...p.common, models: p.models(MODELS + audit), offline: true })
      assert.deepEqual(kept.differences, withAudit.differences)
      assert.equal(replays(p.root), 2, 'what the second run read is kept too')
    } finally {
      rmSync(p.root, { recursive: true, force: true })
    }
  })

  test("models with a view: the view is compared on the database, and the result is the replay's", async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never', 'pglite://')
    try {
      writeFileSync(counter(p.root), '')
      p.script('c1.ts', counting(p.root, 'id integer PRIMARY KEY', '; CREATE VIEW ids AS SELECT id FROM users'))
      const source = (definition: string) =>
        `import { defineModels, view } from 'athanor'\n${MODELS}export default defineModels(users, view('ids', '${definition}'))\n`
      const same = await check({ ...p.common, models: p.models(source('SELECT id FROM users')), offline: true })
      assert.deepEqual(same.differences, ['add column users.email'])
      const changed = await check({ ...p.common, models: p.models(source('SELECT id, email FROM users')), offline: true })
      process.env['ATHANOR_CACHE_DIR'] = 'off'
      try {
        const replayed = await check({ ...p.common, models: p.models(source('SELECT id, email FROM users')), offline: true })
        assert.deepEqual(changed.differences, replayed.differences)
        assert.deepEqual(replayed.differences, ['remove view ids', 'add column users.email', 'add view ids'])
      } finally {
        process.env['ATHANOR_CACHE_DIR'] = cacheDir
      }
    } finally {
      rmSync(p.root, { recursive: true, force: true })
    }
  })

  test('a damaged cache file is ignored and written anew', async () => {
    const p = project('postgresql://nobody@127.0.0.1:1/never', 'pglite://')
    try {
      writeFileSync(counter(p.root), '')
      p.script('c1.ts', counting(p.root, 'id integer PRIMARY KEY'))
      const models = p.models(MODELS)
      const before = keptFiles()
      await check({ ...p.common, models, offline: true })
      const file = join(cacheDir, keptFiles().find((name) => !before.includes(name))!)
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { key: string; reads: [string, unknown][] }

      writeFileSync(file, '{"key": "half a file')
      assert.deepEqual((await check({ ...p.common, models, offline: true })).differences, ['add column users.email'])
      assert.equal(replays(p.root), 2)
      assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { key: string }).key, saved.key, 'written anew')

      // The right key, and values no run wrote.
      writeFileSync(file, JSON.stringify({ key: saved.key, reads: saved.reads.map(([read]) => [read, { '~': 'nonsense' }]) }))
      assert.deepEqual((await check({ ...p.common, models, offline: true })).differences, ['add column users.email'])
      assert.equal(replays(p.root), 3)
      assert.equal(await check({ ...p.common, models, offline: true }).then(() => replays(p.root)), 3, 'the file written anew is used')
    } finally {
      rmSync(p.root, { recursive: true, force: true })
    }
  })
})
