import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ImportEdge } from './source-files.js'

export type LayerRules = ReadonlyMap<string, ReadonlySet<string>>

/**
 * The layer table of DESIGN.md: each row's layer and the layers it may
 * import. The package's entry points (`index.ts`, `tools.ts`) may import any layer but `cli`.
 */
export function readLayerRules(designFile: string = resolve(import.meta.dirname, '..', '..', 'DESIGN.md')): LayerRules {
  const rules = new Map<string, Set<string>>()
  for (const line of readFileSync(designFile, 'utf8').split('\n')) {
    const row = /^\|\s*`([a-z-]+)\/`\s*\|\s*([^|]*)\|/.exec(line)
    if (!row) continue
    const imports = row[2]!.trim() === '—' ? [] : row[2]!.split(',').map((s) => s.trim())
    rules.set(row[1]!, new Set(imports))
  }
  return rules
}

/** The package's entry points: files directly in src/. */
export const ENTRY = 'entry'

/** The layer a file under src/ belongs to: its top folder, or {@link ENTRY} for a file directly in src/. */
export function layerOf(file: string): string {
  const [top, ...rest] = file.split('/')
  return rest.length === 0 ? ENTRY : top!
}

/** Each import that its layer's row does not allow, as a readable line. */
export function layerViolations(edges: readonly ImportEdge[], rules: LayerRules): string[] {
  const out: string[] = []
  for (const edge of edges) {
    const from = layerOf(edge.from)
    const to = layerOf(edge.to)
    if (from === to) continue
    const allowed = from === ENTRY ? to !== 'cli' && rules.has(to) : rules.get(from)?.has(to) === true
    if (!allowed) out.push(`${edge.from}:${edge.line} (${from}) imports ${edge.to} (${to})`)
  }
  return out
}

/** Import cycles between files, each as `a -> b -> a`. */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const graph = new Map<string, string[]>()
  for (const edge of edges) graph.set(edge.from, [...(graph.get(edge.from) ?? []), edge.to])
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return cycles
}
