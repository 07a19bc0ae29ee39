/**
 * athanor's building blocks, for tools built on it (a linter, an editor
 * plugin, a custom generator): the revision graph, the differ, and the
 * renderers of scripts and models. Applications and migration scripts need
 * only the main entry, `athanor`.
 *
 * @example
 * import { RevisionGraph } from 'athanor/tools'
 * const graph = RevisionGraph.build([{ id: 'a1', downRevisions: [], branchLabels: [], dependsOn: [] }])
 * graph.heads // ['a1']
 */
export { RevisionGraph } from './revision/index.js'
export type { RevisionSpec } from './revision/types.js'
export { diffHooksFor } from './dialect/registry.js'
export { autogenerate, describeOperation, describeOperationLines, type DiffHooks } from './diff/index.js'
export { renderScript } from './ops/render-script.js'
export { renderModels } from './models/render.js'
