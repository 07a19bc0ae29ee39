import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { col, index, table } from '../../src/models/index.js'
import { reverseOperations } from '../../src/ops/reverse.js'
import { renderOperation } from '../../src/ops/render-op.js'
import type { Table } from '../../src/schema/types.js'

const mysql = diffHooksFor('mysql')

/** The places table as a MariaDB server reads it back: SRIDs in its spelling. */
const read: Table = {
  name: 'places',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true, nullable: false },
    { name: 'spot', type: { kind: 'raw', sql: 'POINT' }, nullable: false, srid: { id: 4326, spelling: 'REF_SYSTEM_ID' } },
    { name: 'note', type: { kind: 'string', length: 20 }, invisible: true },
  ],
  indexes: [{ name: 'ix_places_note', columns: ['note'], invisible: true }],
}

const modelled = (spot = col.raw('POINT').notNull().srid(4326), note = col.string(20).invisible(), invisible = true) =>
  table('places', { id: col.integer().primaryKey(), spot, note }, { indexes: [index(['note'], { name: 'ix_places_note', invisible })] })

describe('autogenerate: invisible columns and indexes, SRIDs', () => {
  it('finds nothing to do where the models say what the server has', async () => {
    assert.deepEqual(await autogenerate([read], [modelled()], { hooks: mysql }), [])
  })

  it('alters an index made visible in place, and its reverse hides it again', async () => {
    const ops = await autogenerate([read], [modelled(undefined, undefined, false)], { hooks: mysql })
    assert.deepEqual(ops, [{ kind: 'alter_index', table: 'places', name: 'ix_places_note', invisible: false }])
    assert.deepEqual(reverseOperations(ops), [{ kind: 'alter_index', table: 'places', name: 'ix_places_note', invisible: true }])
    assert.equal(renderOperation(ops[0]!, { names: new Set() }), "await op.alterIndex('places', 'ix_places_note', { invisible: false })")
  })

  it('leaves an index’s visibility alone where the database has no invisible indexes', async () => {
    const pgRead: Table = { ...read, columns: read.columns.map(({ invisible: _i, srid: _s, ...column }) => column) }
    const hidden = table(
      'places',
      { id: col.integer().primaryKey(), spot: col.raw('POINT').notNull(), note: col.string(20) },
      {
        indexes: [index(['note'], { name: 'ix_places_note', invisible: true })],
      },
    )
    assert.deepEqual(
      await autogenerate([{ ...pgRead, indexes: [{ name: 'ix_places_note', columns: ['note'] }] }], [hidden], {
        hooks: diffHooksFor('postgresql'),
      }),
      [],
    )
  })

  it('alters a column made visible, or given another SRID, keeping the spelling the server was read in', async () => {
    const ops = await autogenerate([read], [modelled(col.raw('POINT').notNull().srid(3857), col.string(20))], { hooks: mysql })
    assert.deepEqual(
      ops.map((op) => (op.kind === 'alter_column' ? [op.column, op.changes] : op.kind)),
      [
        ['spot', { srid: { id: 3857, spelling: 'REF_SYSTEM_ID' } }],
        ['note', { invisible: false }],
      ],
    )
    const back = reverseOperations(ops).map((op) => (op.kind === 'alter_column' ? [op.column, op.changes, op.existing] : op.kind))
    assert.deepEqual(back, [
      ['note', { invisible: true }, { name: 'note', type: { kind: 'string', length: 20 }, nullable: true }],
      [
        'spot',
        { srid: { id: 4326, spelling: 'REF_SYSTEM_ID' } },
        { name: 'spot', type: { kind: 'raw', sql: 'POINT' }, nullable: false, srid: { id: 3857, spelling: 'REF_SYSTEM_ID' } },
      ],
    ])
  })

  it('drops an SRID the models no longer give', async () => {
    const ops = await autogenerate([read], [modelled(col.raw('POINT').notNull())], { hooks: mysql })
    assert.deepEqual(
      ops.map((op) => op.kind === 'alter_column' && op.changes),
      [{ srid: null }],
    )
  })
})

describe('autogenerate: an index renamed and shown or hidden', () => {
  it('is renamed in place, then altered', async () => {
    const renamed = modelled()
    const target = { ...renamed, indexes: [{ name: 'ix_places_note_hidden', columns: ['note'] }] }
    assert.deepEqual(await autogenerate([read], [target], { hooks: mysql }), [
      { kind: 'rename_index', table: 'places', name: 'ix_places_note', newName: 'ix_places_note_hidden', existing: read.indexes![0] },
      { kind: 'alter_index', table: 'places', name: 'ix_places_note_hidden', invisible: false },
    ])
  })
})
