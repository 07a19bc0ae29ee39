// An extension's schema is part of the schema athanor keeps: `pull` writes
// it, a migration onto an empty database creates the extension there, and a
// model that names another schema moves it with ALTER EXTENSION … SET SCHEMA
// (and back on the downgrade). An extension PostgreSQL cannot move is
// reported, never moved by a statement that would fail at upgrade.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

type Query = (sql: string) => Promise<Record<string, unknown>[]>

/** Each extension with the schema it lives in, plpgsql left out. */
async function extensionsOf(query: Query): Promise<string[]> {
  const rows = await query(
    "SELECT e.extname || ' in ' || n.nspname AS e FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace " +
      "WHERE e.extname <> 'plpgsql' ORDER BY 1",
  )
  return rows.map((row) => String(row['e']))
}

describe('postgresql: an extension’s schema', () => {
  const source = useTestDatabase('postgresql')

  test('pull keeps it, migrate onto an empty database creates it there, check is clean on both', async () => {
    await source.query('CREATE SCHEMA ext')
    await source.query('CREATE EXTENSION citext SCHEMA ext')
    await source.query('CREATE TABLE people (id integer PRIMARY KEY, email ext.citext NOT NULL)')
    const pulled = await workspace(source.url)
    const target = await createTestDatabase('postgresql')
    const fresh = await workspace(target.url)
    try {
      await cliOk([...pulled.base, 'pull', '-o', pulled.models])
      const models = readFileSync(pulled.models, 'utf8')
      assert.match(models, /extension\('citext', \{ schema: 'ext' \}\)/)
      assert.match(models, /col\.raw\('ext\.citext'\)/)
      assert.equal((await cli([...pulled.base, 'check'])).stdout, CLEAN)

      writeFileSync(fresh.models, models)
      await cliOk([...fresh.base, 'migrate', '-m', 'adopt'])
      const [file] = readdirSync(join(fresh.directory, 'versions')).filter((name) => name.endsWith('.ts'))
      const script = readFileSync(join(fresh.directory, 'versions', file!), 'utf8')
      assert.match(script, /op\.createSchema\('ext'\)[\s\S]*op\.createExtension\('citext', \{ schema: 'ext' \}\)[\s\S]*op\.createTable/)
      await cliOk([...fresh.base, 'upgrade'])
      assert.deepEqual(await extensionsOf(target.query), await extensionsOf(source.query))
      assert.equal((await cli([...fresh.base, 'check'])).stdout, CLEAN)
      await cliOk([...fresh.base, 'downgrade', 'base'])
      assert.deepEqual(await extensionsOf(target.query), [])
    } finally {
      pulled.cleanup()
      fresh.cleanup()
      await target.drop()
    }
  })

  test('a model naming another schema moves it there, and the downgrade moves it back', async () => {
    const source = await createTestDatabase('postgresql')
    await source.query('CREATE EXTENSION hstore')
    await source.query('CREATE TABLE bag (id integer PRIMARY KEY, attrs hstore)')
    await source.query("INSERT INTO bag VALUES (1, 'a=>1')")
    const ws = await workspace(source.url)
    try {
      const models = (schema: string, qualified = schema === '' ? '' : `${schema}.`) =>
        [
          "import { col, defineModels, extension, table } from 'athanor'",
          `export const hstore = extension('hstore'${schema === '' ? '' : `, { schema: '${schema}' }`})`,
          // Outside the search path, PostgreSQL prints the type qualified, and the models say it so.
          `export const bag = table('bag', { id: col.integer().primaryKey(), attrs: col.raw('${qualified}hstore') })`,
          'export default defineModels(hstore, bag)',
        ].join('\n')
      // Named nowhere, it stays where it is.
      writeFileSync(ws.models, models(''))
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

      writeFileSync(ws.models, models('extensions'))
      const checked = await cli([...ws.base, 'check'])
      assert.equal(checked.status, 1, checked.stdout + checked.stderr)
      assert.match(checked.stdout, /move extension hstore to schema extensions/)
      await cliOk([...ws.base, 'migrate', '-m', 'move hstore'])
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts'))
      const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
      assert.match(
        script,
        /op\.createSchema\('extensions'\)\n\s+await op\.alterExtension\('hstore', \{ schema: 'extensions', existingSchema: 'public' \}\)/,
      )
      await cliOk([...ws.base, 'upgrade'])
      assert.deepEqual(await extensionsOf(source.query), ['hstore in extensions'])
      // The column's type moved with it; the rows are untouched.
      const [row] = await source.query(
        'SELECT attrs::text AS a, format_type(atttypid, NULL) AS t FROM bag, pg_attribute ' +
          "WHERE attrelid = 'bag'::regclass AND attname = 'attrs'",
      )
      assert.deepEqual(row, { a: '"a"=>"1"', t: 'extensions.hstore' })
      // The type went along: the column needs no ALTER, here or on the way back.
      assert.doesNotMatch(script, /alterColumn/)
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await cliOk([...ws.base, 'downgrade', 'base'])
      assert.deepEqual(await extensionsOf(source.query), ['hstore in public'])
      const [back] = await source.query('SELECT attrs::text AS a FROM bag')
      assert.deepEqual(back, { a: '"a"=>"1"' })
    } finally {
      ws.cleanup()
      await source.drop()
    }
  })

  test('an extension PostgreSQL cannot move is reported, not moved', async () => {
    const source = await createTestDatabase('postgresql')
    await source.query('CREATE EXTENSION xml2')
    await source.query('CREATE EXTENSION hstore')
    const ws = await workspace(source.url)
    try {
      writeFileSync(
        ws.models,
        [
          "import { defineModels, extension } from 'athanor'",
          "export default defineModels(extension('xml2', { schema: 'extensions' }), extension('hstore', { schema: 'extensions' }))",
        ].join('\n'),
      )
      const checked = await cli([...ws.base, 'check'])
      assert.equal(checked.status, 1, checked.stdout + checked.stderr)
      assert.match(checked.stdout, /extension xml2: in schema public, the models want it in extensions, and PostgreSQL cannot move it/)
      assert.match(checked.stdout, /move extension hstore to schema extensions/)
      assert.doesNotMatch(checked.stdout, /move extension xml2/)
    } finally {
      ws.cleanup()
      await source.drop()
    }
  })
})
