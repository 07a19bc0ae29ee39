import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'
import { assertTypeChecks } from '../helpers/typecheck.js'
import { tableNames } from '../dialect-live/catalog.js'

/** A dialect's catalog as comparable rows, the version tables left out. */
export type CatalogReader = (db: TestDatabase) => Promise<Record<string, unknown[]>>

/** The statements of a fixture file: separated by lines holding only `;`, comment lines dropped. */
export function fixtureStatements(name: string): string[] {
  const text = readFileSync(new URL(`../fixtures/fidelity/${name}`, import.meta.url), 'utf8')
  return text
    .split(/^;\s*$/m)
    .map((part) =>
      part
        .split('\n')
        .filter((line) => !line.startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((sql) => sql !== '')
}

const CLEAN = 'No new upgrade operations detected.\n'

/**
 * The adoption round trip on one fixture: create it, `pull` its models,
 * `migrate` them onto an empty database, `upgrade`, and expect both catalogs
 * equal and `check` clean against both. `afterUpgrade` runs extra assertions
 * (rows, the pulled text) with both databases still there.
 */
export function roundTrip(
  dialect: DialectName,
  fixture: string,
  catalog: CatalogReader,
  afterUpgrade?: (source: TestDatabase, rebuilt: TestDatabase, models: string) => Promise<void>,
  /** A fixture of objects athanor does not manage, made on both databases first as a project would by hand. */
  prelude?: string,
): void {
  describe(`${dialect}: ${fixture} pulled, migrated onto an empty database and upgraded has the same catalog`, () => {
    let source: TestDatabase
    let rebuilt: TestDatabase
    let ws: Workspace
    /** What the prelude made: the downgrade leaves it, as a migration never drops what it does not manage. */
    let preludeTables: string[]
    before(async () => {
      source = await createTestDatabase(dialect)
      rebuilt = await createTestDatabase(dialect)
      for (const sql of prelude === undefined ? [] : fixtureStatements(prelude)) {
        await source.query(sql)
        await rebuilt.query(sql)
      }
      preludeTables = await tableNames(rebuilt)
      for (const sql of fixtureStatements(fixture)) await source.query(sql)
      ws = await workspace(source.url)
    })
    after(async () => {
      ws?.cleanup()
      await source?.drop()
      await rebuilt?.drop()
    })

    test('pull, migrate, upgrade: the catalogs are equal and check is clean on both', async () => {
      const base = ['-d', ws.directory]
      await cliOk([...base, 'pull', '-o', ws.models, '--url', source.url])
      await cliOk([...base, 'migrate', '-m', 'initial schema', '--url', rebuilt.url])
      // What pull and migrate wrote is TypeScript a user's strict project accepts.
      const versions = join(ws.directory, 'versions')
      assertTypeChecks(ws.root, [ws.models, ...readdirSync(versions).map((file) => join(versions, file))])
      await cliOk([...base, 'upgrade', '--url', rebuilt.url])
      assert.deepEqual(await catalog(rebuilt), await catalog(source))
      const onRebuilt = await cli([...base, 'check', '--url', rebuilt.url])
      assert.equal(onRebuilt.stdout, CLEAN, onRebuilt.stderr)
      await cliOk([...base, 'stamp', 'head', '--url', source.url])
      const onSource = await cli([...base, 'check', '--url', source.url])
      assert.equal(onSource.stdout, CLEAN, onSource.stderr)
      await afterUpgrade?.(source, rebuilt, readFileSync(ws.models, 'utf8'))
      // The downgrade drops it all again, in an order the database accepts.
      await cliOk([...base, 'downgrade', 'base', '--url', rebuilt.url])
      assert.deepEqual(await tableNames(rebuilt), ['athanor_version', 'athanor_version_history', ...preludeTables].sort())
    })
  })
}
