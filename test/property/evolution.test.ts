import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import type { Table } from '../../src/schema/types.js'
import { autogenProject, type AutogenProject } from '../autogenerate/helpers.js'
import { CATALOGS } from './catalogs.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { evolutionSteps, FIXTURE, ROWS } from './evolution-steps.js'

/**
 * The catalog with each column's number left out (its order stays in the
 * rows' order): PostgreSQL never reuses a dropped column's attnum, so a
 * column a downgrade adds back at its old place has a new number.
 */
async function catalogOf(dialect: DialectName, db: TestDatabase): Promise<Record<string, unknown[]>> {
  const catalog = await CATALOGS[dialect](db)
  const columns = catalog['columns']?.map((row) => {
    const { attnum: _a, cid: _c, ordinal_position: _o, ...rest } = row as Record<string, unknown>
    return rest
  })
  return { ...catalog, ...(columns ? { columns } : {}) }
}

/** The rows' values in the columns every step keeps. */
async function rows(db: TestDatabase): Promise<unknown[]> {
  const parents = await db.query('SELECT id, name, qty FROM parents ORDER BY id')
  const children = await db.query('SELECT id, parent_id, label, code FROM children ORDER BY id')
  return [...parents, ...children].map((row) => Object.values(row).map((v) => (v === null ? null : String(v))))
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: the fixture evolved construct by construct, and back`, () => {
    let db: TestDatabase
    let project: AutogenProject
    before(async () => {
      db = await createTestDatabase(dialect)
      project = autogenProject(db.url)
    })
    after(async () => {
      project?.cleanup()
      await db?.drop()
    })

    test('each step migrates and upgrades with its rows kept and check clean; each downgrade restores the catalog before it', async () => {
      let tables: Table[] = [...FIXTURE]
      project.models(tables)
      await project.migrate('fixture')
      await project.upgrade()
      for (const sql of ROWS) await db.query(sql)
      const kept = await rows(db)
      const catalogs = [await catalogOf(dialect, db)]
      const steps = evolutionSteps(dialect)
      for (const step of steps) {
        tables = step.apply(tables)
        project.models(tables)
        assert.ok(await project.migrate(step.name), `${step.name}: a script is written`)
        await project.upgrade()
        assert.deepEqual(await project.check(), [], `${step.name}: check after upgrade`)
        assert.deepEqual(await rows(db), kept, `${step.name}: rows after upgrade`)
        catalogs.push(await catalogOf(dialect, db))
        assert.notDeepEqual(catalogs.at(-1), catalogs.at(-2), `${step.name}: the catalog changed`)
      }
      for (let i = steps.length - 1; i >= 0; i--) {
        await project.downgrade('-1')
        assert.deepEqual(await rows(db), kept, `${steps[i]!.name}: rows after downgrade`)
        assert.deepEqual(await catalogOf(dialect, db), catalogs[i], `${steps[i]!.name}: the catalog after downgrade`)
      }
    })
  })
}
