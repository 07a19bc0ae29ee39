// A free-standing sequence the models drop was made again by the downgrade
// at its start, while the rows kept the values it had handed out: the next
// INSERT that drew from it met a duplicate key. The migration now advances
// it past the columns whose defaults draw from it, which the downgrade runs
// last, once the sequence and the defaults are back; one counting down goes
// below their smallest value.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'

const drawing = (sequence: string) => `.default(sql("nextval('${sequence}'::regclass)"))`
const withSequences = [
  "import { col, defineModels, sequence, sql, table } from 'athanor'",
  "export const orderNo = sequence('order_no', { start: 1000 })",
  "export const countdown = sequence('countdown', { increment: -1 })",
  `export const t = table('t', { id: col.bigint().primaryKey()${drawing('order_no')},`,
  `  rank: col.integer()${drawing('countdown')}, note: col.text() })`,
  'export default defineModels(orderNo, countdown, t)',
].join('\n')
const without = [
  "import { col, defineModels, table } from 'athanor'",
  "export const t = table('t', { id: col.bigint().primaryKey(), rank: col.integer(), note: col.text() })",
  'export default defineModels(t)',
].join('\n')

describe('postgresql: a sequence the models drop, with rows drawn from it', () => {
  const db = useTestDatabase('postgresql')
  const ws = useWorkspace(db)
  const insert = async (note: string) =>
    (await db.query(`INSERT INTO t (note) VALUES ('${note}') RETURNING id::text AS id, rank`))[0] as { id: string; rank: number }

  test('the downgrade makes it again past the values its columns hold, not at its start', async () => {
    writeFileSync(ws.models, withSequences)
    await cliOk([...ws.base, 'migrate', '-m', 'orders'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await insert('a'), { id: '1000', rank: -1 })
    assert.deepEqual(await insert('b'), { id: '1001', rank: -2 })
    writeFileSync(ws.models, without)
    await cliOk([...ws.base, 'migrate', '-m', 'dropped'])
    const [file] = readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_dropped.ts'))
    const script = readFileSync(join(ws.directory, 'versions', file!), 'utf8')
    const downgrade = script.slice(script.indexOf('async function downgrade'))
    assert.match(downgrade, /advanceSequence\('order_no', \[\{ table: 't', column: 'id' \}\]\)\n {2}await op\.advanceSequence\('countdown'/)
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, 'No new upgrade operations detected.\n')
    await db.query("INSERT INTO t VALUES (1005, -7, 'c')")

    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await insert('d'), { id: '1006', rank: -8 })
    const sequences = await db.query(
      "SELECT sequencename, start_value::int AS start FROM pg_sequences WHERE sequencename NOT LIKE 'athanor%' ORDER BY 1",
    )
    assert.deepEqual(sequences, [
      { sequencename: 'countdown', start: -1 },
      { sequencename: 'order_no', start: 1000 },
    ])
  })
})
