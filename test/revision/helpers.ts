import assert from 'node:assert/strict'
import { isAthanorError } from '../../src/core/errors.js'
import { RevisionGraph, applyVersionChanges, type PlanStep, type RevisionSpec } from '../../src/revision/index.js'

/** `rev('b', 'a')`, `rev('m', ['a', 'b'], { labels: ['x'], deps: ['c'] })` */
export function rev(
  id: string,
  down: string | readonly string[] = [],
  more: { labels?: string[]; deps?: string[]; source?: string } = {},
): RevisionSpec {
  return {
    id,
    downRevisions: typeof down === 'string' ? [down] : [...down],
    branchLabels: more.labels ?? [],
    dependsOn: more.deps ?? [],
    source: more.source ?? `versions/${id}.ts`,
  }
}

export function graphOf(...specs: RevisionSpec[]): RevisionGraph {
  return RevisionGraph.build(specs)
}

export function ids(plan: readonly PlanStep[]): string[] {
  return plan.map((s) => s.revision)
}

/** Rows after running the plan from `rows`. */
export function after(rows: readonly string[], plan: readonly PlanStep[]): string[] {
  return applyVersionChanges(
    rows,
    plan.flatMap((s) => s.versionChanges),
  ).sort()
}

export function throwsCode(fn: () => unknown, code: string, ...mentions: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isAthanorError(e), `expected AthanorError, got ${String(e)}`)
    assert.equal(e.code, code, e.message)
    assert.ok(!e.message.includes('\n'), 'one-line message')
    for (const m of mentions) assert.ok(e.message.includes(m), `message '${e.message}' should mention ${m}`)
    return true
  })
}
