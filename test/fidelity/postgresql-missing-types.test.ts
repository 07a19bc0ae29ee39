// A column typed with a type the models do not create and the target lacks,
// or with a collation made there by hand (listed by pull as not represented),
// failed at upgrade, after migrate wrote the script: migrate and check now
// refuse it from the target's catalog (MISSING_TYPE), naming the table, the
// column and the name, and pass once a migration created it. What the models
// create themselves (enums, domains, composite and range types and their
// multiranges, an extension's types, a table's row type) and the built-in
// types in any spelling are never refused.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { useWorkspace } from '../adoption/workspace.js'

const CLEAN = 'No new upgrade operations detected.\n'

const SOURCE = [
  'CREATE TYPE floatrange AS RANGE (subtype = float8)',
  "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
  'CREATE TABLE spans (id integer PRIMARY KEY, span floatrange, name text COLLATE nocase, label text COLLATE "und-x-icu")',
]

const scripts = (directory: string) => readdirSync(join(directory, 'versions')).filter((name) => name.endsWith('.ts'))

describe('postgresql: a type or collation the target lacks', () => {
  const project = usePulledProject('postgresql', SOURCE)

  test('pull lists the collation as not represented, and models the range type', async () => {
    const { source, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.doesNotMatch(pulled.stderr, /range type floatrange/)
    assert.match(pulled.stderr, /collation nocase/)
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /span: floatrange\.column\(\)/)
    assert.match(models, /name: col\.text\(\)\.collate\('nocase'\)/)
  })

  test('migrate refuses it, naming the table, the column and the collation, and writes no script', async () => {
    const { ws } = project()
    const line = assertCleanError(
      await cli([...ws.base, 'migrate', '-m', 'pulled']),
      { code: 'MISSING_TYPE' },
      'column "name" of table "spans" uses collation nocase',
    )
    assert.doesNotMatch(line, /und-x-icu|floatrange/)
    assert.deepEqual(scripts(ws.directory), [])
  })

  test('check refuses it as an error (exit 2), not as a difference', async () => {
    const { ws } = project()
    assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, 'column "name" of table "spans" uses collation nocase')
  })

  test('made by a migration, it passes migrate, upgrade and check', async () => {
    const { ws } = project()
    await cliOk([...ws.base, 'revision', '-m', 'collation'])
    const [file] = scripts(ws.directory)
    const path = join(ws.directory, 'versions', file!)
    const made = `  await op.execute("CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)")`
    const upgrade = /export async function upgrade\([^)]*\): Promise<void> \{\n[\s\S]*?\n\}/
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(upgrade, `export async function upgrade(op: Operations): Promise<void> {\n${made}\n}`),
    )
    await cliOk([...ws.base, 'upgrade'])
    await cliOk([...ws.base, 'migrate', '-m', 'pulled'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cliOk([...ws.base, 'check'])).stdout, CLEAN)
  })
})

const MADE_BY_MODELS = `import { col, defineModels, extension, pgComposite, pgDomain, pgEnum, pgRange, table } from 'athanor'
export const citext = extension('citext')
export const mood = pgEnum('mood', ['sad', 'happy'])
export const positive = pgDomain('positive', 'int4', { check: 'VALUE > 0' })
export const pair = pgComposite('pair', { a: 'float8', b: { type: 'text', collation: 'C' } })
export const floatrange = pgRange('floatrange', { subtype: 'float8' })
export const places = table('places', { id: col.integer().primaryKey() })
export const things = table('things', {
  id: col.integer().primaryKey(),
  email: col.raw('citext'),
  moods: col.raw('mood[]'),
  count: col.raw('positive'),
  pairs: col.raw('public.pair[]'),
  place: col.raw('places'),
  a: col.raw('int4'),
  b: col.raw('varchar(10)[]'),
  c: col.raw('timestamptz(3)'),
  d: col.raw('double precision'),
  e: col.raw('"char"'),
  f: col.raw('pg_catalog.int8range'),
  g: col.raw('numeric(10, 2) ARRAY'),
  h: col.raw('interval day to second'),
  i: col.raw('TIMESTAMP(3) WITH TIME ZONE[]'),
  j: col.text().collate('und-x-icu'),
  k: col.text().collate('C'),
  l: col.raw('tsvector'),
  o: col.raw('floatrange'),
  p: col.raw('floatmultirange[]'),
})
export default defineModels(citext, mood, positive, pair, floatrange, places, things)
`

describe('postgresql: the types the models create or the database has', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('are not refused: migrate, upgrade and check pass', async () => {
    writeFileSync(ws.models, MADE_BY_MODELS)
    await cliOk([...ws.base, 'migrate', '-m', 'made by the models'])
    await cliOk([...ws.base, 'upgrade'])
    // A raw alias (int4 for integer) reads back as the catalog's name, a difference of its own: not a refusal.
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stderr, '')
    assert.notEqual(checked.status, 2)
  })

  test('a type of a schema not on the search_path is refused unqualified, found qualified', async () => {
    await db.query('CREATE SCHEMA apart')
    await db.query('CREATE TYPE apart.span AS RANGE (subtype = int4)')
    writeFileSync(ws.models, MADE_BY_MODELS.replace("l: col.raw('tsvector'),", "l: col.raw('tsvector'),\n  m: col.raw('span'),"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'MISSING_TYPE' }, '"m"', '"things"', 'type span')
    writeFileSync(ws.models, MADE_BY_MODELS.replace("l: col.raw('tsvector'),", "l: col.raw('tsvector'),\n  m: col.raw('apart.span'),"))
    await cliOk([...ws.base, 'migrate', '-m', 'qualified'])
    await cliOk([...ws.base, 'upgrade'])
  })

  test('offline (--offline) is not refused: the target catalog is not at hand', async () => {
    writeFileSync(
      ws.models,
      MADE_BY_MODELS.replace("l: col.raw('tsvector'),", "l: col.raw('tsvector'),\n  m: col.raw('apart.span'),\n  n: col.raw('nowhere')"),
    )
    const result = await cli([...ws.base, 'check', '--offline'])
    assert.doesNotMatch(result.stderr, /MISSING_TYPE/)
  })
})
