import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { autogenerate } from '../../src/diff/autogenerate.js'
import { diffHooksFor } from '../../src/dialect/registry.js'
import type { Operation } from '../../src/ops/operation.js'
import type { Index, Table, UniqueConstraint } from '../../src/schema/types.js'

const mysql = diffHooksFor('mysql')

const parent = (uniques: UniqueConstraint[] = []): Table => ({
  name: 'parent',
  columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'code', type: { kind: 'string', length: 10 } },
  ],
  uniqueConstraints: uniques,
})

const child = (indexes: Index[], primaryKey: readonly string[] = ['id']): Table => ({
  name: 'child',
  columns: [
    { name: 'id', type: { kind: 'integer' }, nullable: false },
    { name: 'p_id', type: { kind: 'integer' }, nullable: false },
    { name: 'code', type: { kind: 'string', length: 10 } },
  ],
  primaryKey: { columns: primaryKey },
  foreignKeys: [
    { name: 'fk_child_parent', columns: ['p_id'], referredTable: 'parent', referredColumns: ['id'] },
    { name: 'fk_child_code', columns: ['code'], referredTable: 'parent', referredColumns: ['code'] },
  ],
  indexes,
})

const kinds = (ops: readonly Operation[]) =>
  ops.map((op) => `${op.kind} ${'name' in op ? op.name : 'index' in op ? op.index.name : 'constraint' in op ? op.constraint.name : ''}`)

const codeIndex: Index = { name: 'ix_child_code', columns: ['code'] }

describe('foreign keys whose index goes (MySQL/MariaDB)', () => {
  it('are dropped before the index changes and made again after', async () => {
    const ops = await autogenerate(
      [parent(), child([{ name: 'ix_child_p', columns: ['p_id'] }, codeIndex])],
      [parent(), child([{ name: 'ix_child_p', columns: ['p_id', 'id'] }, codeIndex])],
      { hooks: mysql },
    )
    assert.deepEqual(kinds(ops), [
      'drop_constraint fk_child_parent',
      'drop_index ix_child_p',
      'create_index ix_child_p',
      'create_foreign_key fk_child_parent',
    ])
  })

  it('at the referred end too: a unique constraint a key refers to', async () => {
    const code: UniqueConstraint = { name: 'uq_parent_code', columns: ['code'] }
    const ops = await autogenerate(
      [parent([code]), child([codeIndex], ['p_id', 'id'])],
      [parent([{ ...code, columns: ['code', 'id'] }]), child([codeIndex], ['p_id', 'id'])],
      { hooks: mysql },
    )
    assert.deepEqual(kinds(ops), [
      'drop_constraint fk_child_code',
      'drop_constraint uq_parent_code',
      'create_unique_constraint uq_parent_code',
      'create_foreign_key fk_child_code',
    ])
  })

  it('stay when another index the table keeps starts with their columns', async () => {
    const keeps = async (before: Index[], after: Index[], primaryKey?: readonly string[]) =>
      kinds(await autogenerate([parent(), child(before, primaryKey)], [parent(), child(after, primaryKey)], { hooks: mysql }))
    const wide: Index = { name: 'ix_child_p_code', columns: ['p_id', 'code'] }
    assert.deepEqual(await keeps([{ name: 'ix_child_p', columns: ['p_id'] }, wide, codeIndex], [wide, codeIndex]), [
      'drop_index ix_child_p',
    ])
    assert.deepEqual(await keeps([{ name: 'ix_child_p', columns: ['p_id'] }, codeIndex], [codeIndex], ['p_id', 'id']), [
      'drop_index ix_child_p',
    ])
  })

  it('stay on PostgreSQL, where a key needs no index', async () => {
    const ops = await autogenerate(
      [parent(), child([{ name: 'ix_child_p', columns: ['p_id'] }, codeIndex])],
      [parent(), child([codeIndex])],
      { hooks: diffHooksFor('postgresql') },
    )
    assert.deepEqual(kinds(ops), ['drop_index ix_child_p'])
  })
})
