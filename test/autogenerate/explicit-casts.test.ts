// A PostgreSQL type change that no assignment cast makes (text to integer,
// integer to boolean) used to stop the upgrade at "cannot be cast
// automatically": migrate now writes the USING, both ways.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (score: string, active: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const results = table('results', { id: col.integer().primaryKey(), score: ${score}, active: ${active} })`,
    'export default defineModels(results)',
  ].join('\n')

describe('postgresql: type changes that need an explicit cast', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const rows = () => db.query('SELECT id, score, active FROM results ORDER BY id')

  test('text to integer and integer to boolean get a USING; the downgrade casts back; rows kept', async () => {
    writeFileSync(ws.models, models('col.text()', 'col.integer()'))
    await cliOk([...ws.base, 'migrate', '-m', 'results'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO results VALUES (1, '42', 1), (2, NULL, 0)")

    writeFileSync(ws.models, models('col.integer()', 'col.boolean()'))
    await cliOk([...ws.base, 'migrate', '-m', 'typed'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_typed.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script, /using: 'score::INTEGER'/)
    assert.match(script, /using: 'active::BOOLEAN'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rows(), [
      { id: 1, score: 42, active: true },
      { id: 2, score: null, active: false },
    ])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await rows(), [
      { id: 1, score: '42', active: 1 },
      { id: 2, score: null, active: 0 },
    ])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
  })
})
