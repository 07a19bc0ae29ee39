// The start-up refusal's one line, for every shape of "behind head".
import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { SchemaState } from '../../examples/mars-labs/src/startup/schema-state.js'
import { describeBehind } from '../../examples/mars-labs/src/startup/prepare.js'
import { atHead } from '../../examples/mars-labs/src/startup/schema-state.js'

const state = (database: string, current: string[]): SchemaState => ({
  database,
  url: `sqlite:///instance/${database}.db`,
  current,
  heads: ['6326711941b6'],
})

it('names one database with its URL, several grouped by where they stand', () => {
  assert.equal(
    describeBehind([state('db1', ['597b67c3ab4f'])]),
    'database db1 (sqlite:///instance/db1.db) is at 597b67c3ab4f, behind head 6326711941b6',
  )
  assert.equal(describeBehind([state('default', []), state('db2', [])]), 'databases default, db2 are at base, behind head 6326711941b6')
  assert.equal(
    describeBehind([state('default', []), state('db2', ['597b67c3ab4f'])]),
    'databases default (at base), db2 (at 597b67c3ab4f) are behind head 6326711941b6',
  )
})

it('counts a database as at head only with exactly the heads applied', () => {
  assert.equal(atHead(state('db1', ['6326711941b6'])), true)
  assert.equal(atHead(state('db1', [])), false)
  assert.equal(atHead({ ...state('db1', ['a', 'b']), heads: ['b', 'a'] }), true)
  assert.equal(atHead({ ...state('db1', ['a']), heads: ['a', 'b'] }), false)
})
