// A unique constraint made NULLS NOT DISTINCT (PostgreSQL 15) counts two rows
// of NULLs as duplicates. Before, it was listed as not represented and the
// rebuilt table took both rows; now pull writes it, migrate makes it, check
// compares it, and a change drops and adds the constraint.
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { usePulledProject } from './pulled-project.js'
import { cli, cliOk } from '../helpers/cli.js'
import type { TestDatabase } from '../helpers/databases.js'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import { sqliteCompiler } from '../../src/dialect/sqlite/compiler.js'

const CLEAN = 'No new upgrade operations detected.\n'

const nullsNotDistinct = (db: TestDatabase) =>
  db.query(`SELECT con.conname AS name, x.indnullsnotdistinct AS nnd FROM pg_constraint con
    JOIN pg_index x ON x.indexrelid = con.conindid WHERE con.contype = 'u' ORDER BY 1`)

describe('postgresql: a unique constraint with NULLS NOT DISTINCT', () => {
  const project = usePulledProject('postgresql', [
    'CREATE TABLE seats (id integer PRIMARY KEY, hall integer, seat integer, ' +
      'CONSTRAINT one_per_seat UNIQUE NULLS NOT DISTINCT (hall, seat), CONSTRAINT plain_seat UNIQUE (id, seat))',
  ])

  test('is pulled, made again, compared, and changed by a drop and an add', async () => {
    const { source, rebuilt, ws } = project()
    const pulled = await cliOk([...ws.base, 'pull', '-o', ws.models, '--url', source.url])
    assert.doesNotMatch(pulled.stdout + pulled.stderr, /unique constraint options/)
    const models = readFileSync(ws.models, 'utf8')
    assert.match(models, /unique\(\['hall', 'seat'\], \{ name: 'one_per_seat', nullsNotDistinct: true \}\)/)
    await cliOk([...ws.base, 'migrate', '-m', 'seats'])
    await cliOk([...ws.base, 'upgrade'])
    assert.deepEqual(await nullsNotDistinct(rebuilt), await nullsNotDistinct(source))
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query('INSERT INTO seats (id) VALUES (1)')
    await assert.rejects(rebuilt.query('INSERT INTO seats (id) VALUES (2)'), /one_per_seat/)

    writeFileSync(ws.models, models.replace(', nullsNotDistinct: true', ''))
    const planned = await cli([...ws.base, 'check'])
    assert.match(planned.stdout, /remove unique constraint one_per_seat[\s\S]*add unique constraint one_per_seat/)
    await cliOk([...ws.base, 'migrate', '-m', 'distinct'])
    await cliOk([...ws.base, 'upgrade'])
    assert.equal((await cli([...ws.base, 'check'])).stdout, CLEAN)
    await rebuilt.query('INSERT INTO seats (id) VALUES (2)')
    await rebuilt.query('DELETE FROM seats WHERE id = 2')
    await cliOk([...ws.base, 'downgrade', '-1'])
    assert.deepEqual(await nullsNotDistinct(rebuilt), await nullsNotDistinct(source))
    writeFileSync(ws.models, models)
  })
})

describe('NULLS NOT DISTINCT on a unique constraint, as SQL', () => {
  const uq = { name: 'one_per_seat', columns: ['hall', 'seat'], nullsNotDistinct: true }
  const op = { kind: 'create_unique_constraint', table: 'seats', constraint: uq } as const

  test('is written by PostgreSQL and refused, naming the constraint, where there is none', () => {
    assert.deepEqual(postgresCompiler.compileSql(op, 'offline'), [
      { sql: 'ALTER TABLE "seats" ADD CONSTRAINT "one_per_seat" UNIQUE NULLS NOT DISTINCT ("hall", "seat")' },
    ])
    assert.throws(() => mysqlCompiler.compileSql(op, 'offline'), /unique constraint one_per_seat: mysql has no NULLS NOT DISTINCT/)
    const table = { name: 'seats', columns: [{ name: 'hall', type: { kind: 'integer' } }], uniqueConstraints: [uq] } as const
    assert.throws(
      () => sqliteCompiler.compileSql({ kind: 'create_table', table }, 'offline'),
      /one_per_seat: sqlite has no NULLS NOT DISTINCT/,
    )
  })
})
