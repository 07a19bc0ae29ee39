// Models naming a schema that no migration can make there: on SQLite and
// MySQL/MariaDB every `{ schema }`, which autogenerate used to accept and the
// upgrade then refused (`unknown database "audit"`). migrate and check now
// refuse them first, in one line naming the object and the schema, and write
// nothing.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const AUDIT_MODELS = [
  "import { col, defineModels, table } from 'athanor'",
  "export const users = table('users', { id: col.integer().primaryKey() })",
  "export const log = table('log', { id: col.integer().primaryKey(), note: col.text() }, { schema: 'audit' })",
  'export default defineModels(users, log)',
].join('\n')

for (const server of ['sqlite', 'mysql'] as const) {
  describe(`${server}: a model table in { schema: 'audit' }`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)

    test('migrate, migrate --offline and check refuse it in one line, and no script is written', async () => {
      writeFileSync(ws.models, AUDIT_MODELS)
      for (const argv of [['migrate', '-m', 'audit'], ['check'], ...(server === 'sqlite' ? [['migrate', '-m', 'x', '--offline']] : [])]) {
        const result = await cli([...ws.base, ...argv])
        const status = argv[0] === 'check' ? { status: 2 } : { code: 'UNSUPPORTED_FEATURE' as const }
        const line = assertCleanError(result, status, "table audit.log names schema 'audit'", 'leave { schema } out')
        assert.ok(line.length <= 240, line)
      }
      assert.deepEqual(
        readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('.ts')),
        [],
      )
    })
  })
}
