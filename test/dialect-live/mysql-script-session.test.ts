// The offline script for MySQL/MariaDB (`upgrade --sql`) said nothing of
// the session's character set: the live connection asks for utf8mb4, but the
// `mariadb` client defaults to utf8mb3 (or latin1), which refused or corrupted
// a 4-byte character in a default. The script now opens with the settings of a
// live run's session, and the client builds what the live upgrade builds.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cliOk } from '../helpers/cli.js'
import { useTestDatabase, type TestDatabase } from '../helpers/databases.js'

const MODELS =
  "import { col, defineModels, table } from 'athanor'\n" +
  "export const t = table('notes', { id: col.integer().primaryKey(), mood: col.string(20).default('😀 fine') })\n" +
  'export default defineModels(t)\n'

/** The `mariadb` client with no option files read, as a DBA's fresh shell has it, plus `extra`. */
function runClient(db: TestDatabase, script: string, extra: readonly string[]): void {
  const url = new URL(db.url)
  const args = ['--no-defaults', ...extra, '-h', url.hostname, '-P', url.port || '3306', '-u', url.username || 'root', db.name]
  const run = spawnSync('mariadb', args, { input: script, encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
}

const stored = 'SELECT HEX(mood) AS mood FROM notes'

describe('mysql: the offline script through the mariadb client', () => {
  const live = useTestDatabase('mysql')
  const scripted = useTestDatabase('mysql')
  const latin1 = useTestDatabase('mysql')
  const ws = useWorkspace(live)

  test('opens with SET NAMES utf8mb4 and keeps a 4-byte character in a default, as the live run does', async () => {
    writeFileSync(ws.models, MODELS)
    await cliOk([...ws.base, 'migrate', '-m', 'notes'])
    const { stdout } = await cliOk([...ws.base, 'upgrade', '--sql'])
    assert.match(stdout, /^SET NAMES utf8mb4;\n/)
    runClient(scripted, stdout, [])
    runClient(latin1, stdout, ['--default-character-set=latin1'])
    await cliOk([...ws.base, 'upgrade'])
    for (const db of [live, scripted, latin1]) await db.query('INSERT INTO notes (id) VALUES (1)')
    const [want] = await live.query(stored)
    assert.equal(want?.['mood'], Buffer.from('😀 fine').toString('hex').toUpperCase())
    assert.deepEqual(await scripted.query(stored), [want])
    assert.deepEqual(await latin1.query(stored), [want])
  })
})
