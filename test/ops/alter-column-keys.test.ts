import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertCleanError, cli } from '../helpers/cli.js'
import { tableNames, temporaryProjects } from '../helpers/project.js'

// alterColumn spreads its changes into the operation as given: a key no
// dialect reads (a typo such as `nullabel`) changed nothing, silently. Every
// dialect now refuses it, naming the revision's file, the table, the column
// and the key, before the operation runs; the migration is rolled back.

const project = temporaryProjects()

const CREATE = "  await op.createTable('t', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'a', type: 'text' }])"

function made(alter: string) {
  const p = project()
  const path = p.write({ id: 'r1', ext: 'js', upgrade: [CREATE, alter].join('\n') })
  return { ...p, path }
}

describe('alterColumn refuses an option it does not know', () => {
  test('op.alterColumn on SQLite: one line naming the file, table, column and key; nothing applied', async () => {
    const p = made("  await op.alterColumn('t', 'a', { nullabel: false })")
    const result = await cli([...p.base, 'upgrade'])
    assertCleanError(
      result,
      { code: 'INVALID_ARGUMENT' },
      `upgrade of revision r1 (${p.path}) failed`,
      `op.alterColumn on table "t", column "a": unknown option 'nullabel' (did you mean 'nullable'?)`,
    )
    assert.deepEqual(tableNames(p.dbPath), ['athanor_version'])
  })

  test('batch.alterColumn on SQLite', async () => {
    const p = made("  await op.batchAlterTable('t', (batch) => batch.alterColumn('a', { nullable: false, defualt: 'x' }))")
    const result = await cli([...p.base, 'upgrade'])
    assertCleanError(
      result,
      `upgrade of revision r1 (${p.path}) failed`,
      `batch.alterColumn on table "t", column "a": unknown option 'defualt'`,
    )
    assert.deepEqual(tableNames(p.dbPath), ['athanor_version'])
  })

  for (const url of ['postgresql://postgres@127.0.0.1/athanor_offline', 'mysql://root@127.0.0.1/athanor_offline']) {
    test(`the same rule offline on ${url.split(':')[0]}`, async () => {
      const p = made("  await op.alterColumn('t', 'a', { nullabel: false, existing: { name: 'a', type: 'text' } })")
      const result = await cli(['-d', p.migrations, '--url', url, 'upgrade', '--sql'])
      assertCleanError(result, `upgrade of revision r1 (${p.path}) failed`, `unknown option 'nullabel'`)
    })
  }

  test('every option alterColumn documents is accepted', async () => {
    const p = made(
      "  await op.alterColumn('t', 'a', { type: 'text', nullable: false, serverDefault: 'x', comment: null, collation: 'NOCASE', " +
        "using: 'a', safe: true, existing: { name: 'a', type: 'text' } })",
    )
    const result = await cli([...p.base, 'upgrade'])
    assert.equal(result.status, 0, result.stderr)
  })
})
