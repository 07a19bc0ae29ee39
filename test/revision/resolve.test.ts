import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { graphOf, rev, throwsCode } from './helpers.js'

//   base1 ── ae1027 ── (fork) ── b0001 [billing] ── b0002
//                          └── c0001 [catalog] ── c0002
//   solo1 (second base, depends on b0001)
const g = graphOf(
  rev('base1'),
  rev('ae1027a6acf', 'base1'),
  rev('b0001', 'ae1027a6acf', { labels: ['billing'] }),
  rev('b0002', 'b0001'),
  rev('c0001', 'ae1027a6acf', { labels: ['catalog'] }),
  rev('c0002', 'c0001'),
  rev('solo1', [], { deps: ['billing'] }),
)

describe('resolve', () => {
  test('head, heads, base', () => {
    throwsCode(() => g.resolve('head'), 'MULTIPLE_HEADS', 'label@head', 'heads', 'merge')
    assert.deepEqual(g.resolve('heads'), ['b0002', 'c0002', 'solo1'])
    assert.deepEqual(g.resolve('base'), [])
  })
  test('ids, partial ids, labels', () => {
    assert.deepEqual(g.resolve('ae1027a6acf'), ['ae1027a6acf'])
    assert.deepEqual(g.resolve('ae10'), ['ae1027a6acf'])
    assert.deepEqual(g.resolve('billing'), ['b0001'])
    throwsCode(() => g.resolve('b000'), 'AMBIGUOUS_REVISION', 'b0001', 'b0002')
    throwsCode(() => g.resolve('ae1'), 'REVISION_NOT_FOUND', 'four')
    throwsCode(() => g.resolve('ffff'), 'REVISION_NOT_FOUND', 'ffff')
  })
  test('label@head, REV@head, label@base, label@REV', () => {
    assert.deepEqual(g.resolve('billing@head'), ['b0002'])
    assert.deepEqual(g.resolve('c0001@head'), ['c0002'])
    assert.deepEqual(g.resolve('catalog@base'), [])
    assert.deepEqual(g.resolve('billing@b0001'), ['b0001'])
    throwsCode(() => g.resolve('billing@c0002'), 'REVISION_NOT_IN_BRANCH', 'c0002', 'billing')
    throwsCode(() => g.resolve('nolabel@head'), 'REVISION_NOT_FOUND', 'nolabel')
  })
  test('relative forms', () => {
    assert.deepEqual(g.resolve('b0002-2'), ['ae1027a6acf'])
    assert.deepEqual(g.resolve('base1+1'), ['ae1027a6acf'])
    assert.deepEqual(g.resolve('billing@ae1027a6acf+1'), ['b0001'])
    throwsCode(() => g.resolve('ae1027a6acf+1'), 'AMBIGUOUS_TARGET', 'b0001', 'c0001')
    throwsCode(() => g.resolve('base1-3'), 'UNREACHABLE_TARGET')
    assert.deepEqual(g.resolve('+1', ['base1']), ['ae1027a6acf'])
  })
  test('relative to the current heads', () => {
    assert.deepEqual(g.resolve('-1', ['b0002']), ['b0001'])
    assert.deepEqual(g.resolve('billing@+1', ['b0001', 'c0001']), ['b0002'])
    assert.deepEqual(g.resolve('catalog@-1', ['b0001', 'c0002']), ['c0001'])
    throwsCode(() => g.resolve('+1', ['b0001', 'c0001']), 'AMBIGUOUS_TARGET', 'label@+1')
    throwsCode(() => g.resolve('-1', ['b0001', 'c0001']), 'AMBIGUOUS_TARGET')
    throwsCode(() => g.resolve('-1'), 'INVALID_TARGET')
    assert.deepEqual(g.resolve('current', ['b0001']), ['b0001'])
  })
  test('checkHeads', () => {
    g.checkHeads(['b0001'])
    throwsCode(() => g.checkHeads(['b0001', 'gone42']), 'UNKNOWN_DATABASE_REVISION', 'gone42', 'stamp --purge')
  })
})
