// A table moved to another schema and, in a later migration, back: once the
// models no longer named the schema it was in, that schema was not read, so
// the migration saw only a new table ("add table log"), created it empty
// beside the old one and its rows, and `--rename-table audit.log:log` matched
// nothing. A table of a schema the models do not name that holds the name of
// a table they add is now offered as the old side of a move: the flag moves
// it back, and without it a note in the script names the flag. Without a
// terminal it is one more possible rename: a warning on stderr, and refused
// under --strict-renames (or the config's strictRenames) as the others are.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const models = (options: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const log = table('log', { id: col.integer().primaryKey().serial('log_id_seq'), msg: col.text() }${options})`,
    'export default defineModels(log)',
  ].join('\n')

describe('postgresql: a table moved to another schema and back', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const versions = () => join(ws.directory, 'versions')
  const script = (suffix: string) => readFileSync(join(versions(), readdirSync(versions()).find((name) => name.endsWith(suffix))!), 'utf8')
  const schemaOf = "SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'log'"

  test('is a move the second time too, with its rows', async () => {
    writeFileSync(ws.models, models(''))
    await cliOk([...ws.base, 'migrate', '-m', 'init'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO log (msg) VALUES ('keep me')")
    writeFileSync(ws.models, models(", { schema: 'audit' }"))
    await cliOk([...ws.base, 'migrate', '-m', 'away', '--rename-table', 'log:audit.log'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query(schemaOf), [{ schema: 'audit' }])

    writeFileSync(ws.models, models(''))
    const flag = '--rename-table audit.log:log'
    const unflagged = await cliOk([...ws.base, 'migrate', '-m', 'unflagged'])
    assert.match(
      unflagged.stderr,
      /^warning: table log is created, while audit\.log stays, .*run again with --rename-table audit\.log:log$/m,
    )
    assert.ok(script('_unflagged.ts').includes(`if the table moved back, run again with ${flag}`))
    for (const name of readdirSync(versions()).filter((file) => file.endsWith('_unflagged.ts'))) rmSync(join(versions(), name))

    // Like a drop and an add that may be a rename: refused under --strict-renames or the config's strictRenames.
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'strict', '--strict-renames']), { code: 'POSSIBLE_RENAME' }, flag)
    const config = join(ws.directory, 'athanor.config.ts')
    const plain = readFileSync(config, 'utf8')
    writeFileSync(config, plain.replace("models: '../models.ts',", "models: '../models.ts', strictRenames: true,"))
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'strict']), { code: 'POSSIBLE_RENAME' }, 'no script written', flag)
    writeFileSync(config, plain)
    assert.deepEqual(
      readdirSync(versions()).filter((file) => file.endsWith('_strict.ts')),
      [],
    )

    await cliOk([...ws.base, 'migrate', '-m', 'back', '--rename-table', 'audit.log:log'])
    assert.match(script('_back.ts'), /op\.setTableSchema\('log', 'public', \{ schema: 'audit' \}\)/)
    assert.doesNotMatch(script('_back.ts'), /createTable|dropTable/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query(schemaOf), [{ schema: 'public' }])
    await db.query("INSERT INTO log (msg) VALUES ('back')")
    assert.deepEqual(await db.query('SELECT id, msg FROM log ORDER BY id'), [
      { id: 1, msg: 'keep me' },
      { id: 2, msg: 'back' },
    ])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await db.query(schemaOf), [{ schema: 'audit' }])
  })
})
