// A column's COLLATE on SQLite: written by CREATE TABLE, read back by pull
// and check, and changed by the table rebuild. It used to be left out of the
// SQL while check compared it, so check reported it changed forever.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (email: string) =>
  [
    "import { col, defineModels, table } from 'athanor'",
    `export const members = table('members', { id: col.integer().primaryKey(), email: ${email} })`,
    'export default defineModels(members)',
  ].join('\n')

describe('sqlite: a column collation', () => {
  const db = useTestDatabase('sqlite')
  const ws = useWorkspace(db)
  const accepts = async (email: string) =>
    db.query(`INSERT INTO members (email) VALUES ('${email}')`).then(
      () => true,
      () => false,
    )

  test('made, kept by check, removed by a rebuild and put back by the downgrade', async () => {
    writeFileSync(ws.models, models("col.string(80).notNull().unique().collate('NOCASE')"))
    await cliOk([...ws.base, 'migrate', '-m', 'members'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.ok(await accepts('a@x.org'))
    assert.ok(!(await accepts('A@x.org')), 'NOCASE: the unique key ignores case')

    writeFileSync(ws.models, models('col.string(80).notNull().unique()'))
    await cliOk([...ws.base, 'migrate', '-m', 'binary'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.ok(await accepts('A@x.org'), 'BINARY: case counts')

    await db.query("DELETE FROM members WHERE email = 'A@x.org'")
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.ok(!(await accepts('A@x.org')))
    assert.deepEqual(await db.query('SELECT email FROM members'), [{ email: 'a@x.org' }])
  })
})
