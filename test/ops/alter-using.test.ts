import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mysqlCompiler } from '../../src/dialect/mysql/compiler.js'
import { postgresCompiler } from '../../src/dialect/postgresql/compiler.js'
import type { Operation } from '../../src/ops/operation.js'
import { Operations } from '../../src/ops/operations.js'
import { renderOperation } from '../../src/ops/render-op.js'
import { t } from '../../src/schema/column-types.js'

test("op.alterColumn's using is PostgreSQL's USING; MySQL changes the type without it (SQLite rebuilds the table)", async () => {
  const ran: Operation[] = []
  const op = new Operations(
    { dialect: 'postgresql', offline: true, run: async (o) => void ran.push(o), query: async () => [] },
    { revision: 'r', direction: 'upgrade', x: {} },
  )
  await op.alterColumn('queries', 'options', { type: t.json({ binary: true }), using: 'options::jsonb' })
  const [alter] = ran
  assert.deepEqual(alter, {
    kind: 'alter_column',
    table: 'queries',
    column: 'options',
    changes: { using: 'options::jsonb', type: { kind: 'json', binary: true } },
  })
  assert.deepEqual(
    postgresCompiler.compileSql(alter!, 'offline').map((s) => s.sql),
    ['ALTER TABLE "queries" ALTER COLUMN "options" TYPE JSONB USING options::jsonb'],
  )
  const text: Operation = { kind: 'alter_column', table: 'queries', column: 'options', changes: { type: { kind: 'text' }, using: 'x' } }
  assert.deepEqual(
    mysqlCompiler.compileSql({ ...text, existing: { name: 'options', type: { kind: 'string', length: 10 } } }, 'offline').map((s) => s.sql),
    ['ALTER TABLE `queries` MODIFY COLUMN `options` TEXT NULL'],
  )
  assert.match(renderOperation(alter!, { names: new Set() }), /using: 'options::jsonb'/)
})
