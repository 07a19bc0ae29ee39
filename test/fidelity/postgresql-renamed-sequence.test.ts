// A free-standing sequence renamed in the models (and in the default that
// draws from it) was written as a new sequence, a new default and a drop of
// the old one: the new sequence started over, and the next INSERT met a
// duplicate key. A dropped and an added sequence of one schema are now a
// possible rename, and `--rename-table old:new` renames the sequence in
// place (ALTER SEQUENCE … RENAME TO); the default follows it by itself.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { assertCleanError, cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (name: string) =>
  [
    "import { col, defineModels, sequence, sql, table } from 'athanor'",
    `export const orderNo = sequence('${name}', { start: 1000 })`,
    `export const t = table('t', { id: col.bigint().primaryKey().default(sql("nextval('${name}'::regclass)")), note: col.text() })`,
    'export default defineModels(orderNo, t)',
  ].join('\n')

describe('postgresql: a sequence renamed in the models', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const versions = () => join(ws.directory, 'versions')
  const written = (suffix: string) => readdirSync(versions()).filter((name) => name.endsWith(suffix))
  const insert = async (note: string) => (await db.query(`INSERT INTO t (note) VALUES ('${note}') RETURNING id::text AS id`))[0]?.['id']

  test('is a possible rename, refused under --strict-renames, and a rename with --rename-table', async () => {
    writeFileSync(ws.models, models('order_no'))
    await cliOk([...ws.base, 'migrate', '-m', 'orders'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal(await insert('a'), '1000')
    writeFileSync(ws.models, models('order_number'))

    const warned = await cliOk([...ws.base, 'migrate', '-m', 'guessed'])
    const flag = '--rename-table order_no:order_number'
    assert.match(warned.stderr, /^warning: sequence order_no is dropped and order_number added; .*--rename-table order_no:order_number$/m)
    const [guessed] = written('_guessed.ts')
    const text = readFileSync(join(versions(), guessed!), 'utf8')
    assert.ok(text.includes(`//   sequence order_no is dropped and order_number added; if it is a rename, run again with ${flag}`), text)
    rmSync(join(versions(), guessed!))

    assertCleanError(await cli([...ws.base, 'migrate', '-m', 'x', '--strict-renames']), 'no script written', flag)
    assert.deepEqual(written('_x.ts'), [])

    await cliOk([...ws.base, 'migrate', '-m', 'renamed', '--rename-table', 'order_no:order_number'])
    const script = readFileSync(join(versions(), written('_renamed.ts')[0]!), 'utf8')
    assert.match(script, /renameSequence\('order_no', 'order_number'\)/)
    assert.doesNotMatch(script, /createSequence|dropSequence|alterColumn|Possible renames/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal(await insert('b'), '1001')
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.equal(await insert('c'), '1002')
    const drawn = await db.query("SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 't'::regclass")
    assert.deepEqual(drawn, [{ d: "nextval('order_no'::regclass)" }])
  })
})
