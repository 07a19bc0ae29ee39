import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { after, before, describe, test } from 'node:test'
import type { DialectName } from '../../src/dialect/types.js'
import { workspace, type Workspace } from '../adoption/workspace.js'
import { fixtureStatements } from '../fidelity/round-trip.js'
import { storedCodeCatalog } from '../fidelity/stored-code-catalog.js'
import { cliOk } from '../helpers/cli.js'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js'

/** Each database's own command-line client, reading a script on stdin and stopping at its first error. */
function client(db: TestDatabase): { command: string; args: string[] } {
  if (db.dialect === 'sqlite') return { command: 'sqlite3', args: ['-bail', db.name] }
  const url = new URL(db.url)
  const at = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username) || 'root']
  if (db.dialect === 'mysql') return { command: 'mysql', args: [...at, db.name] }
  return {
    command: 'psql',
    args: ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '-d', db.name, '-q', '-v', 'ON_ERROR_STOP=1'],
  }
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const satisfies readonly DialectName[]) {
  describe(`${dialect}: the --sql script of pulled triggers and routines runs in the database's own client`, () => {
    let source: TestDatabase
    let rebuilt: TestDatabase
    let scripted: TestDatabase
    let ws: Workspace
    before(async () => {
      ;[source, rebuilt, scripted] = await Promise.all([
        createTestDatabase(dialect),
        createTestDatabase(dialect),
        createTestDatabase(dialect),
      ])
      for (const sql of fixtureStatements(`stored-code-${dialect}.sql`)) await source.query(sql)
      ws = await workspace(rebuilt.url)
    })
    after(async () => {
      ws?.cleanup()
      await Promise.all([source?.drop(), rebuilt?.drop(), scripted?.drop()])
    })

    test('upgrade --sql, fed to the client, builds the catalog the live upgrade builds; athanor test passes', async () => {
      await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
      await cliOk([...ws.base, 'migrate', '-m', 'initial schema'])
      const { stdout } = await cliOk([...ws.base, 'upgrade', '--sql'])
      if (dialect === 'mysql') assert.match(stdout, /^DELIMITER \/\/\nCREATE TRIGGER tidy_name [\s\S]*?END\/\/\nDELIMITER ;$/m)
      else assert.doesNotMatch(stdout, /DELIMITER/)
      await scripted.release()
      const { command, args } = client(scripted)
      const run = spawnSync(command, args, { input: stdout, encoding: 'utf8' })
      assert.equal(run.status, 0, run.stderr)
      await cliOk([...ws.base, 'upgrade'])
      const catalog = storedCodeCatalog(dialect)
      assert.deepEqual(await catalog(scripted), await catalog(rebuilt))
      // Its offline test runs the same script through the driver, without DELIMITER.
      const tested = await cliOk([...ws.base, 'test'])
      assert.match(tested.stdout, /^ok +offline script matches the live run/m)
    })
  })
}
