import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { tableNames } from '../dialect-live/catalog.js'

const CLEAN = 'No new upgrade operations detected.\n'

/** Models with a users table and views over it; `evolved` drops the column one view reads and changes and adds views. */
function models(evolved: boolean): string {
  return [
    "import { col, defineModels, sql, table, view } from 'athanor'",
    'export const users = table("users", {',
    '  id: col.integer().primaryKey(),',
    '  email: col.string(100),',
    evolved ? '' : '  legacy: col.string(100),',
    '})',
    `export const legacyUsers = view('legacy_users', sql\`SELECT id${evolved ? '' : ', legacy'} FROM users\`)`,
    "export const emails = view('emails', sql`SELECT email FROM users WHERE email IS NOT NULL`)",
    evolved ? "export const userIds = view('user_ids', sql`SELECT id FROM users`)" : '',
    `export default defineModels(users, legacyUsers, emails${evolved ? ', userIds' : ''})`,
    '',
  ].join('\n')
}

for (const dialect of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`${dialect}: views evolve with the table they read`, () => {
    const db = useTestDatabase(dialect)
    const ws = useWorkspace(db)

    test('created, changed and recreated around a dropped column, check clean after each upgrade, back down to the old ones', async () => {
      writeFileSync(ws.models, models(false))
      await cliOk([...ws.base, 'migrate', '-m', 'users and views'])
      await cliOk([...ws.base, 'upgrade'])
      assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
      await db.query("INSERT INTO users (id, email, legacy) VALUES (1, 'a@example.com', 'x')")
      writeFileSync(ws.models, models(true))
      await cliOk([...ws.base, 'migrate', '-m', 'drop legacy'])
      await cliOk([...ws.base, 'upgrade'])
      const checked = await cli([...ws.base, 'check'])
      assert.equal(checked.stdout, CLEAN, checked.stderr)
      assert.deepEqual(await db.query('SELECT id FROM user_ids'), [{ id: 1 }])
      await cliOk([...ws.base, 'downgrade', '-1'])
      // The old definition is back, over the column restored (empty: its values went with the drop).
      assert.deepEqual(await db.query('SELECT id, legacy FROM legacy_users'), [{ id: 1, legacy: null }])
      assert.equal((await tableNames(db)).includes('user_ids'), false)
      await cliOk([...ws.base, 'downgrade', 'base'])
      assert.deepEqual(await tableNames(db), ['athanor_version', 'athanor_version_history'])
    })
  })
}
