// Indexes and constraints the models only name anew are renamed in place
// where the database can, and their downgrade renames them back.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import { reverseOperations } from '../../src/ops/reverse.js'
import type { Table } from '../../src/schema/types.js'
import type { DialectName } from '../../src/core/dialect-name.js'

const parent: Table = { name: 'parent', columns: [{ name: 'id', type: { kind: 'integer' }, primaryKey: true }] }

/** A table with one of each, named as `names` says. */
const child = (names: { index?: string; unique?: string; fk?: string; check?: string }): Table => ({
  name: 'child',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'p_id', type: { kind: 'integer' } },
    { name: 'code', type: { kind: 'string', length: 10 } },
    { name: 'n', type: { kind: 'integer' } },
  ],
  indexes: [{ name: names.index ?? 'ix_child_n', columns: ['n'] }],
  uniqueConstraints: [{ name: names.unique ?? 'child_code_key', columns: ['code'] }],
  foreignKeys: [{ name: names.fk ?? 'child_p_id_fkey', columns: ['p_id'], referredTable: 'parent', referredColumns: ['id'] }],
  checkConstraints: [{ name: names.check ?? 'child_n_check', expression: 'n > 0' }],
})

const was = child({})
const renamedAll = child({ index: 'ix_child_number', unique: 'uq_child_code', fk: 'fk_child_parent', check: 'ck_child_n_positive' })

const line = (op: Operation) =>
  op.kind === 'rename_index' || op.kind === 'rename_constraint'
    ? `${op.kind}${op.kind === 'rename_constraint' ? ` ${op.type}` : ''} ${op.name} -> ${op.newName}`
    : `${op.kind} ${'name' in op ? op.name : 'index' in op ? op.index.name : 'constraint' in op ? op.constraint.name : ''}`

const diff = (dialect: DialectName, current: Table, target: Table) =>
  autogenerate([parent, current], [parent, target], { hooks: diffHooksFor(dialect) })

describe('autogenerate: an index or constraint named anew', () => {
  it('PostgreSQL renames each kind in place, and the downgrade renames them back', async () => {
    const ops = await diff('postgresql', was, renamedAll)
    assert.deepEqual(ops.map(line), [
      'rename_index ix_child_n -> ix_child_number',
      'rename_constraint check child_n_check -> ck_child_n_positive',
      'rename_constraint unique child_code_key -> uq_child_code',
      'rename_constraint foreignkey child_p_id_fkey -> fk_child_parent',
    ])
    assert.deepEqual(reverseOperations(ops).map(line), [
      'rename_constraint foreignkey fk_child_parent -> child_p_id_fkey',
      'rename_constraint unique uq_child_code -> child_code_key',
      'rename_constraint check ck_child_n_positive -> child_n_check',
      'rename_index ix_child_number -> ix_child_n',
    ])
  })

  it('MySQL renames an index and a unique constraint; a check is dropped and added, a foreign key kept', async () => {
    const ops = await diff('mysql', was, renamedAll)
    assert.deepEqual(ops.map(line), [
      'drop_constraint child_n_check',
      'rename_index ix_child_n -> ix_child_number',
      'create_check_constraint ck_child_n_positive',
      'rename_constraint unique child_code_key -> uq_child_code',
    ])
  })

  it('SQLite, which renames neither, makes each again under its new name, in the one table rebuild', async () => {
    const ops = await diff('sqlite', { ...was, checkConstraints: [] }, { ...renamedAll, checkConstraints: [] })
    assert.deepEqual(
      ops.map((op) => op.kind),
      ['batch_alter_table'],
    )
    const flat = ops.flatMap((op): Operation[] => (op.kind === 'batch_alter_table' ? [...op.ops] : [op]))
    assert.deepEqual(flat.map(line), [
      'drop_index ix_child_n',
      'drop_constraint child_code_key',
      'drop_constraint child_p_id_fkey',
      'create_index ix_child_number',
      'create_unique_constraint uq_child_code',
      'create_foreign_key fk_child_parent',
    ])
  })

  it('a new name the table holds (two indexes swapping names) keeps the drop and the create', async () => {
    const two = (first: string, second: string): Table => ({
      ...was,
      indexes: [
        { name: first, columns: ['n'] },
        { name: second, columns: ['code'] },
      ],
    })
    const ops = await diff('postgresql', two('ix_a', 'ix_b'), two('ix_b', 'ix_a'))
    assert.deepEqual(ops.map(line), ['drop_index ix_a', 'drop_index ix_b', 'create_index ix_b', 'create_index ix_a'])
  })

  it('an index whose definition changes with its name is made again', async () => {
    const changed = { ...was, indexes: [{ name: 'ix_child_n_code', columns: ['n', 'code'] }] }
    const ops = await diff('postgresql', was, changed)
    assert.deepEqual(ops.map(line), ['drop_index ix_child_n', 'create_index ix_child_n_code'])
  })
})

describe('autogenerate: a policy named anew', () => {
  const guarded = (name: string, using = 'owner = current_user'): Table => ({
    name: 'docs',
    columns: [{ name: 'owner', type: { kind: 'text' } }],
    postgresql: { rowLevelSecurity: true, policies: [{ name, using }] },
  })
  const kinds = (ops: readonly Operation[]) =>
    ops.map((op) => (op.kind === 'rename_policy' ? `rename_policy ${op.name} -> ${op.newName}` : op.kind))

  it('is renamed in place on PostgreSQL, and renamed back by the downgrade', async () => {
    const ops = await autogenerate([guarded('own')], [guarded('own_docs')], { hooks: diffHooksFor('postgresql') })
    assert.deepEqual(kinds(ops), ['rename_policy own -> own_docs'])
    assert.deepEqual(kinds(reverseOperations(ops)), ['rename_policy own_docs -> own'])
  })

  it('is dropped and made again when its condition changes too', async () => {
    const ops = await autogenerate([guarded('own')], [guarded('own_docs', 'true')], { hooks: diffHooksFor('postgresql') })
    assert.deepEqual(kinds(ops), ['drop_policy', 'create_policy'])
  })
})
