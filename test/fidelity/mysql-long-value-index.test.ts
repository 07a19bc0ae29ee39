// An index of several columns holding a whole TEXT or BLOB column passed
// migrate and failed only at upgrade ("Specified key was too long" on
// MariaDB, which cuts the long column to the longest key part and leaves no
// room for the others). It is refused at migrate and check now, naming the
// table, the index and the column; with a prefix length it is made.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useWorkspace } from '../adoption/workspace.js'
import { useTestDatabase } from '../helpers/databases.js'

const models = (column: string, index: string) =>
  "import { col, defineModels, index, table } from 'athanor'\n" +
  `export const t = table('notes', { id: col.integer().primaryKey(), name: ${column} }, { indexes: [${index}] })\n` +
  'export default defineModels(t)\n'

describe('mysql: a whole TEXT or BLOB column in an index of several columns', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('is refused at migrate and check, as the server refuses it at upgrade', async () => {
    await assert.rejects(db.query('CREATE TABLE probe (id INT, name TEXT, KEY ix (name, id))'), /too long|key length/)
    for (const [column, kind] of [
      ['col.text()', 'TEXT'],
      ['col.binary()', 'BLOB'],
      ['col.json()', 'JSON'],
    ] as const) {
      writeFileSync(ws.models, models(column, "index(['name', 'id'], { name: 'ix_name_id' })"))
      const named = ['"notes"', 'ix_name_id', `"name" (${kind})`]
      assertCleanError(await cli([...ws.base, 'migrate', '-m', 'refused']), { code: 'INVALID_CONSTRAINT' }, ...named)
      assertCleanError(await cli([...ws.base, 'check']), { status: 2 }, ...named)
    }
    assert.deepEqual(
      await db.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes'"),
      [],
    )
  })

  test('is made with a prefix length, and a whole one alone, unique or tiny is left to the server', async () => {
    const made = [
      "index(['name', 'id'], { name: 'ix_prefix', prefixLengths: { name: 20 } })",
      "index(['name'], { name: 'ix_alone' })",
      "index(['name', 'id'], { name: 'ux_hashed', unique: true })",
    ].join(', ')
    writeFileSync(ws.models, models('col.text()', made))
    await cliOk([...ws.base, 'migrate', '-m', 'made'])
    await cliOk([...ws.base, 'upgrade'])
    writeFileSync(ws.models, models("col.text({ size: 'tiny' })", "index(['name', 'id'], { name: 'ix_tiny' })"))
    await cliOk([...ws.base, 'migrate', '-m', 'tiny'])
    await cliOk([...ws.base, 'upgrade'])
  })
})
