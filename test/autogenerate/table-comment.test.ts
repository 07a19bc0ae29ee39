// A table's comment changed, added or removed on an existing table: check
// said "No new upgrade operations detected" and migrate wrote nothing, as
// comments were compared on columns only. Now it is op.setTableComment,
// reversed by the comment it had. On MySQL/MariaDB an engine or character
// set changed in the models is a note to act on, never passed over.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { type TestServer, useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (options: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const notes = table('notes', { id: col.integer().primaryKey() }${options === '' ? '' : `, ${options}`})`,
    'export default defineModels(notes)',
  ].join('\n')

const COMMENT_SQL = {
  postgresql: "SELECT coalesce(obj_description('notes'::regclass, 'pg_class'), '') AS comment",
  mysql: "SELECT TABLE_COMMENT AS comment FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes'",
} as const

for (const server of ['postgresql', 'mysql'] satisfies TestServer[]) {
  describe(`${server}: a table's comment`, () => {
    const db = useTestDatabase(server)
    const ws = useWorkspace(db)
    const comment = async () => String((await db.query(COMMENT_SQL[server]))[0]?.['comment'])
    const script = (suffix: string) => {
      const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith(`_${suffix}.ts`))
      return readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    }

    test('is set, changed and removed on an existing table, and each downgrade puts the one before back', async () => {
      writeFileSync(ws.models, models(''))
      await cliOk([...ws.base, 'migrate', '-m', 'notes'])
      await cliOk([...ws.base, 'upgrade'])

      for (const [step, options, expected] of [
        ['said', "{ comment: 'what people wrote' }", 'what people wrote'],
        ['reworded', '{ comment: "what people wrote, and when it\'s due" }', "what people wrote, and when it's due"],
        ['unsaid', '', ''],
      ] as const) {
        writeFileSync(ws.models, models(options))
        const checked = await cli([...ws.base, 'check'])
        assert.match(checked.stdout, /comment on table notes/, checked.stdout + checked.stderr)
        await cliOk([...ws.base, 'migrate', '-m', step])
        assert.match(script(step), /await op\.setTableComment\('notes', /)
        const before = await comment()
        await cliOk([...ws.base, 'upgrade'])
        assert.equal(await comment(), expected)
        assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
        await cliOk([...ws.base, 'downgrade', '-1'])
        assert.equal(await comment(), before)
        await cliOk([...ws.base, 'upgrade'])
      }
    })

    if (server === 'mysql') {
      test('an engine or character set changed in the models is a note in check and in the script', async () => {
        writeFileSync(ws.models, models("{ mysql: { engine: 'MyISAM', charset: 'latin1' } }"))
        const checked = await cli([...ws.base, 'check'])
        assert.equal(checked.status, 1, checked.stdout + checked.stderr)
        assert.match(checked.stdout, /engine innodb -> myisam/)
        assert.match(checked.stdout, /character set utf8mb4 -> latin1/)
        await cliOk([...ws.base, 'migrate', '-m', 'options'])
        assert.match(script('options'), /ALTER TABLE … ENGINE=MyISAM here by hand[\s\S]*CONVERT TO CHARACTER SET latin1 here by hand/)
      })
    }
  })
}
