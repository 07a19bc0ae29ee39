import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RevisionGraph } from '../../src/revision/index.js'
import { loadCases, replay, replayHistory } from './oracle-replay.js'

// Fixtures come from scripts/alembic-oracle/generate.py, run against real Alembic.
const cases = loadCases()

describe('same version rows and migration order as Alembic', () => {
  test('the fixture holds a few hundred cases', () => {
    assert.ok(cases.length >= 200)
    assert.ok(cases.some((c) => c.steps.some((s) => !s.ok)))
  })
  test('it holds hundreds of upgrades to a revision the database had passed, which Alembic ran as nothing to do', () => {
    const passed = cases.flatMap((c) => {
      const graph = RevisionGraph.build(c.graph)
      return c.steps.filter((s) => s.command === 'upgrade' && s.ok && graph.alreadyPast(s.before, s.target ?? '').length > 0)
    })
    assert.ok(passed.length >= 500, `${passed.length} such upgrades`)
    for (const s of passed) assert.deepEqual([s.applied, s.rows], [[], s.before])
  })
  for (const [i, c] of cases.entries()) {
    test(`case ${i}: ${c.graph.length} revisions, ${c.steps.length} commands`, () => {
      assert.deepEqual(replay(c), [])
      assert.deepEqual(replayHistory(c), [])
    })
  }
})
