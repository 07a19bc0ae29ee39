import { readFileSync } from 'node:fs'
import { isAthanorError } from '../../src/core/errors.js'
import { RevisionGraph, applyVersionChanges, type RevisionSpec } from '../../src/revision/index.js'

export interface OracleStep {
  readonly command: 'upgrade' | 'downgrade' | 'stamp'
  readonly target?: string
  readonly targets?: string[]
  readonly purge?: boolean
  readonly before: string[]
  readonly ok: boolean
  readonly error?: string
  readonly warnings: string[]
  readonly rows: string[]
  readonly applied: [string, string][]
}
export interface OracleCase {
  readonly graph: RevisionSpec[]
  readonly steps: OracleStep[]
  readonly history: { range: string; current: string[]; ok: boolean; revisions?: string[] }[]
}

export function loadCases(): OracleCase[] {
  const url = new URL('../fixtures/alembic-oracle/cases.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: OracleCase[] }).cases
}

function describeStep(s: OracleStep): string {
  return s.command === 'stamp' ? `stamp ${s.purge ? '--purge ' : ''}${(s.targets ?? []).join(' ')}` : `${s.command} ${s.target}`
}

/**
 * Replays one case; returns a list of disagreements (empty when athanor
 * ends every command with Alembic's rows and migration order).
 */
export function replay(c: OracleCase): string[] {
  const graph = RevisionGraph.build(c.graph)
  let rows: string[] = []
  const problems: string[] = []
  for (const [i, s] of c.steps.entries()) {
    const label = `step ${i} (${describeStep(s)}) from [${s.before.join(', ')}]`
    let applied: [string, string][] = []
    let next = rows
    let refused: unknown
    try {
      if (s.command === 'stamp') {
        next = applyVersionChanges(rows, graph.planStamp(rows, s.targets ?? [], { purge: s.purge ?? false }))
      } else {
        const plan = s.command === 'upgrade' ? graph.planUpgrade(rows, s.target ?? '') : graph.planDowngrade(rows, s.target ?? '')
        applied = plan.map((p) => [p.revision, p.direction])
        next = applyVersionChanges(
          rows,
          plan.flatMap((p) => p.versionChanges),
        )
      }
    } catch (e) {
      if (!isAthanorError(e)) throw e
      refused = e
    }
    const same = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())
    if (!s.ok) {
      if (refused === undefined)
        problems.push(
          `${label}: Alembic refused (${s.error}) ` +
            `but athanor planned [${applied.map((a) => a.join(' ')).join(', ')}] -> [${next.join(', ')}]`,
        )
      if (!same(s.rows, s.before)) break // Alembic crashed half-way; the states part here
      continue
    }
    if (s.warnings.length > 0) {
      // Alembic warns and guesses; athanor refuses on purpose
      if (refused === undefined) problems.push(`${label}: Alembic warned (${s.warnings[0]}) and athanor did not refuse`)
      break
    }
    if (refused !== undefined) {
      problems.push(
        `${label}: athanor refused (${(refused as Error).message}) ` +
          `but Alembic ran [${s.applied.map((a) => a.join(' ')).join(', ')}] -> [${s.rows.join(', ')}]`,
      )
      break
    }
    if (!same(next, s.rows)) problems.push(`${label}: rows [${[...next].sort().join(', ')}] but Alembic has [${s.rows.join(', ')}]`)
    if (JSON.stringify(applied) !== JSON.stringify(s.applied)) {
      problems.push(
        `${label}: ran [${applied.map((a) => a.join(' ')).join(', ')}] but Alembic ran [${s.applied.map((a) => a.join(' ')).join(', ')}]`,
      )
    }
    if (problems.length > 0) break
    rows = next
  }
  return problems
}

/** Compares `history -r` listings. */
export function replayHistory(c: OracleCase): string[] {
  const graph = RevisionGraph.build(c.graph)
  const problems: string[] = []
  for (const h of c.history) {
    let got: string[] | undefined
    let err: unknown
    try {
      got = graph.historyRange(h.range, h.current)
    } catch (e) {
      if (!isAthanorError(e)) throw e
      err = e
    }
    if (!h.ok && err === undefined && reachesBaseExactly(graph, h.range)) {
      // athanor reads a count that lands every head exactly on base as base, on purpose
      const whole = graph.historyRange(`base:${h.range.split(':')[1] ?? ''}`, h.current)
      if (JSON.stringify(got) !== JSON.stringify(whole))
        problems.push(`history ${h.range}: [${got?.join(', ')}] vs base: [${whole.join(', ')}]`)
      continue
    }
    if (!h.ok && err === undefined)
      problems.push(`history ${h.range} (current ${h.current.join(',')}): Alembic refused, athanor listed [${got?.join(', ')}]`)
    if (h.ok && err !== undefined)
      problems.push(
        `history ${h.range} (current ${h.current.join(',')}): ` +
          `athanor refused (${(err as Error).message}), Alembic listed [${h.revisions?.join(', ')}]`,
      )
    if (h.ok && got !== undefined && JSON.stringify(got) !== JSON.stringify(h.revisions)) {
      problems.push(`history ${h.range} (current ${h.current.join(',')}): [${got.join(', ')}] vs Alembic [${h.revisions?.join(', ')}]`)
    }
  }
  return problems
}

/**
 * True for a `-N:` range where every head that no revision depends on is
 * exactly N revisions above base along single down revisions. Alembic
 * refuses those: its `-N` resolves to 'base', which its range walk then
 * takes as a revision to start from rather than as the open end. athanor
 * lists what `base:` lists.
 */
function reachesBaseExactly(graph: RevisionGraph, range: string): boolean {
  const m = /^-(\d+):(heads)?$/.exec(range)
  if (m === null) return false
  const steps = Number(m[1])
  // `-N` counts from the heads no revision depends on, as in Alembic
  const counted = graph.heads.filter((head) => graph.get(head).dependents.length === 0)
  return counted.every((head) => {
    let n = 1
    let down = graph.get(head).downRevisions
    for (; down.length === 1; down = graph.get(down[0] as string).downRevisions) n++
    return down.length === 0 && n === steps
  })
}
