import { AthanorError } from '../core/errors.js'

/**
 * Who turns a TypeScript script, config or models module into JavaScript:
 * `node`, the running Node's own type stripping, or `esbuild`.
 */
export type TypeScriptLoader = 'node' | 'esbuild'

/** What {@link typeScriptLoader} reads of the running Node: `process.features`. */
export interface NodeFeatures {
  /** `'strip'` or `'transform'` when Node strips types itself (22.18+, 23.6+, or 22.6+ with the flag); absent before 22.10. */
  readonly typescript?: string | false
}

/**
 * The one place the loader is chosen. Node's type stripping when the running
 * Node has it on: no compiler process, no cache to write, and positions kept,
 * so no source maps either. esbuild otherwise (Node 20 has no type
 * stripping), and for any module Node's stripping refuses (see
 * `node-type-stripping.ts`). `ATHANOR_TS_LOADER=esbuild` insists on esbuild;
 * `ATHANOR_TS_LOADER=node` insists on Node, and is an error where Node lacks it.
 *
 * @example
 * typeScriptLoader({ typescript: 'strip' }, {}) // 'node'
 * typeScriptLoader({}, {}) // 'esbuild': Node 20
 * typeScriptLoader({ typescript: 'strip' }, { ATHANOR_TS_LOADER: 'esbuild' }) // 'esbuild'
 */
export function typeScriptLoader(
  features: NodeFeatures = process.features as NodeFeatures,
  env: NodeJS.ProcessEnv = process.env,
): TypeScriptLoader {
  const nodeStrips = features.typescript === 'strip' || features.typescript === 'transform'
  const asked = env['ATHANOR_TS_LOADER']
  if (asked === undefined || asked === '') return nodeStrips ? 'node' : 'esbuild'
  if (asked === 'esbuild') return 'esbuild'
  if (asked !== 'node') throw new AthanorError('INVALID_OPTION', `ATHANOR_TS_LOADER is '${asked}'; expected 'node' or 'esbuild'`)
  if (!nodeStrips) {
    throw new AthanorError(
      'INVALID_OPTION',
      `ATHANOR_TS_LOADER=node, but Node ${process.version} does not strip TypeScript types (Node 22.18+ or 23.6+ does)`,
    )
  }
  return 'node'
}
