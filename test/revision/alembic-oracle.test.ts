import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadCases, replay, replayHistory } from './oracle-replay.js'

// Fixtures come from scripts/alembic-oracle/generate.py, run against real Alembic.
const cases = loadCases()

describe('same version rows and migration order as Alembic', () => {
  test('the fixture holds a few hundred cases', () => {
    assert.ok(cases.length >= 200)
    assert.ok(cases.some((c) => c.steps.some((s) => !s.ok)))
  })
  for (const [i, c] of cases.entries()) {
    test(`case ${i}: ${c.graph.length} revisions, ${c.steps.length} commands`, () => {
      assert.deepEqual(replay(c), [])
      assert.deepEqual(replayHistory(c), [])
    })
  }
})
