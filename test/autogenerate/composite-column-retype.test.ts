// A column moved to another composite type with the same attributes (the
// type renamed in the models). PostgreSQL casts no composite type to another
// ("column "p" cannot be cast automatically to type couple"), so the upgrade
// failed; the change now casts through text, as to an enum type, which keeps
// the rows, a NULL apart from a row of NULLs, and arrays of the type.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const modelsOn = (name: string, variable: string) =>
  [
    "import { col, defineModels, pgComposite, table } from 'athanor'",
    `export const ${variable} = pgComposite('${name}', { x: 'integer', y: 'integer' })`,
    `export const t = table('t', { id: col.integer().primaryKey(), p: ${variable}.column(), h: ${variable}.column({ array: true }) })`,
    `export default defineModels(${variable}, t)`,
  ].join('\n')

describe('postgresql: a column moved to another composite type', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const rows = async () => db.query('SELECT id, p::text AS p, p IS NOT DISTINCT FROM NULL AS missing, h::text AS h FROM t ORDER BY id')
  const typeOfP = async () =>
    (
      await db.query("SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'p'")
    )[0]?.['t']
  const expected = [
    { id: 1, p: '(1,2)', missing: false, h: '{"(1,2)","(3,)"}' },
    { id: 2, p: null, missing: true, h: null },
    { id: 3, p: '(,)', missing: false, h: '{NULL}' },
  ]

  test('casts through text up and down, the rows and their NULLs kept', async () => {
    writeFileSync(ws.models, modelsOn('pair', 'pair'))
    await cliOk([...ws.base, 'migrate', '-m', 'pair'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query(
      'INSERT INTO t VALUES (1, ROW(1, 2), ARRAY[ROW(1, 2), ROW(3, NULL)]::pair[]), (2, NULL, NULL), ' +
        '(3, ROW(NULL, NULL), ARRAY[NULL]::pair[])',
    )

    writeFileSync(ws.models, modelsOn('couple', 'couple'))
    await cliOk([...ws.base, 'migrate', '-m', 'couple'])
    await cliOk([...ws.base, 'upgrade'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_couple.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    const down = script.indexOf('async function downgrade')
    assert.match(script.slice(0, down), /using: 'p::text::couple'/)
    assert.match(script.slice(0, down), /using: 'h::text::couple\[\]'/)
    assert.match(script.slice(down), /using: 'p::text::pair'/)
    assert.equal(await typeOfP(), 'couple')
    assert.deepEqual(await rows(), expected)
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.equal(await typeOfP(), 'pair')
    assert.deepEqual(await rows(), expected)
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await rows(), expected)
  })
})
