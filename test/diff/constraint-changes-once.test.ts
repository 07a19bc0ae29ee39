import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diffHooksFor } from '../../src/dialect/registry.js'
import { constraintChangesOnce } from '../../src/diff/constraint-changes-once.js'
import { diffConstraints } from '../../src/diff/constraints.js'
import type { Table } from '../../src/schema/types.js'

const columns = [
  { name: 'id', type: { kind: 'integer' } },
  { name: 'email', type: { kind: 'string', length: 80 } },
] as const
const was: Table = { name: 'users', columns: [...columns], indexes: [{ name: 'ix_users_email', columns: ['email'] }] }
const wanted: Table = { name: 'users', columns: [...columns], uniqueConstraints: [{ name: 'uq_users_email', columns: ['email'] }] }

describe('constraintChangesOnce', () => {
  const hooks = diffHooksFor('mysql')

  it('answers as diffConstraints does, and the same again for the same pair', () => {
    const changes = constraintChangesOnce(hooks)
    const expected = diffConstraints(was, wanted, hooks)
    assert.deepEqual(changes(was, wanted), expected)
    assert.deepEqual(changes(was, wanted), expected)
  })

  it('hands each caller its own lists: one extended does not change the next answer', () => {
    const changes = constraintChangesOnce(hooks)
    const first = changes(was, wanted)
    first.drop.push({ kind: 'drop_table', table: 'other' })
    first.create.length = 0
    assert.deepEqual(changes(was, wanted), diffConstraints(was, wanted, hooks))
  })

  it('works out a pair of other tables anew', () => {
    const changes = constraintChangesOnce(hooks)
    assert.equal(changes(was, wanted).drop.length, 1)
    assert.deepEqual(changes(wanted, wanted), { drop: [], create: [], createForeignKeys: [] })
  })
})
