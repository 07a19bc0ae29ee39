import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cliRenames } from '../../src/cli/renames.js'
import { isAthanorError } from '../../src/core/errors.js'
import { dialectNamed, diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { describeOperation } from '../../src/diff/describe.js'
import { possibleRenames } from '../../src/diff/possible-renames.js'
import type { Operation } from '../../src/ops/operation.js'
import { Operations } from '../../src/ops/operations.js'
import { renderScript } from '../../src/ops/render-script.js'
import { reverseOperation } from '../../src/ops/reverse.js'
import type { Table } from '../../src/schema/types.js'

const sqlOf = (op: Operation, dialect: 'postgresql' | 'sqlite' | 'mysql' = 'postgresql') =>
  dialectNamed(dialect)
    .compiler.compileSql(op, 'offline')
    .map((s) => s.sql)

const move: Operation = { kind: 'set_table_schema', table: 'log', schema: 'public', newSchema: 'audit' }
const id = { name: 'id', type: { kind: 'integer' as const }, primaryKey: true }
const pg = diffHooksFor('postgresql')

describe('a table moved to another schema: the operation', () => {
  test('is ALTER TABLE … SET SCHEMA on PostgreSQL, and reverses to the move back', () => {
    assert.deepEqual(sqlOf(move), ['ALTER TABLE "public"."log" SET SCHEMA "audit"'])
    assert.deepEqual(reverseOperation(move), { kind: 'set_table_schema', table: 'log', schema: 'audit', newSchema: 'public' })
    assert.equal(describeOperation(move), 'move table public.log to schema audit')
  })

  test('without the schema it is in, the downgrade cannot say where to move it back, and says so', () => {
    assert.throws(
      () => reverseOperation({ kind: 'set_table_schema', table: 'log', newSchema: 'audit' }),
      (e) => isAthanorError(e, 'IRREVERSIBLE_OPERATION') && /table "log"/.test(e.message),
    )
  })

  test('SQLite and MySQL refuse it in one line naming the table', () => {
    for (const [dialect, title] of [
      ['sqlite', 'SQLite'],
      ['mysql', 'MySQL/MariaDB'],
    ] as const) {
      assert.throws(
        () => sqlOf(move, dialect),
        (e) =>
          isAthanorError(e, 'UNSUPPORTED_OPERATION') &&
          e.message === `set_table_schema of table "log" is PostgreSQL only: ${title} has no schemas to move a table between`,
      )
    }
  })

  test('renders as op.setTableSchema, which runs the same operation', async () => {
    assert.equal(renderScript([move]).upgrades, "  await op.setTableSchema('log', 'audit', { schema: 'public' })")
    const ran: Operation[] = []
    const sink = { dialect: 'postgresql' as const, offline: true, run: async (op: Operation) => void ran.push(op), query: async () => [] }
    await new Operations(sink, { revision: 'r', direction: 'upgrade', x: {} }).setTableSchema('log', 'audit', { schema: 'public' })
    assert.deepEqual(ran, [move])
  })
})

describe('a table moved to another schema: autogenerate and the rename flag', () => {
  const was: Table = { name: 'log', columns: [id] }
  const flagged = (...flags: string[]) => ({ hooks: pg, renames: cliRenames(flags, []) })

  test('the hint names the flag that moves it, and with it the table is moved, not renamed to itself', async () => {
    const wanted: Table = { name: 'log', schema: 'audit', columns: [id] }
    const [hint] = possibleRenames(await autogenerate([was], [wanted], { hooks: pg }))
    assert.equal(hint?.flag, '--rename-table log:audit.log')
    for (const flag of ['log:audit.log', 'public.log:audit.log']) {
      assert.deepEqual(await autogenerate([was], [wanted], flagged(flag)), [move], flag)
    }
  })

  test('moved and renamed: the move, then the rename in the new schema; moved back home: the home schema named', async () => {
    const wanted: Table = { name: 'entries', schema: 'audit', columns: [id] }
    assert.deepEqual(await autogenerate([was], [wanted], flagged('log:audit.entries')), [
      move,
      { kind: 'rename_table', table: 'log', schema: 'audit', newName: 'entries' },
    ])
    const home: Table = { name: 'log', columns: [id] }
    assert.deepEqual(await autogenerate([{ ...was, schema: 'audit' }], [home], flagged('audit.log:public.log')), [
      { kind: 'set_table_schema', table: 'log', schema: 'audit', newSchema: 'public' },
    ])
  })

  test('a foreign key to the moved table follows it: nothing is dropped or added', async () => {
    const child = (referredSchema?: string): Table => ({
      name: 'note',
      columns: [id, { name: 'log_id', type: { kind: 'integer' } }],
      foreignKeys: [
        {
          name: 'fk_note_log',
          columns: ['log_id'],
          referredTable: 'log',
          referredColumns: ['id'],
          ...(referredSchema ? { referredSchema } : {}),
        },
      ],
    })
    const ops = await autogenerate([was, child()], [{ ...was, schema: 'audit' }, child('audit')], flagged('log:audit.log'))
    assert.deepEqual(ops, [move])
  })
})
