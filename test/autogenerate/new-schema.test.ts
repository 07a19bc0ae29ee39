// A model in a PostgreSQL schema the database does not have yet: migrate
// creates the schema before anything in it, so the script it accepted also
// builds at upgrade; the downgrade drops the schema after everything in it.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'
import { useWorkspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { assertGolden } from '../helpers/golden.js'

const CLEAN = 'No new upgrade operations detected.\n'
const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url))

const LOG_MODELS = [
  "import { col, defineModels, table } from 'athanor'",
  "export const log = table('log', { id: col.integer().primaryKey(), note: col.text() }, { schema: 'audit' })",
  'export default defineModels(log)',
].join('\n')

type Db = { query(sql: string): Promise<Record<string, unknown>[]> }

/** The schemas of the database other than PostgreSQL's own and public. */
async function userSchemas(db: Db): Promise<unknown[]> {
  const rows = await db.query(
    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public') ORDER BY 1",
  )
  return rows.map((row) => row['nspname'])
}

/** Every table and view left, schema-qualified. */
async function relations(db: Db): Promise<unknown[]> {
  const rows = await db.query(
    "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables " +
      "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
  )
  return rows.map((row) => row['t'])
}

/**
 * `models` written, migrated and upgraded: the database then has `schemas`
 * and check finds nothing, nor does check --offline (PGlite) unless `offline` is false.
 */
async function buildsClean(ws: Workspace, db: Db, models: readonly string[], schemas: readonly string[], offline = true): Promise<void> {
  writeFileSync(ws.models, models.join('\n'))
  await cliOk([...ws.base, 'migrate', '-m', 'build'])
  await cliOk([...ws.base, 'upgrade'])
  assert.deepEqual(await userSchemas(db), schemas)
  for (const extra of offline ? [[], ['--offline']] : [[]]) {
    const checked = await cli([...ws.base, 'check', ...extra])
    assert.equal(checked.stdout, CLEAN, `check ${extra.join(' ')}: ${checked.stderr}`)
  }
}

describe('postgresql: a table in a schema the database lacks', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('check names the schema; migrate creates it first; upgrade, check, check --offline, downgrade base', async () => {
    writeFileSync(ws.models, LOG_MODELS)
    const before = await cli([...ws.base, 'check'])
    assert.equal(before.status, 1, before.stdout + before.stderr)
    assert.match(before.stdout, /^ {2}add schema audit\n {2}add table audit.log$/m)

    await cliOk([...ws.base, 'migrate', '-m', 'first', '--rev-id', '5c4e0a1d2b3f'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /await op\.createSchema\('audit'\)\n\s+await op\.createTable\('log'/)
    assert.match(script, /await op\.dropTable\('log', \{ schema: 'audit' \}\)\n\s+await op\.dropSchema\('audit'\)/)

    const offline = await cliOk([...ws.base, 'upgrade', '--sql'])
    assertGolden(GOLDEN, 'postgresql-new-schema-upgrade.sql', offline.stdout)
    const down = await cliOk([...ws.base, 'downgrade', 'head:base', '--sql'])
    assertGolden(GOLDEN, 'postgresql-new-schema-downgrade.sql', down.stdout)

    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await userSchemas(db), ['audit'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    const offlineChecked = await cli([...ws.base, 'check', '--offline'])
    assert.equal(offlineChecked.stdout, CLEAN, offlineChecked.stderr)

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await userSchemas(db), [])
    assert.deepEqual(await relations(db), ['public.athanor_version', 'public.athanor_version_history'])
  })

  test('a schema the models stop naming is not dropped: it is no longer read', async () => {
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(
      ws.models,
      ["import { col, defineModels, table } from 'athanor'", "export const t = table('t', { id: col.integer().primaryKey() })"].join('\n') +
        '\nexport default defineModels(t)',
    )
    const moved = await cliOk([...ws.base, 'migrate', '-m', 'public only'])
    assert.doesNotMatch(moved.stdout + moved.stderr, /schema audit/)
    const [latest] = readdirSync(join(ws.directory, 'versions'))
      .filter((name) => name.includes('public_only'))
      .map((name) => readFileSync(join(ws.directory, 'versions', name), 'utf8'))
    assert.doesNotMatch(latest ?? '', /Schema\(/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await userSchemas(db), ['audit'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})

describe('postgresql: migrate --offline writes the same createSchema as migrate', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('the script from the PGlite shadow is the one from the database, text for text', async () => {
    writeFileSync(ws.models, LOG_MODELS)
    const versions = join(ws.directory, 'versions')
    const written = async (offline: boolean): Promise<string> => {
      await cliOk([...ws.base, 'migrate', '-m', 'first', '--rev-id', '6d5f1b2e3c4a', ...(offline ? ['--offline'] : [])])
      const [file] = readdirSync(versions).filter((name) => name.endsWith('.ts'))
      const text = readFileSync(join(versions, file!), 'utf8').replace(/^ \* Create Date: .*$/m, '')
      rmSync(join(versions, file!))
      return text
    }
    const offline = await written(true)
    assert.match(offline, /await op\.createSchema\('audit'\)/)
    assert.equal(await written(false), offline)
  })
})

describe('postgresql: enum types, sequences, domains, routines and views in schemas the database lacks', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('each schema is created before its objects and dropped after them', async () => {
    const models = [
      "import { col, defineModels, pgDomain, pgEnum, routine, sequence, sql, table, view } from 'athanor'",
      "export const mood = pgEnum('mood', ['sad', 'ok'], { schema: 'kinds' })",
      "export const ticket = sequence('ticket_no', { start: 100, schema: 'seqs' })",
      "export const positive = pgDomain('positive', 'integer', { check: sql`VALUE > 0`, schema: 'doms' })",
      "export const answer = routine('answer', sql`CREATE FUNCTION util.answer() RETURNS integer LANGUAGE sql IMMUTABLE",
      "  AS $$ SELECT 42 $$`, { schema: 'util' })",
      "export const entries = table('entries', {",
      "  id: col.integer().primaryKey(), mood: mood.column(), n: positive.column(), answer: col.integer().default(sql('util.answer()')),",
      '})',
      "export const moods = view('moods', sql`SELECT id, mood FROM entries`, { schema: 'rep' })",
      'export default defineModels(mood, ticket, positive, answer, entries, moods)',
    ]
    await buildsClean(ws, db, models, ['doms', 'kinds', 'rep', 'seqs', 'util'])
    await db.query("INSERT INTO entries (id, mood, n) VALUES (1, 'ok', 2)")
    assert.deepEqual(await db.query('SELECT mood::text AS mood FROM rep.moods'), [{ mood: 'ok' }])
    await db.query('DELETE FROM entries')

    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await userSchemas(db), [])
  })
})

describe('postgresql: pull --schema output rebuilds on an empty database', () => {
  const source = useTestDatabase('postgresql')
  const target = useTestDatabase('postgresql')
  const ws = useWorkspace(target)

  test('the pulled models name audit; migrate on the empty database creates it, upgrade builds, check is clean', async () => {
    await source.query('CREATE SCHEMA audit')
    await source.query("CREATE TYPE audit.level AS ENUM ('info', 'warn')")
    await source.query('CREATE TABLE audit.log (id integer PRIMARY KEY, level audit.level NOT NULL, note text)')
    await source.query("CREATE VIEW audit.warnings AS SELECT id, note FROM audit.log WHERE level = 'warn'")
    await cliOk(['-d', ws.directory, '--url', source.url, 'pull', '--schema', 'audit', '-o', ws.models])
    assert.match(readFileSync(ws.models, 'utf8'), /schema: 'audit'/)

    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await userSchemas(target), ['audit'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, checked.stderr)
    await target.query("INSERT INTO audit.log VALUES (1, 'warn', 'disk')")
    assert.deepEqual(await target.query('SELECT note FROM audit.warnings'), [{ note: 'disk' }])
  })
})

describe('postgresql: an extension installed into a schema the database lacks', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('the schema is created before CREATE EXTENSION … SCHEMA, and dropped after the extension', async () => {
    const models = [
      "import { col, defineModels, extension, table } from 'athanor'",
      "export const hstore = extension('hstore', { schema: 'ext' })",
      "export const bags = table('bags', { id: col.integer().primaryKey(), attrs: col.raw('ext.hstore') })",
      'export default defineModels(hstore, bags)',
    ]
    // PGlite has hstore only when its URL asks for it: the server alone here.
    await buildsClean(ws, db, models, ['ext'], false)
    await cliOk([...ws.base, 'downgrade', 'base'])
    assert.deepEqual(await userSchemas(db), [])
  })
})
