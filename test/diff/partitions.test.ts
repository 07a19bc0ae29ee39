import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Partition } from '../../src/schema/partitioning.js'
import { noSchemaObjects } from '../../src/schema/pg-objects.js'
import type { Table } from '../../src/schema/types.js'

const postgres = diffHooksFor('postgresql')

const stock: Table = {
  name: 'stock',
  columns: [
    { name: 'sku', type: { kind: 'integer' }, nullable: false },
    { name: 'region', type: { kind: 'text' }, nullable: false },
  ],
  primaryKey: { name: 'stock_pkey', columns: ['sku', 'region'] },
  postgresql: { partitionBy: 'LIST (region)' },
}

const orders: Table = {
  name: 'orders',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'sku', type: { kind: 'integer' }, nullable: false },
    { name: 'region', type: { kind: 'text' }, nullable: false },
  ],
  foreignKeys: [{ name: 'orders_sku_region_fkey', columns: ['sku', 'region'], referredTable: 'stock', referredColumns: ['sku', 'region'] }],
}

const eu = (bounds: string): Partition => ({ name: 'stock_eu', parent: 'stock', bounds })

const named = (ops: readonly Operation[]) =>
  ops.map((op) =>
    [op.kind, 'name' in op ? op.name : 'constraint' in op ? op.constraint.name : 'partition' in op ? op.partition.name : '']
      .filter((part) => part !== '')
      .join(' '),
  )

const diff = (current: readonly Table[], partitions: readonly [Partition[], Partition[]], target = current) =>
  autogenerate(current, target, {
    hooks: postgres,
    objects: { current: { ...noSchemaObjects, partitions: partitions[0] }, target: { ...noSchemaObjects, partitions: partitions[1] } },
  })

describe('partitions with new bounds (PostgreSQL)', () => {
  it('release the foreign keys that refer to their table: dropped before the detach, made again after the attach', async () => {
    const ops = await diff([stock, orders], [[eu("FOR VALUES IN ('eu')")], [eu("FOR VALUES IN ('eu', 'ch')")]])
    assert.deepEqual(named(ops), [
      'drop_constraint orders_sku_region_fkey',
      'change_partition_bounds stock_eu',
      'create_foreign_key orders_sku_region_fkey',
    ])
  })

  it('leave a key to another table, and a key the models drop is dropped once', async () => {
    const other: Table = { ...orders, foreignKeys: [{ ...orders.foreignKeys![0]!, name: 'fk_other', referredTable: 'stock_eu' }] }
    const ops = await diff([stock, other], [[eu("FOR VALUES IN ('eu')")], [eu("FOR VALUES IN ('eu', 'ch')")]])
    assert.deepEqual(named(ops), ['change_partition_bounds stock_eu'])
    const dropped = await diff(
      [stock, orders],
      [[eu("FOR VALUES IN ('eu')")], [eu("FOR VALUES IN ('eu', 'ch')")]],
      [stock, { ...orders, foreignKeys: [] }],
    )
    assert.deepEqual(named(dropped), ['drop_constraint orders_sku_region_fkey', 'change_partition_bounds stock_eu'])
  })

  it('release the keys to every table above a sub-partition', async () => {
    const europe: Partition = { name: 'stock_eu', parent: 'stock', bounds: "FOR VALUES IN ('eu')", partitionBy: 'LIST (sku)' }
    const one = (bounds: string): Partition => ({ name: 'stock_eu_1', parent: 'stock_eu', bounds })
    const ops = await diff(
      [stock, orders],
      [
        [europe, one('FOR VALUES IN (1)')],
        [europe, one('FOR VALUES IN (1, 2)')],
      ],
    )
    assert.deepEqual(named(ops), [
      'drop_constraint orders_sku_region_fkey',
      'change_partition_bounds stock_eu_1',
      'create_foreign_key orders_sku_region_fkey',
    ])
  })

  it('drop for good the key of a table the migration drops, before the detach; the downgrade adds it after the old bounds', async () => {
    const bounds: [Partition[], Partition[]] = [[eu("FOR VALUES IN ('eu')")], [eu("FOR VALUES IN ('eu', 'ch')")]]
    const ops = await diff([stock, orders], bounds, [stock])
    assert.deepEqual(named(ops), ['drop_constraint orders_sku_region_fkey', 'change_partition_bounds stock_eu', 'drop_table'])
    const dropTable = ops.find((op) => op.kind === 'drop_table')
    assert.deepEqual(dropTable?.kind === 'drop_table' ? dropTable.existing?.foreignKeys : undefined, [])
  })

  it('add the key of a new table after the attach, so the downgrade drops it before the detach', async () => {
    const bounds: [Partition[], Partition[]] = [[eu("FOR VALUES IN ('eu')")], [eu("FOR VALUES IN ('eu', 'ch')")]]
    const ops = await diff([stock], bounds, [stock, orders])
    assert.deepEqual(named(ops), ['create_table', 'change_partition_bounds stock_eu', 'create_foreign_key orders_sku_region_fkey'])
    const created = ops[0]
    assert.deepEqual(created?.kind === 'create_table' ? created.table.foreignKeys : undefined, [])
  })
})

const measured = (k: Table['columns'][number]['type'], partitionBy = 'RANGE (k)', name = 'k'): Table => ({
  name: 't',
  columns: [
    { name, type: k, nullable: false },
    { name: 'v', type: { kind: 'integer' } },
  ],
  postgresql: { partitionBy },
})

const notes = (ops: readonly Operation[]) => ops.flatMap((op) => (op.kind === 'execute' ? [op.sql] : []))

describe('a partition-key column (PostgreSQL)', () => {
  it('keeps its type: a note instead of the alter PostgreSQL refuses', async () => {
    const ops = await diff([measured({ kind: 'integer' })], [[], []], [measured({ kind: 'bigint' })])
    assert.deepEqual(named(ops), ['execute'])
    assert.match(notes(ops)[0]!, /^-- table t: column k is part of the partition key \(RANGE \(k\)\): PostgreSQL cannot change its type/)
    assert.match(notes(ops)[0]!, /\(INTEGER -> BIGINT\)/)
  })

  it('read by a partition partitioned again keeps its type too; its other changes stay', async () => {
    const zero = { kind: 'literal', value: 0 } as const
    const sub: Partition = { name: 't_1', parent: 't', bounds: 'DEFAULT', partitionBy: 'LIST (v)' }
    const was = measured({ kind: 'integer' })
    const wanted: Table = { ...was, columns: [was.columns[0]!, { name: 'v', type: { kind: 'bigint' }, serverDefault: zero }] }
    const ops = await diff([was], [[sub], [sub]], [wanted])
    assert.deepEqual(named(ops), ['alter_column', 'execute'])
    const alter = ops[0]!
    assert.ok(alter.kind === 'alter_column' && alter.changes.type === undefined && alter.changes.serverDefault === zero)
    assert.match(notes(ops)[0]!, /column v is part of the partition key \(RANGE \(k\), LIST \(v\)\)/)
  })

  it('renamed, leaves the key as it was: no note', async () => {
    const renames = { tables: async () => [], columns: async () => [['k', 'e'] as const] }
    const ops = await autogenerate([measured({ kind: 'integer' })], [measured({ kind: 'integer' }, 'RANGE (e)', 'e')], {
      hooks: postgres,
      renames,
      objects: { current: { ...noSchemaObjects, partitions: [] }, target: { ...noSchemaObjects, partitions: [] } },
    })
    assert.deepEqual(named(ops), ['alter_column'])
  })

  it('dropped and another added is not dropped: a note says why, beside the key note', async () => {
    const ops = await diff([measured({ kind: 'integer' })], [[], []], [measured({ kind: 'integer' }, 'RANGE (e)', 'e')])
    assert.deepEqual(named(ops), ['execute', 'add_column', 'execute'])
    assert.match(notes(ops)[0]!, /partition key changed \(RANGE \(k\) -> RANGE \(e\)\)/)
    assert.match(notes(ops)[1]!, /column k is part of the partition key \(RANGE \(k\)\): PostgreSQL cannot drop it, so it stays/)
    assert.match(notes(ops)[1]!, /--rename-column t\.k:NEW_NAME/)
  })
})
