// A column moved off a PostgreSQL enum type, and back, while it has a
// default. PostgreSQL keeps the default as a cast to the old type ('a'::st
// turned 'a'::st::varchar), so the enum could not be dropped ("other objects
// depend on it"), and no text type casts to an enum by itself ("cannot be
// cast automatically"). The default is now dropped before the type changes
// and set again after, and a change to an enum type casts with USING.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const CLEAN = 'No new upgrade operations detected.\n'

const onEnum = [
  "import { col, defineModels, pgEnum, table } from 'athanor'",
  "export const st = pgEnum('st', ['a', 'b'])",
  "export const t1 = table('t1', { id: col.integer().primaryKey(), s: st.column().notNull().default('a') })",
  'export default defineModels(st, t1)',
].join('\n')

const onVarchar = [
  "import { col, defineModels, table } from 'athanor'",
  "export const t1 = table('t1', { id: col.integer().primaryKey(), s: col.string(10).notNull().default('a') })",
  'export default defineModels(t1)',
].join('\n')

describe('postgresql: a column with a default, off an enum type and back', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const rows = async () => db.query('SELECT id, s::text AS s FROM t1 ORDER BY id')
  const typeOfS = async () =>
    (
      await db.query("SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 't1'::regclass AND attname = 's'")
    )[0]?.['t']

  const defaultOfS = async () =>
    (await db.query("SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 't1'::regclass"))[0]?.['d']

  test('runs up, down and up again, rows and default kept', async () => {
    writeFileSync(ws.models, onEnum)
    await cliOk([...ws.base, 'migrate', '-m', 'tables'])
    await cliOk([...ws.base, 'upgrade'])
    await db.query("INSERT INTO t1 (id, s) VALUES (1, 'b')")
    await db.query('INSERT INTO t1 (id) VALUES (2)')

    writeFileSync(ws.models, onVarchar)
    await cliOk([...ws.base, 'migrate', '-m', 'off enum'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_off_enum.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    assert.match(script.slice(script.indexOf('async function downgrade')), /using: 's::text::st'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal(await typeOfS(), 'character varying(10)')
    assert.equal(await defaultOfS(), "'a'::character varying")
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await db.query('INSERT INTO t1 (id) VALUES (3)')

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.equal(await typeOfS(), 'st')
    assert.equal(await defaultOfS(), "'a'::st")
    await db.query('INSERT INTO t1 (id) VALUES (4)')
    writeFileSync(ws.models, onVarchar)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    assert.deepEqual(await rows(), [
      { id: 1, s: 'b' },
      { id: 2, s: 'a' },
      { id: 3, s: 'a' },
      { id: 4, s: 'a' },
    ])
  })
})
