import { AmbiguousRevisionError } from '../core/error-classes.js'
import { AthanorError } from '../core/errors.js'
import { assertAcyclic } from './cycles.js'
import { checkBranchLabel, checkRevisionId, describe } from './ids.js'
import { propagateLabels } from './labels.js'
import type { GraphData, Node } from './node.js'
import type { RevisionSpec } from './types.js'

/** The list without repeats, first occurrence kept; a list of one or none is its own (no Set per revision of a long chain). */
function unique(xs: readonly string[]): readonly string[] {
  return xs.length < 2 ? xs : [...new Set(xs)]
}

/** dependsOn may name an id, a branch label or a unique id prefix of 4+ characters. */
function resolveDependency(
  spec: RevisionSpec,
  dep: string,
  nodes: ReadonlyMap<string, Node>,
  labelOwner: ReadonlyMap<string, string>,
): string {
  if (nodes.has(dep)) return dep
  const owner = labelOwner.get(dep)
  if (owner !== undefined) return owner
  const found = dep.length >= 4 ? [...nodes.keys()].filter((k) => k.startsWith(dep)) : []
  if (found.length === 1) return found[0] as string
  if (found.length > 1) {
    throw new AmbiguousRevisionError(
      `Revision ${describe(spec.id, spec.source)} depends on '${dep}', which matches several revisions: ${found.slice(0, 5).join(', ')}`,
      { revision: dep, candidates: found },
    )
  }
  throw new AthanorError(
    'MISSING_DOWN_REVISION',
    `Revision ${describe(spec.id, spec.source)} depends on '${dep}', which no script or branch label defines`,
  )
}

/** Dependencies a declared ancestor already requires are implied, so they are dropped. */
function normalize(nodes: ReadonlyMap<string, Node>, order: readonly string[]): void {
  for (const id of order) {
    const n = nodes.get(id) as Node
    if (n.deps.length > 0) {
      const inherited = new Set<string>()
      const seen = new Set<string>([id])
      const todo = [...n.down]
      while (todo.length > 0) {
        const a = nodes.get(todo.pop() as string) as Node
        if (seen.has(a.id)) continue
        seen.add(a.id)
        for (const d of a.deps) inherited.add(d)
        for (const d of a.down) todo.push(d)
      }
      n.normDeps = n.deps.filter((d) => !inherited.has(d))
    }
    n.normDown = n.normDeps.length === 0 ? n.down : unique([...n.down, ...n.normDeps])
  }
}

/**
 * Validates the specs and links them into a graph; every user mistake is an
 * AthanorError naming the files involved.
 */
export function buildGraphData(specs: readonly RevisionSpec[]): GraphData {
  const nodes = new Map<string, Node>()
  const order: string[] = []
  for (const spec of specs) {
    checkRevisionId(spec.id, spec.source)
    const prev = nodes.get(spec.id)
    if (prev !== undefined) {
      throw new AthanorError(
        'DUPLICATE_REVISION',
        `Revision ${spec.id} is defined twice: in ${prev.spec.source ?? '(unknown)'} and in ${spec.source ?? '(unknown)'}`,
      )
    }
    if (spec.downRevisions.includes(spec.id) || spec.dependsOn.includes(spec.id)) {
      const what = spec.downRevisions.includes(spec.id) ? 'down revision' : 'dependency'
      throw new AthanorError('CYCLE', `Self-loop: revision ${describe(spec.id, spec.source)} names itself as its own ${what}`)
    }
    const down = unique(spec.downRevisions)
    nodes.set(spec.id, {
      id: spec.id,
      order: order.length,
      spec,
      down,
      deps: [],
      allDown: down,
      normDeps: [],
      normDown: [],
      next: [],
      allNext: [],
      labels: new Set(spec.branchLabels),
    })
    order.push(spec.id)
  }

  const labelOwner = new Map<string, string>()
  for (const spec of specs) {
    for (const label of spec.branchLabels) {
      checkBranchLabel(label, spec.id, spec.source)
      const clash = nodes.get(label)
      const other = labelOwner.get(label)
      if (clash !== undefined || (other !== undefined && other !== spec.id)) {
        const holder = clash ?? (nodes.get(other as string) as Node)
        const role = clash !== undefined ? 'is the id of revision' : 'is already used by revision'
        throw new AthanorError(
          'DUPLICATE_BRANCH_LABEL',
          `Branch label '${label}' of revision ${describe(spec.id, spec.source)} ${role} ${describe(holder.id, holder.spec.source)}`,
        )
      }
      labelOwner.set(label, spec.id)
    }
  }

  for (const id of order) {
    const n = nodes.get(id) as Node
    for (const d of n.down) {
      if (!nodes.has(d)) {
        throw new AthanorError(
          'MISSING_DOWN_REVISION',
          `Revision ${describe(id, n.spec.source)} has down revision '${d}', which no script defines`,
        )
      }
    }
    if (n.spec.dependsOn.length === 0) continue
    const deps = unique(n.spec.dependsOn.map((d) => resolveDependency(n.spec, d, nodes, labelOwner)))
    if (deps.includes(id)) {
      throw new AthanorError('CYCLE', `Self-loop: revision ${describe(id, n.spec.source)} depends on itself through a branch label`)
    }
    n.deps = deps
    n.allDown = unique([...n.down, ...deps])
  }
  for (const id of order) {
    const n = nodes.get(id) as Node
    for (const d of n.allDown) {
      const parent = nodes.get(d) as Node
      parent.allNext.push(id)
      if (n.down.includes(d)) parent.next.push(id)
    }
  }

  assertAcyclic(nodes, order)
  normalize(nodes, order)
  propagateLabels(nodes, order)

  const all = order.map((id) => nodes.get(id) as Node)
  return {
    nodes,
    order,
    labelOwner,
    heads: all.filter((n) => n.next.length === 0).map((n) => n.id),
    realHeads: all.filter((n) => n.allNext.length === 0).map((n) => n.id),
    bases: all.filter((n) => n.down.length === 0).map((n) => n.id),
  }
}
