// MariaDB keeps table and column comments in utf8mb3: a 4-byte character (an
// emoji) is stored as `?`, with no error even in strict mode. A model comment
// holding one was made as `?`, pull wrote `?` back, and check found the
// comment changed forever. migrate and check refuse it now, naming the table
// (and column) and why; a comment of 2- and 3-byte characters round-trips.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const models = (tableComment: string, columnComment: string) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  `export const t = table('notes', { id: col.integer().primaryKey(), body: col.text().comment(${JSON.stringify(columnComment)}) }, ` +
  `{ comment: ${JSON.stringify(tableComment)} })\n` +
  'export default defineModels(t)\n'

describe('mysql: comments with 4-byte characters', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('the server keeps them as ?', async () => {
    await db.query("CREATE TABLE probe (id INT PRIMARY KEY COMMENT 'id \u{1F600}') COMMENT 'probe \u{1F600}'")
    const [row] = await db.query(
      'SELECT t.TABLE_COMMENT AS t, c.COLUMN_COMMENT AS c FROM information_schema.TABLES t JOIN information_schema.COLUMNS c ' +
        "USING (TABLE_SCHEMA, TABLE_NAME) WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_NAME = 'probe'",
    )
    assert.deepEqual([row?.['t'], row?.['c']], ['probe ?', 'id ?'])
    await db.query('DROP TABLE probe')
  })

  test('are refused at migrate and check, naming the table and column and why', async () => {
    const cases = [
      [models('notes \u{1F4DD}', 'the text'), 'table "notes"'],
      [models('notes', 'the text \u{1F4DD}'), 'column "body" of table "notes"'],
    ] as const
    for (const [text, named] of cases) {
      writeFileSync(ws.models, text)
      const why = /a 4-byte character, which MySQL and MariaDB store in a comment as "\?"/
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_MODEL' }, named, why)
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, named, why)
      assert.deepEqual(readdirSync(join(ws.directory, 'versions')), [])
    }
  })

  test('2- and 3-byte characters are kept, and check is clean after upgrade', async () => {
    writeFileSync(ws.models, models('notes \u00e9 \u2192 \u4e2d', 'the text \u00e9 \u2192'))
    await cliOk([...ws.base, 'migrate', '-m', 'notes'])
    await cliOk([...ws.base, 'upgrade', 'head'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
  })
})
