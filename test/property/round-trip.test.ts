import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { pull } from '../../src/command/pull.js'
import type { DialectName } from '../../src/dialect/types.js'
import { renderModels } from '../../src/models/render.js'
import { autogenProject } from '../autogenerate/helpers.js'
import { tableNames } from '../dialect-live/catalog.js'
import { CATALOGS } from './catalogs.js'
import { createTestDatabase } from '../helpers/databases.js'
import { randomSchemaArbitrary, type RandomSchema } from './objects-arbitrary.js'

/** A failure prints its seed and path; ATHANOR_PROPERTY_SEED and ATHANOR_PROPERTY_PATH replay it. */
const seed = Number(process.env['ATHANOR_PROPERTY_SEED'] ?? 20261203)
const path = process.env['ATHANOR_PROPERTY_PATH']
const numRuns = Number(process.env['ATHANOR_PROPERTY_RUNS'] ?? 8)

/**
 * One schema (tables, and the views, triggers, routines, PostgreSQL enum
 * types, domains and partitions drawn with them): models → migrate onto an empty database → upgrade → check
 * clean → pull → the pulled models check clean against it → a second
 * database built from the pulled models has the same catalog and checks
 * clean → downgrade base leaves only the version tables.
 */
async function roundTrips(dialect: DialectName, schema: RandomSchema): Promise<void> {
  const source = await createTestDatabase(dialect)
  const rebuilt = await createTestDatabase(dialect)
  const fromModels = autogenProject(source.url)
  const fromPulled = autogenProject(rebuilt.url)
  try {
    fromModels.models(renderModels(schema.tables, schema.views, schema.objects, schema.code))
    assert.ok(await fromModels.migrate('models'), 'a script is written for a new schema')
    await fromModels.upgrade()
    assert.deepEqual(await fromModels.check(), [], 'check after upgrade')
    const pulled = await pull({ directory: fromModels.directory, url: source.url, env: {} })
    fromModels.models(pulled.text)
    assert.deepEqual(await fromModels.check(), [], `the pulled models against the same database:\n${pulled.text}`)
    fromPulled.models(pulled.text)
    await fromPulled.migrate('pulled')
    await fromPulled.upgrade()
    assert.deepEqual(await CATALOGS[dialect](rebuilt), await CATALOGS[dialect](source), `built from:\n${pulled.text}`)
    assert.deepEqual(await fromPulled.check(), [], 'check on the database built from the pulled models')
    await fromModels.downgrade('base')
    assert.deepEqual(await tableNames(source), ['athanor_version', 'athanor_version_history'])
  } finally {
    fromModels.cleanup()
    fromPulled.cleanup()
    await source.drop()
    await rebuilt.drop()
  }
}

// The dialects run side by side: each case mostly waits on its database server, and each has databases of its own.
describe('random schemas', { concurrency: 3 }, () => {
  for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
    test(`${dialect}: random schemas round-trip through migrate, upgrade, check and pull`, async () => {
      const details = await fc.check(
        fc.asyncProperty(randomSchemaArbitrary(dialect), (schema) => roundTrips(dialect, schema)),
        {
          seed,
          numRuns,
          ...(path === undefined ? {} : { path }),
        },
      )
      // fast-check's report names the seed and path to replay; the assertion that failed follows it.
      if (details.failed) assert.fail(`${fc.defaultReportMessage(details)}\n\n${details.errorInstance}`)
    })
  }
})
