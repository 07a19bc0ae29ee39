import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { RevisionGraph } from '../../src/revision/index.js'
import { graphOf, rev, throwsCode } from './helpers.js'

describe('RevisionGraph.build validation', () => {
  test('duplicate revision names both files', () => {
    throwsCode(
      () => graphOf(rev('a1', [], { source: 'v/one.ts' }), rev('a1', [], { source: 'v/two.ts' })),
      'DUPLICATE_REVISION',
      'a1',
      'v/one.ts',
      'v/two.ts',
    )
  })
  test('missing down revision names the file', () => {
    throwsCode(() => graphOf(rev('b2', 'zz99')), 'MISSING_DOWN_REVISION', 'b2', 'zz99', 'versions/b2.ts')
  })
  test('missing dependency names the file', () => {
    throwsCode(() => graphOf(rev('a1'), rev('b2', 'a1', { deps: ['nope'] })), 'MISSING_DOWN_REVISION', 'nope', 'versions/b2.ts')
  })
  test('cycle names its revisions', () => {
    throwsCode(() => graphOf(rev('a1', 'c3'), rev('b2', 'a1'), rev('c3', 'b2'), rev('d4', 'c3')), 'CYCLE', 'a1', 'b2', 'c3')
  })
  test('a cycle with no base at all is found too', () => {
    throwsCode(() => graphOf(rev('a1', 'b2'), rev('b2', 'a1')), 'CYCLE', 'a1', 'b2')
  })
  test('dependency cycle', () => {
    throwsCode(() => graphOf(rev('a1'), rev('b2', 'a1', { deps: ['c3'] }), rev('c3', 'b2')), 'CYCLE', 'Dependency cycle', 'b2', 'c3')
  })
  test('self-loops, declared and through dependsOn or a label', () => {
    throwsCode(() => graphOf(rev('a1', 'a1')), 'CYCLE', 'a1')
    throwsCode(() => graphOf(rev('a1', [], { deps: ['a1'] })), 'CYCLE', 'a1')
    throwsCode(() => graphOf(rev('a1', [], { labels: ['x'], deps: ['x'] })), 'CYCLE', 'a1')
  })
  test('duplicate branch label names both revisions', () => {
    throwsCode(
      () => graphOf(rev('a1', [], { labels: ['x'] }), rev('b2', 'a1', { labels: ['x'] })),
      'DUPLICATE_BRANCH_LABEL',
      'a1',
      'b2',
      "'x'",
    )
    throwsCode(() => graphOf(rev('a1'), rev('b2', 'a1', { labels: ['a1'] })), 'DUPLICATE_BRANCH_LABEL', 'a1', 'b2')
  })
  test('invalid ids are refused clearly', () => {
    for (const bad of ['a@b', 'a-b', 'a+b', 'a:b', '', 'head', 'heads', 'base', 'a b']) {
      throwsCode(() => graphOf(rev(bad)), 'INVALID_REVISION_ID')
    }
    throwsCode(() => graphOf(rev('a-b')), 'INVALID_REVISION_ID', "'-'")
    throwsCode(() => graphOf(rev('a1', [], { labels: ['x@y'] })), 'INVALID_BRANCH_LABEL', 'x@y')
  })
  test('empty graph', () => {
    const g = RevisionGraph.build([])
    assert.deepEqual([g.heads, g.bases, g.revisions], [[], [], []])
    assert.deepEqual(g.planUpgrade([], 'heads'), [])
  })
  test('10,000-revision chain builds and plans without recursion', () => {
    const specs = Array.from({ length: 10_000 }, (_, i) => rev(`r${i}`, i === 0 ? [] : `r${i - 1}`))
    const g = RevisionGraph.build(specs)
    assert.deepEqual(g.heads, ['r9999'])
    assert.equal(g.revisions.length, 10_000)
    const up = g.planUpgrade([], 'head')
    assert.equal(up.length, 10_000)
    assert.equal(up[0]?.revision, 'r0')
    assert.equal(g.planDowngrade(['r9999'], 'base').length, 10_000)
    assert.deepEqual(g.resolve('r9999-9998'), ['r1'])
  })
})

describe('revision info', () => {
  const g = graphOf(
    rev('a1'),
    rev('b2', 'a1', { labels: ['feat'] }),
    rev('c3', 'a1'),
    rev('d4', ['b2', 'c3'], { source: 'v/d4.ts' }),
    rev('e5', [], { deps: ['b2'] }),
  )
  test('flags and neighbours', () => {
    const a = g.get('a1')
    assert.equal(a.isBase, true)
    assert.equal(a.isBranchPoint, true)
    assert.deepEqual(a.nextRevisions, ['b2', 'c3'])
    const d = g.get('d4')
    assert.equal(d.isMergePoint, true)
    assert.equal(d.isHead, true)
    assert.equal(d.source, 'v/d4.ts')
    assert.deepEqual(g.get('e5').dependsOn, ['b2'])
    assert.deepEqual(g.get('b2').dependents, ['e5'])
  })
  test('labels propagate up the branch and down to the branch point', () => {
    assert.deepEqual(g.get('b2').branchLabels, ['feat'])
    assert.deepEqual(g.get('d4').branchLabels, ['feat'])
    assert.deepEqual(g.get('a1').branchLabels, [])
    const chain = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2', { labels: ['x'] }), rev('d4', 'c3'))
    assert.deepEqual(
      chain.revisions.map((r) => r.branchLabels),
      [['x'], ['x'], ['x'], ['x']],
    )
  })
  test('heads, bases, and history order', () => {
    assert.deepEqual(g.heads, ['d4', 'e5'])
    assert.deepEqual(g.bases, ['a1', 'e5'])
    assert.deepEqual(
      g.revisions.map((r) => r.id),
      ['d4', 'e5', 'b2', 'c3', 'a1'],
    )
    assert.equal(g.hasBranchLabel('feat'), true)
  })
  test('minimalHeads drops ancestors, dependencies included', () => {
    assert.deepEqual(g.minimalHeads(['a1', 'b2', 'c3']), ['b2', 'c3'])
    assert.deepEqual(g.minimalHeads(['b2', 'e5']), ['e5'])
    assert.deepEqual(g.minimalHeads([]), [])
  })
})
