import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { applyVersionChanges } from '../../src/revision/index.js'
import { after, graphOf, ids, rev, throwsCode } from './helpers.js'

describe('linear', () => {
  const g = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2'), rev('d4', 'c3'))
  test('upgrade head from empty inserts then updates', () => {
    const plan = g.planUpgrade([], 'head')
    assert.deepEqual(ids(plan), ['a1', 'b2', 'c3', 'd4'])
    assert.deepEqual(plan[0]?.versionChanges, [{ kind: 'insert', id: 'a1' }])
    assert.deepEqual(plan[1]?.versionChanges, [{ kind: 'update', from: 'a1', to: 'b2' }])
    assert.deepEqual(plan[1]?.fromRevisions, ['a1'])
    assert.deepEqual(plan[0]?.fromRevisions, [])
  })
  test('relative and absolute moves', () => {
    assert.deepEqual(ids(g.planUpgrade(['a1'], '+2')), ['b2', 'c3'])
    assert.deepEqual(ids(g.planUpgrade(['a1'], 'b2+1')), ['b2', 'c3'])
    assert.deepEqual(ids(g.planUpgrade(['a1'], 'd4-1')), ['b2', 'c3'])
    assert.deepEqual(ids(g.planDowngrade(['d4'], '-2')), ['d4', 'c3'])
    assert.deepEqual(ids(g.planDowngrade(['d4'], 'a1+1')), ['d4', 'c3'])
    assert.deepEqual(ids(g.planDowngrade(['d4'], 'b2')), ['d4', 'c3'])
    assert.deepEqual(ids(g.planUpgrade(['d4'], 'head')), [])
  })
  test('an upgrade to a revision the database has passed runs nothing, as in Alembic', () => {
    assert.deepEqual(g.planUpgrade(['c3'], 'b2'), [])
    assert.deepEqual(g.planUpgrade(['d4'], 'a1'), [])
    assert.deepEqual(g.planUpgrade(['d4'], 'd4-2'), [])
    assert.deepEqual(g.planUpgrade(['c3'], 'a1+1'), [])
  })
  test('downgrade to base deletes the last row', () => {
    const plan = g.planDowngrade(['d4'], 'base')
    assert.deepEqual(ids(plan), ['d4', 'c3', 'b2', 'a1'])
    assert.deepEqual(plan[3]?.versionChanges, [{ kind: 'delete', id: 'a1' }])
    assert.deepEqual(plan[3]?.toRevisions, [])
  })
  test('refusals', () => {
    throwsCode(() => g.planDowngrade(['b2'], 'd4'), 'UNREACHABLE_TARGET', 'd4')
    throwsCode(() => g.planUpgrade(['a1'], '+9'), 'UNREACHABLE_TARGET')
    throwsCode(() => g.planDowngrade(['b2'], '-5'), 'UNREACHABLE_TARGET')
    throwsCode(() => g.planDowngrade(['b2'], '+1'), 'INVALID_TARGET')
    throwsCode(() => g.planUpgrade(['b2'], '-1'), 'INVALID_TARGET')
    throwsCode(() => g.planDowngrade([], '-1'), 'UNREACHABLE_TARGET')
    throwsCode(() => g.planUpgrade(['zz99'], 'head'), 'UNKNOWN_DATABASE_REVISION', 'zz99')
  })
})

describe('diamond: merge and unmerge', () => {
  //  a1 ─ b2 ─┐
  //   └── c3 ─ m4 ─ e5
  const g = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'a1'), rev('m4', ['b2', 'c3']), rev('e5', 'm4'))
  test('upgrade through the merge: one row all along', () => {
    const plan = g.planUpgrade([], 'head')
    assert.deepEqual(ids(plan), ['a1', 'c3', 'b2', 'm4', 'e5'])
    assert.deepEqual(plan[2]?.versionChanges, [{ kind: 'insert', id: 'b2' }])
    assert.deepEqual(plan[3]?.versionChanges, [
      { kind: 'delete', id: 'b2' },
      { kind: 'update', from: 'c3', to: 'm4' },
    ])
    assert.deepEqual(after([], plan), ['e5'])
  })
  test('downgrade below the merge unmerges; the other parent stays', () => {
    const plan = g.planDowngrade(['e5'], 'b2')
    assert.deepEqual(ids(plan), ['e5', 'm4'])
    assert.deepEqual(plan[1]?.versionChanges, [
      { kind: 'insert', id: 'b2' },
      { kind: 'update', from: 'm4', to: 'c3' },
    ])
    assert.deepEqual(plan[1]?.toRevisions, ['b2', 'c3'])
    assert.deepEqual(after(['e5'], plan), ['b2', 'c3'])
    const further = g.planDowngrade(['b2', 'c3'], 'a1')
    assert.deepEqual(after(['b2', 'c3'], further), ['a1'])
    assert.deepEqual(
      further.flatMap((s) => s.versionChanges),
      [
        { kind: 'delete', id: 'b2' },
        { kind: 'update', from: 'c3', to: 'a1' },
      ],
    )
  })
  test('downgrade -1 from a merge point is ambiguous', () => {
    throwsCode(() => g.planDowngrade(['m4'], '-1'), 'AMBIGUOUS_TARGET', 'b2', 'c3')
  })
  test('one branch then the other', () => {
    const first = g.planUpgrade([], 'b2')
    assert.deepEqual(after([], first), ['b2'])
    const second = g.planUpgrade(['b2'], 'c3')
    assert.deepEqual(second[0]?.versionChanges, [{ kind: 'insert', id: 'c3' }])
    assert.deepEqual(after(['b2'], second), ['b2', 'c3'])
  })
})

describe('several heads and bases, labels', () => {
  const g = graphOf(
    rev('a1', [], { labels: ['core'] }),
    rev('a2', 'a1'),
    rev('x1', 'a1', { labels: ['ext'] }),
    rev('x2', 'x1'),
    rev('o1', [], { labels: ['other'] }),
    rev('o2', 'o1'),
  )
  test('upgrade heads applies every branch and base', () => {
    const plan = g.planUpgrade([], 'heads')
    assert.deepEqual(after([], plan), ['a2', 'o2', 'x2'])
    assert.equal(plan.length, 6)
  })
  test('head is refused with several heads', () => {
    throwsCode(() => g.planUpgrade([], 'head'), 'MULTIPLE_HEADS')
  })
  test('label@head, label@base, label@+N, label@-N', () => {
    assert.deepEqual(ids(g.planUpgrade([], 'ext@head')), ['a1', 'x1', 'x2'])
    assert.deepEqual(ids(g.planUpgrade(['x2'], 'other@head')), ['o1', 'o2'])
    assert.deepEqual(ids(g.planUpgrade(['a1'], 'ext@+1')), ['x1'])
    assert.deepEqual(ids(g.planDowngrade(['a2', 'o2', 'x2'], 'ext@-1')), ['x2'])
    assert.deepEqual(after(['a2', 'o2', 'x2'], g.planDowngrade(['a2', 'o2', 'x2'], 'other@base')), ['a2', 'x2'])
  })
  test('downgrade base removes everything', () => {
    assert.deepEqual(after(['a2', 'o2', 'x2'], g.planDowngrade(['a2', 'o2', 'x2'], 'base')), [])
  })
  test('a passed target runs nothing; one on a branch not yet applied upgrades that branch', () => {
    assert.deepEqual(g.planUpgrade(['a2', 'x2'], 'a1'), [])
    assert.deepEqual(g.planUpgrade(['a2', 'x2'], 'ext@x1'), [])
    assert.deepEqual(g.planUpgrade(['a2', 'o2'], 'a1'), [])
    const plan = g.planUpgrade(['a2'], 'x1')
    assert.deepEqual(ids(plan), ['x1'])
    assert.deepEqual(after(['a2'], plan), ['a2', 'x1'])
    assert.deepEqual(ids(g.planUpgrade(['a2', 'o1'], 'o2')), ['o2'])
  })
  test('alreadyPast names the targets behind the database, not those it is at or has yet to reach', () => {
    assert.deepEqual(g.alreadyPast(['a2', 'x2'], 'a1'), ['a1'])
    assert.deepEqual(g.alreadyPast(['a2', 'x2'], 'ext@x1'), ['x1'])
    assert.deepEqual(g.alreadyPast(['a2', 'x2'], 'x2'), [])
    assert.deepEqual(g.alreadyPast(['a2', 'x2'], 'heads'), [])
    assert.deepEqual(g.alreadyPast(['a2'], 'x1'), [])
    assert.deepEqual(g.alreadyPast(['x2'], 'o1'), [])
    throwsCode(() => g.alreadyPast(['zz99'], 'a1'), 'UNKNOWN_DATABASE_REVISION', 'zz99')
  })
  test('a target past the end of its branch stays unreachable', () => {
    throwsCode(() => g.planUpgrade(['a2', 'x2'], 'x1+3'), 'UNREACHABLE_TARGET', 'x1+3')
    throwsCode(() => g.planUpgrade(['x2'], 'ext@+1'), 'UNREACHABLE_TARGET')
  })
  test('downgrade -1 with several current heads is refused rather than guessed (Alembic picks one)', () => {
    throwsCode(() => g.planDowngrade(['a2', 'o2', 'x2'], '-1'), 'AMBIGUOUS_TARGET', 'a2', 'o2', 'x2', 'label@-1')
  })
})

describe('dependsOn', () => {
  // b2 (branch two, own base) depends on a2 of branch one
  const g = graphOf(rev('a1'), rev('a2', 'a1'), rev('b1', [], { deps: ['a2'] }), rev('b2', 'b1'))
  test('upgrading the dependent pulls in the dependency and keeps one row', () => {
    const plan = g.planUpgrade([], 'b2')
    assert.deepEqual(ids(plan), ['a1', 'a2', 'b1', 'b2'])
    assert.deepEqual(plan[2]?.versionChanges, [{ kind: 'update', from: 'a2', to: 'b1' }])
    assert.deepEqual(after([], plan), ['b2'])
  })
  test('downgrading the dependency removes its dependents', () => {
    const plan = g.planDowngrade(['b2'], 'a1')
    assert.deepEqual(ids(plan), ['b2', 'b1', 'a2'])
    assert.deepEqual(after(['b2'], plan), ['a1'])
  })
  test('dependents are reported', () => {
    assert.deepEqual(g.get('a2').dependents, ['b1'])
  })
})

describe('stamp', () => {
  const g = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'a1'), rev('o1'))
  test('moves within a lineage, adds across', () => {
    assert.deepEqual(g.planStamp(['a1'], ['b2']), [{ kind: 'update', from: 'a1', to: 'b2' }])
    assert.deepEqual(g.planStamp(['b2'], ['o1']), [{ kind: 'insert', id: 'o1' }])
    assert.deepEqual(g.planStamp(['b2'], ['c3']), [{ kind: 'insert', id: 'c3' }])
    assert.deepEqual(g.planStamp(['b2', 'c3'], ['a1']), [
      { kind: 'delete', id: 'b2' },
      { kind: 'update', from: 'c3', to: 'a1' },
    ])
  })
  test('several targets and base', () => {
    assert.deepEqual(g.planStamp([], ['b2', 'o1']), [
      { kind: 'insert', id: 'b2' },
      { kind: 'insert', id: 'o1' },
    ])
    assert.deepEqual(g.planStamp(['b2', 'o1'], ['base']), [
      { kind: 'delete', id: 'b2' },
      { kind: 'delete', id: 'o1' },
    ])
    assert.deepEqual(g.planStamp(['b2'], []), [{ kind: 'delete', id: 'b2' }])
    assert.deepEqual(g.planStamp(['b2'], ['b2']), [])
  })
  test('purge is the way out of unknown rows', () => {
    throwsCode(() => g.planStamp(['zz99'], ['a1']), 'UNKNOWN_DATABASE_REVISION', 'zz99', 'stamp --purge')
    assert.deepEqual(g.planStamp(['zz99'], ['a1'], { purge: true }), [
      { kind: 'delete', id: 'zz99' },
      { kind: 'insert', id: 'a1' },
    ])
  })
  test('head with several heads is refused', () => {
    throwsCode(() => g.planStamp([], ['head']), 'MULTIPLE_HEADS')
  })
  test('naming a new revision twice is refused; naming a row twice changes nothing', () => {
    throwsCode(() => g.planStamp([], ['b2', 'b2']), 'INVALID_TARGET', 'b2', 'twice')
    assert.deepEqual(g.planStamp(['b2'], ['b2', 'b2']), [])
  })
})

describe('stamp onto several lineages at once', () => {
  // A <- B <- C; B <- D (labelled feature) <- E, and E also depends on C
  const g = graphOf(
    rev('a1'),
    rev('b2', 'a1'),
    rev('c3', 'b2'),
    rev('d4', 'b2', { labels: ['feature'] }),
    rev('e5', 'd4', { deps: ['c3'] }),
    rev('o1'),
  )
  const rows = (current: string[], targets: string[]) => applyVersionChanges(current, g.planStamp(current, targets)).sort()

  test('a row above two targets is replaced by both', () => {
    // e5 shares a lineage with c3 (through its dependency) and with d4; Alembic fails here
    assert.deepEqual(g.planStamp(['e5'], ['c3', 'd4']), [
      { kind: 'update', from: 'e5', to: 'c3' },
      { kind: 'insert', id: 'd4' },
    ])
    assert.deepEqual(rows(['e5'], ['d4', 'c3']), ['c3', 'd4'])
    assert.deepEqual(rows(['e5', 'o1'], ['c3', 'd4']), ['c3', 'd4', 'o1'])
  })
  test('each target ends as a row, rows unrelated to every target stay', () => {
    assert.deepEqual(rows(['a1'], ['c3', 'd4']), ['c3', 'd4'])
    assert.deepEqual(rows(['c3', 'o1'], ['e5']), ['e5', 'o1'])
    assert.deepEqual(rows(['c3', 'd4'], ['feature@head']), ['e5'])
    assert.deepEqual(rows(['o1'], ['c3', 'd4']), ['c3', 'd4', 'o1'])
  })
  test('a target that already is a row stays unless another target on its lineage moves', () => {
    assert.deepEqual(rows(['c3', 'o1'], ['o1', 'd4']), ['c3', 'd4', 'o1'])
    // as in Alembic: the row moves to the target that is not there yet
    assert.deepEqual(rows(['a1'], ['a1', 'b2']), ['b2'])
    assert.deepEqual(rows(['b2'], ['b2', 'a1']), ['a1'])
  })
  test('targets on one lineage are all written from empty, as Alembic writes them', () => {
    assert.deepEqual(rows([], ['a1', 'b2']), ['a1', 'b2'])
    throwsCode(() => g.planUpgrade(['a1', 'b2'], 'heads'), 'VERSION_TABLE_CONFLICT', 'a1', 'b2')
  })
  test('base clears its lineage but never a named target', () => {
    assert.deepEqual(rows(['c3', 'o1'], ['base', 'c3']), ['c3'])
    assert.deepEqual(rows(['e5', 'o1'], ['feature@base']), ['o1'])
  })
  test('rows both above and below a target are refused', () => {
    throwsCode(() => g.planStamp(['a1', 'c3'], ['b2']), 'INVALID_TARGET', 'b2', 'above and below', '--purge')
  })
})

describe('history ranges', () => {
  const g = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2'), rev('d4', 'c3'), rev('x1', 'a1'))
  test('forms', () => {
    assert.deepEqual(g.historyRange(undefined), ['d4', 'c3', 'b2', 'x1', 'a1'])
    assert.deepEqual(g.historyRange('base:heads'), ['d4', 'c3', 'b2', 'x1', 'a1'])
    assert.deepEqual(g.historyRange('b2:d4'), ['d4', 'c3', 'b2'])
    assert.deepEqual(g.historyRange('c3:'), ['d4', 'c3'])
    assert.deepEqual(g.historyRange(':current', ['b2']), ['b2', 'a1'])
    assert.deepEqual(g.historyRange('current:', ['c3']), ['d4', 'c3'])
    assert.deepEqual(g.historyRange(':current', []), [])
    assert.deepEqual(g.historyRange('b2:d4'), g.historyRange('b2:d4'))
    assert.deepEqual(graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2')).historyRange('-1:'), ['c3', 'b2'])
  })
  test('refusals', () => {
    throwsCode(() => g.historyRange('d4'), 'INVALID_RANGE', '[start]:[end]')
    throwsCode(() => g.historyRange('x1:d4'), 'INVALID_RANGE', 'x1:d4')
    // one below each head: c3 and a1, one the other's ancestor
    throwsCode(() => g.historyRange('-1:'), 'INVALID_TARGET', 'a1', 'c3')
  })
})

describe('history ranges counted down from the heads', () => {
  const two = graphOf(rev('a1'), rev('b2', 'a1'))
  test('a count that reaches exactly base starts the range at base', () => {
    // as Alembic
    assert.deepEqual(two.historyRange('-1:'), ['b2', 'a1'])
    // Alembic refuses this one although -2 is base as a downgrade target
    assert.deepEqual(two.historyRange('-2:'), ['b2', 'a1'])
    assert.deepEqual(two.historyRange('-2:heads'), two.historyRange('base:heads'))
    assert.deepEqual(graphOf(rev('a1'), rev('o1')).historyRange('-1:'), ['a1', 'o1'])
  })
  test('a count past base is refused naming the start and the chain length', () => {
    throwsCode(() => two.historyRange('-9:'), 'INVALID_RANGE', "'-9'", '9 steps', 'b2', 'only 2 revisions')
    throwsCode(() => two.historyRange('-3:head'), 'INVALID_RANGE', "'-3'", 'only 2 revisions')
    throwsCode(() => graphOf(rev('a1')).historyRange('-2:'), 'INVALID_RANGE', 'only 1 revision;')
  })
  test('past base with a revision as the upper end counts from it, as Alembic does', () => {
    assert.deepEqual(two.historyRange('-9:b2'), ['b2', 'a1'])
  })
  test('heads at different depths: the short one is named', () => {
    const g = graphOf(rev('a1'), rev('b2', 'a1'), rev('c3', 'b2'), rev('o1'), rev('p2', 'o1'))
    throwsCode(() => g.historyRange('-3:'), 'INVALID_RANGE', 'p2', 'only 2 revisions')
  })
})
