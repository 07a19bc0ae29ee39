import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, defineModels, sequence, sql, table } from '../../src/models/index.js'
import { renderScript } from '../../src/ops/render-script.js'
import { noSchemaObjects, type Sequence } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'
import { cliRenames } from '../../src/cli/renames.js'

const hooks = diffHooksFor('mysql')

// As MariaDB's catalog reads them (see mariadbSequence and introspectMysql).
const read: Sequence[] = [
  { name: 'ticket_no', start: 100, increment: 5, maxValue: 1000000, cache: 10, cycle: true },
  { name: 'plain_no', cache: 1000 },
]
const readTables: Table[] = [
  {
    name: 'tickets',
    columns: [
      {
        name: 'id',
        type: { kind: 'bigint' },
        primaryKey: true,
        nullable: false,
        serverDefault: { kind: 'expression', sql: 'nextval(`ticket_no`)' },
      },
      { name: 'note', type: { kind: 'string', length: 20 } },
    ],
  },
]

const modelsWith = (ticketNo: Parameters<typeof sequence>[1]) =>
  defineModels(
    sequence('ticket_no', ticketNo),
    sequence('plain_no', { cache: 1000 }),
    table('tickets', { id: col.bigint().primaryKey().default(sql`NEXT VALUE FOR ticket_no`), note: col.string(20) }),
  )

async function diff(current: { tables: readonly Table[]; sequences: readonly Sequence[] }, models: ReturnType<typeof defineModels>) {
  return autogenerate(current.tables, models.tables, {
    hooks,
    objects: {
      current: { ...noSchemaObjects, sequences: current.sequences },
      target: { ...noSchemaObjects, sequences: models.sequences ?? [] },
    },
  })
}

describe('autogenerate: MariaDB sequences and the defaults drawing from them', () => {
  test('the models that declare what the catalog holds compare clean: NEXT VALUE FOR s is the nextval(`s`) MariaDB stores', async () => {
    const models = modelsWith({ start: 100, increment: 5, maxValue: 1000000, cache: 10, cycle: true })
    assert.deepEqual(await diff({ tables: readTables, sequences: read }, models), [])
  })

  test('a changed increment is an ALTER SEQUENCE of that option alone, and reverses to the old one', async () => {
    const models = modelsWith({ start: 100, increment: 7, maxValue: 1000000, cache: 10, cycle: true })
    const ops = await diff({ tables: readTables, sequences: read }, models)
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['alter_sequence'],
    )
    const { upgrades, downgrades } = renderScript(ops)
    assert.match(upgrades, /^ {2}await op\.alterSequence\('ticket_no', \{ increment: 7 \}, \{ existing: /)
    assert.match(downgrades, /^ {2}await op\.alterSequence\('ticket_no', \{ increment: 5 \}/)
  })

  test('onto an empty database the sequences come before the table whose default draws from one, and go after it', async () => {
    const models = modelsWith({ start: 100, increment: 5, maxValue: 1000000, cache: 10, cycle: true })
    const ops = await diff({ tables: [], sequences: [] }, models)
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['create_sequence', 'create_sequence', 'create_table'],
    )
    const { downgrades } = renderScript(ops)
    assert.match(downgrades, /dropTable\('tickets'\)[\s\S]*dropSequence\('plain_no'[\s\S]*dropSequence\('ticket_no'/)
  })

  test('a renamed sequence is RENAME TABLE, and the default, which names it on MariaDB, is altered to the new name', async () => {
    const renamed = defineModels(
      sequence('ticket_number', { start: 100, increment: 5, maxValue: 1000000, cache: 10, cycle: true }),
      sequence('plain_no', { cache: 1000 }),
      table('tickets', { id: col.bigint().primaryKey().default(sql`NEXT VALUE FOR ticket_number`), note: col.string(20) }),
    )
    const ops = await autogenerate(readTables, renamed.tables, {
      hooks,
      renames: cliRenames(['ticket_no:ticket_number'], []),
      objects: { current: { ...noSchemaObjects, sequences: read }, target: { ...noSchemaObjects, sequences: renamed.sequences ?? [] } },
    })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['rename_sequence', 'alter_column'],
    )
    assert.match(renderScript(ops).upgrades, /alterColumn\('tickets', 'id', \{ serverDefault: sql\(['"]NEXT VALUE FOR ticket_number['"]\)/)
  })
})
