// A schema-per-tenant project whose models put something in a fixed schema
// ({ schema: 'shared' }): every tenant's migration would create the same
// schema and objects again, so the second tenant's upgrade failed at CREATE
// SCHEMA. migrate and check now refuse such models in one line, before any
// script is written. An extension in a fixed schema is the exception: it
// is the database's, and CREATE EXTENSION IF NOT EXISTS serves every tenant;
// one with no schema is refused, as it would land in the first tenant's.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { workspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const MODELS = [
  "import { col, defineModels, table } from 'athanor'",
  "export const users = table('users', { id: col.integer().primaryKey(), plan: col.integer() })",
  "export const plans = table('plans', { id: col.integer().primaryKey(), name: col.text() }, { schema: 'shared' })",
  'export default defineModels(users, plans)',
]

describe('postgresql tenants matched by pattern: models in a fixed schema', () => {
  const db = useTestDatabase('postgresql')
  const holding = async (table: string) =>
    (await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = '${table}' ORDER BY 1`)).map(
      (row) => row['table_schema'],
    )

  test('migrate and check refuse them in one line naming the object, the schema and tenants.pattern; an extension passes', async () => {
    for (const schema of ['tenant_a', 'tenant_b']) await db.query(`CREATE SCHEMA ${schema}`)
    const ws = await workspace(`${db.url}?schema=tenant_a`)
    try {
      const config = join(ws.directory, 'athanor.config.ts')
      writeFileSync(
        config,
        readFileSync(config, 'utf8').replace('  versionTable:', "  tenants: { pattern: 'tenant\\\\_%' },\n  versionTable:"),
      )
      writeFileSync(ws.models, MODELS.join('\n'))
      const mention = ["table shared.plans names schema 'shared'", 'tenants.pattern']
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'shared']), { code: 'UNSUPPORTED_FEATURE' }, ...mention)
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...mention)
      assert.deepEqual(
        readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts')),
        [],
      )

      // Without the fixed schema, each tenant takes the same script.
      writeFileSync(ws.models, [MODELS[0], MODELS[1], 'export default defineModels(users)'].join('\n'))
      await cliOk([...ws.base, 'migrate', '-m', 'users'])
      await cliOk([...ws.base, 'upgrade', '--all'])
      assert.deepEqual(await holding('users'), ['tenant_a', 'tenant_b'])

      // An extension is the database's whichever schema holds it: one in a schema made beforehand serves every tenant.
      await db.query('CREATE SCHEMA ext')
      writeFileSync(
        ws.models,
        [
          "import { col, defineModels, extension, table } from 'athanor'",
          "export const hstore = extension('hstore', { schema: 'ext' })",
          MODELS[1],
          "export const bags = table('bags', { id: col.integer().primaryKey(), attrs: col.raw('ext.hstore') })",
          'export default defineModels(hstore, users, bags)',
        ].join('\n'),
      )
      await cliOk([...ws.base, 'migrate', '-m', 'bags'])
      await cliOk([...ws.base, 'upgrade', '--all'])
      assert.deepEqual(await holding('bags'), ['tenant_a', 'tenant_b'])

      // One with no schema would land in the first tenant's, out of the other tenants' search_path.
      const models = readFileSync(ws.models, 'utf8')
      writeFileSync(
        ws.models,
        models.replace(
          'export default defineModels(hstore, users, bags)',
          "export const citext = extension('citext')\nexport default defineModels(hstore, citext, users, bags)",
        ),
      )
      const homeless = ['model extension citext names no schema', 'tenants.pattern', "extension('citext', { schema: 'public' })"]
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'citext']), { code: 'UNSUPPORTED_FEATURE' }, ...homeless)
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...homeless)
      assert.equal(readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts')).length, 2)
    } finally {
      ws.cleanup()
    }
  })
})
