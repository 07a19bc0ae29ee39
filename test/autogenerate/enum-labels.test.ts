// A label appended to a PostgreSQL enum type: migrate used to stop at the
// downgrade it could not write (PostgreSQL has no DROP VALUE), so no script
// was written at all. The upgrade is ALTER TYPE … ADD VALUE IF NOT EXISTS;
// the downgrade leaves the label, saying so, so the next upgrade finds it
// and goes on, and athanor test's stairway passes.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (labels: readonly string[]) =>
  [
    "import { col, defineModels, pgEnum, table } from 'athanor'",
    `export const mood = pgEnum('mood', ${JSON.stringify(labels)})`,
    "export const people = table('people', { id: col.integer().primaryKey(), mood: mood.column() })",
    'export default defineModels(mood, people)',
  ].join('\n')

describe('postgresql: labels appended to an enum type', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const labels = async () =>
    (await db.query("SELECT enumlabel FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder")).map((r) => r['enumlabel'])

  test('migrate writes ADD VALUE; down leaves the label and says so; up again, check and athanor test pass', async () => {
    writeFileSync(ws.models, models(['sad', 'ok']))
    await cliOk([...ws.base, 'migrate', '-m', 'mood'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO people VALUES (1, 'ok')")

    writeFileSync(ws.models, models(['sad', 'meh', 'ok', 'happy']))
    await cliOk([...ws.base, 'migrate', '-m', 'more moods'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_more_moods.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /op\.addEnumValue\('mood', 'meh', \{ before: 'ok' \}\)\n.*\n\s+await op\.addEnumValue\('mood', 'happy'\)/)
    assert.match(script, /downgrade[\s\S]*keeps the label \\'happy\\'[\s\S]*keeps the label \\'meh\\'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await labels(), ['sad', 'meh', 'ok', 'happy'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await labels(), ['sad', 'meh', 'ok', 'happy'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await db.query('SELECT id, mood::text AS mood FROM people'), [{ id: 1, mood: 'ok' }])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    const tested = await cli([...ws.base, 'test'])
    assert.equal(tested.status, 0, tested.stdout + tested.stderr)
    assert.match(tested.stdout, /^ok +stairway .*enum public\.mood keeps the labels 'meh', 'happy', which PostgreSQL cannot remove$/m)
  })
})
