// What pg_get_constraintdef writes after a check's expression: NO INHERIT,
// which pull wrote into the expression (the migration then failed at
// upgrade on `CHECK (CHECK (…) NO INHERIT)`), and NOT VALID, which made
// check report the models' own check as changed.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

describe('postgresql: NO INHERIT and NOT VALID checks', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)

  test('pull keeps NO INHERIT as an option, reads NOT VALID checks as the checks they are, and check is clean', async () => {
    await db.query('CREATE TABLE t (a integer)')
    await db.query('ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0) NOT VALID')
    await db.query('ALTER TABLE t ADD CONSTRAINT a_small CHECK (a < 100) NO INHERIT')
    await db.query('CREATE DOMAIN positive AS integer')
    await db.query('ALTER DOMAIN positive ADD CONSTRAINT positive_check CHECK (VALUE > 0) NOT VALID')
    await cliOk([...ws.base, 'pull', '-o', ws.models])
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /check\('a_small', '\(a < 100\)', \{ noInherit: true \}\)/)
    assert.match(models, /check\('a_pos', '\(a > 0\)'\)/)
    assert.doesNotMatch(models, /NOT VALID|NO INHERIT/)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    // Dropped from the models' side, it is re-made; the upgrade runs.
    writeFileSync(ws.models, models.replace(', { noInherit: true }', ''))
    const changed = await cli([...ws.base, 'check'])
    assert.match(changed.stdout, /a_small/)
    await cliOk([...ws.base, 'migrate', '-m', 'inherit'])
    await cliOk([...ws.base, 'upgrade'])
    const [row] = await db.query("SELECT connoinherit FROM pg_constraint WHERE conname = 'a_small'")
    assert.equal(row?.['connoinherit'], false)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'downgrade', 'base'])
    const [back] = await db.query("SELECT connoinherit FROM pg_constraint WHERE conname = 'a_small'")
    assert.equal(back?.['connoinherit'], true)
  })
})

describe('sqlite: a NO INHERIT check', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)

  test('is refused at migrate in one line, before any script is written', async () => {
    writeFileSync(
      ws.models,
      [
        "import { check, col, defineModels, table } from 'athanor'",
        "export const t = table('t', { a: col.integer() }, { checks: [check('a_pos', 'a > 0', { noInherit: true })] })",
        'export default defineModels(t)',
      ].join('\n'),
    )
    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'x']), { code: 'UNSUPPORTED_FEATURE' }, 'a_pos', 'NO INHERIT')
  })
})
