import assert from 'node:assert/strict'
import { test } from 'node:test'
import { describeOperation } from '../../src/diff/describe.js'

// SQLite keeps unique, foreign-key and check constraints unnamed: `check`
// and `migrate` said "remove unique constraint  on Artist", with a gap
// where the name goes and nothing to tell which constraint it was.

test('an unnamed constraint is described by its columns or expression, without an empty name', () => {
  assert.equal(
    describeOperation({ kind: 'drop_constraint', table: 'Artist', name: '', type: 'unique', columns: ['Name', 'Country'] }),
    'remove unique constraint on Artist (Name, Country)',
  )
  assert.equal(
    describeOperation({ kind: 'drop_constraint', table: 'Artist', name: '', type: 'check', expression: 'length(Name) > 0' }),
    'remove check constraint on Artist (length(Name) > 0)',
  )
  assert.equal(
    describeOperation({ kind: 'create_unique_constraint', table: 'Artist', constraint: { columns: ['Name'] } }),
    'add unique constraint on Artist (Name)',
  )
  assert.equal(
    describeOperation({ kind: 'create_check_constraint', table: 'Artist', constraint: { expression: 'length(Name) > 0' } }),
    'add check constraint on Artist',
  )
  assert.equal(
    describeOperation({
      kind: 'create_foreign_key',
      table: 'Album',
      constraint: { columns: ['ArtistId'], referredTable: 'Artist', referredColumns: ['ArtistId'] },
    }),
    'add foreign key on Album (ArtistId) -> Artist',
  )
})

test('a named constraint keeps its name, and no columns are added to it', () => {
  assert.equal(
    describeOperation({ kind: 'drop_constraint', table: 'users', name: 'uq_users_email', type: 'unique', columns: ['email'] }),
    'remove unique constraint uq_users_email on users',
  )
  assert.equal(describeOperation({ kind: 'drop_constraint', table: 'users', name: 'ck_age' }), 'remove constraint ck_age on users')
})
