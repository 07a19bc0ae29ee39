// A partial index's predicate and an expression index's expressions are
// compared by their text, normalised as a CHECK's is (PostgreSQL rewrites
// both with casts and parentheses). They used to be compared by presence
// only, so a changed predicate or expression was no change at all.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (status: string, expression: string) =>
  [
    "import { col, defineModels, index, table } from 'athanor'",
    "export const tickets = table('tickets', {",
    '  id: col.integer().primaryKey(), status: col.string(10).notNull(), email: col.string(80).notNull(), amount: col.numeric(10, 2),',
    '}, { indexes: [',
    `  index(['email'], { name: 'ix_tickets_open', where: "status = '${status}' AND amount > 0" }),`,
    `  index(['${expression}'], { name: 'ix_tickets_email', expressions: true }),`,
    '] })',
    'export default defineModels(tickets)',
  ].join('\n')

for (const server of ['postgresql', 'sqlite'] satisfies TestServer[]) {
  describe(`${server}: an index's predicate and expressions`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const clean = async () => (await cli([...ws.base, 'check'])).stdout === CLEAN
    const definitions = async () => {
      const sql =
        server === 'postgresql'
          ? "SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'tickets' AND indexname LIKE 'ix_%' ORDER BY indexname"
          : "SELECT sql AS d FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND name LIKE 'ix_%' ORDER BY name"
      return (await db.query(sql)).map((row) => String(row['d'])).join('\n')
    }

    test('changed, each is dropped and made again; the database rewriting them is no change; down and up again', async () => {
      writeFileSync(ws.models, models('open', 'lower(email)'))
      await cliOk([...ws.base, 'migrate', '-m', 'tickets'])
      await cliOk([...ws.base, 'upgrade'])
      assert.ok(await clean(), 'the rewritten predicate and expression are no change')

      writeFileSync(ws.models, models('closed', 'upper(email)'))
      const migrated = await cliOk([...ws.base, 'migrate', '-m', 'closed'])
      assert.match(migrated.stdout + migrated.stderr, /ix_tickets_open/)
      assert.match(migrated.stdout + migrated.stderr, /ix_tickets_email/)
      await cliOk([...ws.base, 'upgrade'])
      assert.match(await definitions(), /upper[\s\S]*closed/i)
      assert.ok(await clean())

      await cliOk([...ws.base, 'downgrade', '-1'])
      assert.match(await definitions(), /lower[\s\S]*'open/i)
      await cliOk([...ws.base, 'upgrade'])
      assert.ok(await clean())
    })
  })
}
