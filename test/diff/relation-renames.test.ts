// PostgreSQL's partitions and free-standing sequences are relations, named
// as tables are: a dropped and an added one (of one parent, of one schema)
// may be a rename, which `--rename-table` (or the terminal's answer) makes
// one, and which is otherwise only ever a possible rename, never a guess.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { cliRenames } from '../../src/cli/renames.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { describePossibleRename, possibleRenames } from '../../src/diff/possible-renames.js'
import type { RenameResolver } from '../../src/diff/options.js'
import type { Partition } from '../../src/schema/partitioning.js'
import { noSchemaObjects, type SchemaObjects, type Sequence } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'

const hooks = diffHooksFor('postgresql')
const objects = (o: Partial<SchemaObjects>): SchemaObjects => ({ ...noSchemaObjects, ...o })
const parent = (name: string): Table => ({
  name,
  columns: [{ name: 'd', type: { kind: 'date' }, nullable: false }],
  postgresql: { partitionBy: 'RANGE (d)' },
})
const y2020 = "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')"
const part = (name: string, of = 'm', bounds = y2020): Partition => ({ name, parent: of, bounds })

describe('partitions renamed', () => {
  const tables = [parent('m'), parent('n')]
  const diff = (was: Partition[], now: Partition[], renames?: RenameResolver) =>
    autogenerate(tables, tables, {
      hooks,
      ...(renames === undefined ? {} : { renames }),
      objects: { current: objects({ partitions: was }), target: objects({ partitions: now }), home: 'public' },
    })

  test('a dropped and an added partition of one parent are a possible rename naming --rename-table', async () => {
    const ops = await diff([part('m_2020')], [part('m_y2020'), part('n_2020', 'n')])
    const [possible, ...more] = possibleRenames(ops)
    assert.deepEqual(more, [])
    assert.deepEqual(possible, {
      kind: 'partition',
      table: 'm',
      dropped: ['m_2020'],
      added: ['m_y2020'],
      flag: '--rename-table m_2020:m_y2020',
    })
    assert.equal(
      describePossibleRename(possible!),
      'm: partition m_2020 is dropped and m_y2020 added; if it is a rename, run again with --rename-table m_2020:m_y2020',
    )
  })

  test('--rename-table renames it, and new bounds are changed after', async () => {
    const renames = cliRenames(['m_2020:m_y2020'], [])
    assert.deepEqual(await diff([part('m_2020')], [part('m_y2020')], renames), [
      { kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' },
    ])
    assert.deepEqual(renames.unmatched?.(), [])
    const wider = part('m_y2020', 'm', "FOR VALUES FROM ('2020-01-01') TO ('2022-01-01')")
    const kinds = (await diff([part('m_2020')], [wider], cliRenames(['m_2020:m_y2020'], []))).map((op) => op.kind)
    assert.deepEqual(kinds, ['rename_table', 'change_partition_bounds'])
  })

  test('a partition of another parent is no rename: the flag matches nothing', async () => {
    assert.deepEqual(possibleRenames(await diff([part('m_2020')], [part('n_2020', 'n')])), [])
    const renames = cliRenames(['m_2020:n_2020'], [])
    const kinds = (await diff([part('m_2020')], [part('n_2020', 'n')], renames)).map((op) => op.kind)
    assert.deepEqual(kinds, ['drop_partition', 'create_partition'])
    assert.deepEqual(renames.unmatched?.(), ['--rename-table m_2020:n_2020'])
  })

  test('on a terminal, the question names a partition', async () => {
    const asked: string[] = []
    const renames = cliRenames([], [], async (question) => {
      asked.push(question)
      return true
    })
    assert.deepEqual(await diff([part('m_2020')], [part('m_y2020')], renames), [
      { kind: 'rename_table', table: 'm_2020', newName: 'm_y2020' },
    ])
    assert.deepEqual(asked, ['Is partition m_2020 renamed to m_y2020?'])
  })
})

describe('sequences renamed', () => {
  const drawing = (sequence: string): Table => ({
    name: 't',
    columns: [
      {
        name: 'id',
        type: { kind: 'bigint' },
        primaryKey: true,
        serverDefault: { kind: 'expression', sql: `nextval('${sequence}'::regclass)` },
      },
    ],
  })
  const diff = (was: Sequence, now: Sequence, renames?: RenameResolver, drawn = [was.name, now.name]) =>
    autogenerate([drawing(drawn[0]!)], [drawing(drawn[1]!)], {
      hooks,
      ...(renames === undefined ? {} : { renames }),
      objects: { current: objects({ sequences: [was] }), target: objects({ sequences: [now] }), home: 'public' },
    })

  test('a dropped and an added sequence of one schema are a possible rename naming --rename-table', async () => {
    const ops = await diff({ name: 'order_no', start: 1000 }, { name: 'order_number', start: 1000 })
    assert.deepEqual(
      ops.map((op) => op.kind),
      // Not renamed, the old one is dropped: the downgrade makes it again past the column's values.
      ['advance_sequence', 'create_sequence', 'alter_column', 'drop_sequence'],
    )
    const [possible] = possibleRenames(ops)
    assert.deepEqual(possible, {
      kind: 'sequence',
      dropped: ['order_no'],
      added: ['order_number'],
      flag: '--rename-table order_no:order_number',
    })
    assert.equal(
      describePossibleRename(possible!),
      'sequence order_no is dropped and order_number added; if it is a rename, run again with --rename-table order_no:order_number',
    )
  })

  test('--rename-table renames it; the default follows it by itself, and new options are altered after', async () => {
    const renames = cliRenames(['order_no:order_number'], [])
    assert.deepEqual(await diff({ name: 'order_no', start: 1000 }, { name: 'order_number', start: 1000 }, renames), [
      { kind: 'rename_sequence', name: 'order_no', newName: 'order_number' },
    ])
    assert.deepEqual(renames.unmatched?.(), [])
    const cached = await diff({ name: 'order_no' }, { name: 'order_number', cache: 10 }, cliRenames(['order_no:order_number'], []))
    assert.deepEqual(
      cached.map((op) => op.kind),
      ['rename_sequence', 'alter_sequence'],
    )
  })

  test('in another schema, and quoted: the default as PostgreSQL prints it after the rename', async () => {
    const ops = await diff(
      { name: 'order_no', schema: 'shop' },
      { name: 'Order No', schema: 'shop' },
      cliRenames(['shop.order_no:shop.Order No'], []),
      ['shop.order_no', 'shop."Order No"'],
    )
    assert.deepEqual(ops, [{ kind: 'rename_sequence', name: 'order_no', schema: 'shop', newName: 'Order No' }])
  })

  test('a sequence of another schema is no rename, and on a terminal the question names a sequence', async () => {
    const other = await diff({ name: 'order_no' }, { name: 'order_no', schema: 'shop' }, undefined, ['order_no', 'shop.order_no'])
    assert.deepEqual(possibleRenames(other), [])
    const asked: string[] = []
    const renames = cliRenames([], [], async (question) => {
      asked.push(question)
      return false
    })
    await diff({ name: 'order_no' }, { name: 'order_number' }, renames)
    assert.deepEqual(asked, ['Is sequence order_no renamed to order_number?'])
  })
})

describe('tables of a schema the models do not name', () => {
  const hooks = diffHooksFor('postgresql')
  const log = (schema?: string): Table => ({
    name: 'log',
    ...(schema === undefined ? {} : { schema }),
    columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }],
  })
  const moves: RenameResolver = { tables: async ([a], [b]) => (a && b ? [[a, b]] : []), columns: async () => [] }

  test('are a move when the resolver confirms one, else a possible rename and never a drop', async () => {
    const moved = await autogenerate([], [log()], { hooks, renames: moves, elsewhere: [log('audit')] })
    assert.deepEqual(moved, [{ kind: 'set_table_schema', table: 'log', schema: 'audit', newSchema: 'public' }])
    assert.deepEqual(possibleRenames(moved, [log('audit')]), [])
    const elsewhere = [log('audit'), { ...log('audit'), name: 'other' }]
    const kept = await autogenerate([], [log()], { hooks, elsewhere })
    assert.deepEqual(
      kept.map((op) => op.kind),
      ['create_table'],
    )
    const [possible, ...more] = possibleRenames(kept, elsewhere)
    assert.deepEqual(more, [])
    assert.deepEqual(possible, { kind: 'elsewhere', dropped: [], added: ['log'], kept: 'audit.log', flag: '--rename-table audit.log:log' })
    assert.match(
      describePossibleRename(possible!),
      /^table log is created, while audit\.log stays, .*run again with --rename-table audit\.log:log$/,
    )
  })
})
