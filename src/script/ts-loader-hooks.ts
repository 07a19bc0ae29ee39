/**
 * Module hooks (node:module `register`) that let athanor import migration
 * scripts, configs and models written in TypeScript without a build step.
 * They run on Node's loader thread.
 *
 * Every `.ts`/`.mts` file is compiled as an ES module whatever the nearest
 * package.json says: scripts are ESM by contract, and a CommonJS-typed
 * project must not turn them into CommonJS (where top-level errors surface
 * as confusing require(esm) cycle errors).
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'

type Next<A extends unknown[], R> = (...args: A) => Promise<R>
interface ResolveResult { url: string; format?: string | null; shortCircuit?: boolean }
interface LoadResult { format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }

const TYPESCRIPT = /\.(?:ts|mts|cts)$/

/** athanor's own entry point, for scripts in a project that has no local install of it. */
let selfUrl: string | undefined

export function initialize(data: { selfUrl?: string } | undefined): void {
  selfUrl = data?.selfUrl
}

export async function resolve(
  specifier: string,
  context: { parentURL?: string },
  nextResolve: Next<[string, { parentURL?: string }], ResolveResult>,
): Promise<ResolveResult> {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    // `npx athanor` run where athanor is not a dependency: scripts and the
    // config import it all the same, so they get the running copy.
    if ((specifier === 'athanor' || specifier.startsWith('athanor/')) && selfUrl) {
      return { url: selfUrl, shortCircuit: true }
    }
    // TypeScript sources import siblings as './x.js' when the file is './x.ts'.
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
    if (relative && context.parentURL && /\.m?js$/.test(specifier) && TYPESCRIPT.test(context.parentURL)) {
      return await nextResolve(specifier.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'), context)
    }
    throw error
  }
}

export async function load(
  url: string,
  context: { format?: string | null },
  nextLoad: Next<[string, { format?: string | null }], LoadResult>,
): Promise<LoadResult> {
  if (!url.startsWith('file:') || !TYPESCRIPT.test(url) || url.endsWith('.d.ts')) return nextLoad(url, context)
  const path = fileURLToPath(url)
  const source = await readFile(path, 'utf8')
  const output = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: path,
    sourcemap: 'inline',
  })
  return { format: 'module', source: output.code, shortCircuit: true }
}
