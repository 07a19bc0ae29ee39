// MariaDB stores a literal default on a DATETIME(2), TIMESTAMP(3) or TIME(1)
// with the fraction spelled out ('2020-01-01 00:00:00.00'): check reported
// it changed right after the upgrade, and every migrate set it again.
import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { useWorkspace } from '../adoption/workspace.js'
import { cli, cliOk } from '../helpers/cli.js'
import { useTestDatabase } from '../helpers/databases.js'
import { defaultKey } from '../../src/schema/default-key.js'

const CLEAN = 'No new upgrade operations detected.\n'

const models = (defaults: readonly [string, string, string]) =>
  "import { col, defineModels, table } from 'athanor'\n" +
  "export const t = table('t', {\n" +
  '  id: col.integer().primaryKey(),\n' +
  `  d: col.timestamp({ precision: 2 }).notNull().default('${defaults[0]}'),\n` +
  `  ts: col.timestamp({ precision: 3, mysql: { timestamp: true } }).notNull().default('${defaults[1]}'),\n` +
  `  tm: col.time({ precision: 1 }).default('${defaults[2]}'),\n` +
  '})\n' +
  'export default defineModels(t)\n'

describe('mysql: literal defaults on times with a fraction', () => {
  const db = useTestDatabase('mysql')
  const ws = useWorkspace(db)

  test('equal the fraction the server spells out, and a changed fraction is still a change', async () => {
    writeFileSync(ws.models, models(['2020-01-01 00:00:00', '2020-01-01 00:00:00.5', '12:00:00']))
    await cliOk([...ws.base, 'migrate', '-m', 'times'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await cliOk([...ws.base, 'migrate', '-m', 'none'])
    assert.deepEqual(
      readdirSync(join(ws.directory, 'versions')).filter((name) => name.endsWith('_none.ts')),
      [],
    )
    writeFileSync(ws.models, models(['2020-01-01 00:00:00.01', '2020-01-01 00:00:00.5', '12:00:00']))
    assert.match((await cli([...ws.base, 'check'])).stdout, /alter column t\.d \(default\)/)
  })

  test('the key reads a fraction of zeros as none, and only on a date and time or a time', () => {
    const literal = (value: string) => defaultKey({ kind: 'literal', value })
    assert.equal(literal('2020-01-01 00:00:00.00'), literal('2020-01-01 00:00:00'))
    assert.equal(literal('12:00:00.50'), literal('12:00:00.5'))
    assert.notEqual(literal('12:00:00.05'), literal('12:00:00.5'))
    assert.notEqual(literal('v1.00'), literal('v1'))
  })
})
