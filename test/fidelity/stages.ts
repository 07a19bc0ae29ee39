import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { tableNames } from '../dialect-live/catalog.js'
import { postgresCatalog } from './pg-catalog.js'

const CLEAN = 'No new upgrade operations detected.\n'

/**
 * A PostgreSQL project evolved through `stages` (models modules) with
 * `rows` inserted after the first: each stage migrates and upgrades with
 * `check` clean, `upgraded` asserts on the last stage and the scripts,
 * each downgrade restores the catalog of the stage before, `downgraded`
 * asserts on the first stage again, and `downgrade base` leaves only the
 * version tables.
 */
export function describeStages(
  title: string,
  stages: readonly string[],
  rows: string,
  upgraded: (db: TestDatabase, scripts: readonly string[]) => Promise<void>,
  downgraded: (db: TestDatabase) => Promise<void>,
): void {
  describe(title, () => {
    let db: TestDatabase
    let ws: Workspace
    before(async () => {
      db = await createTestDatabase('postgresql')
      ws = await workspace(db.url)
    })
    after(async () => {
      ws?.cleanup()
      await db?.drop()
    })

    test('each stage migrates with check clean after it; each downgrade restores the catalog before it', async () => {
      const { catalogs, scripts } = await migrateStages(ws, db, stages, rows)
      await upgraded(db, scripts)
      await downgradeStages(ws, db, catalogs)
      await downgraded(db)
      await cliOk([...ws.base, 'downgrade', 'base'])
      assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    })
  })
}

/**
 * Each models module of `stages` in turn: migrate, upgrade, `check` clean;
 * `rows` run after the first. Returns the catalog after each stage and the
 * scripts written.
 */
async function migrateStages(
  ws: Workspace,
  db: TestDatabase,
  stages: readonly string[],
  rows: string,
): Promise<{ catalogs: Record<string, unknown[]>[]; scripts: string[] }> {
  const catalogs: Record<string, unknown[]>[] = []
  for (const [index, models] of stages.entries()) {
    writeFileSync(ws.models, `${models}\n`)
    await cliOk([...ws.base, 'migrate', '-m', `stage ${index}`])
    await cliOk([...ws.base, 'upgrade'])
    const checked = await cli([...ws.base, 'check'])
    assert.equal(checked.stdout, CLEAN, `stage ${index}: ${checked.stderr}`)
    if (index === 0) await db.query(rows)
    catalogs.push(await postgresCatalog(db))
  }
  const versions = join(ws.directory, 'versions')
  return { catalogs, scripts: readdirSync(versions).map((file) => readFileSync(join(versions, file), 'utf8')) }
}

/** One step down at a time to the first stage, each leaving the catalog the stage before had. */
async function downgradeStages(ws: Workspace, db: TestDatabase, catalogs: readonly Record<string, unknown[]>[]): Promise<void> {
  for (let index = catalogs.length - 1; index > 0; index--) {
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await postgresCatalog(db), catalogs[index - 1], `downgrade to stage ${index - 1}`)
  }
}
