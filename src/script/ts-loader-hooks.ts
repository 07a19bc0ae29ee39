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
import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transform, version as esbuildVersion } from 'esbuild'

type Next<A extends unknown[], R> = (...args: A) => Promise<R>
interface ResolveResult {
  url: string
  format?: string | null
  shortCircuit?: boolean
}
interface LoadResult {
  format: string
  source?: string | ArrayBuffer | Uint8Array | null
  shortCircuit?: boolean
}

const TYPESCRIPT = /\.(?:ts|mts|cts)$/

/** athanor's own entry point, for scripts in a project that has no local install of it. */
let selfUrl: string | undefined
/** Compiled output by content hash; compiling is most of the cost of importing a script. */
let cacheDir: string | undefined

export function initialize(data: { selfUrl?: string; cacheDir?: string } | undefined): void {
  selfUrl = data?.selfUrl
  cacheDir = data?.cacheDir
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
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
    if (!relative || context.parentURL === undefined || !isTypeScript(context.parentURL)) throw error
    for (const candidate of typeScriptSpellings(specifier)) {
      try {
        return await nextResolve(candidate, context)
      } catch {
        // Not this one; the error names what the module wrote.
      }
    }
    throw error
  }
}

/**
 * The files a TypeScript source may mean by a relative import Node does not
 * find, as TypeScript resolves it: `./x.js` for `./x.ts` (moduleResolution
 * node16), and, as bundlers and `moduleResolution: bundler` allow, `./x`
 * for `./x.ts` or `./x.js` and `./dir` for its index; `./dir/`, by its
 * slash, is only a folder's index (never a file `dir.ts` beside it). A
 * query or hash (`./x.js?v=1`) stays after the extension tried.
 *
 * @example
 * typeScriptSpellings('./columns.js') // ['./columns.ts']
 * typeScriptSpellings('./columns').length // 6: columns.ts, .mts, .js, .mjs, columns/index.ts, columns/index.js
 * typeScriptSpellings('./enums/') // ['./enums/index.ts', './enums/index.js']
 */
export function typeScriptSpellings(specifier: string): string[] {
  const [, path = '', suffix = ''] = /^([^?#]*)(.*)$/s.exec(specifier) ?? []
  return pathSpellings(path).map((candidate) => `${candidate}${suffix}`)
}

function pathSpellings(path: string): string[] {
  if (/\.js$/.test(path)) return [path.replace(/\.js$/, '.ts')]
  if (/\.mjs$/.test(path)) return [path.replace(/\.mjs$/, '.mts')]
  if (/\.[cm]?[jt]s$|\.json$/.test(path)) return []
  const folder = path.replace(/\/$/, '')
  const indexes = [`${folder}/index.ts`, `${folder}/index.js`]
  if (path.endsWith('/')) return indexes
  return [...['.ts', '.mts', '.js', '.mjs'].map((extension) => `${path}${extension}`), ...indexes]
}

export async function load(
  url: string,
  context: { format?: string | null },
  nextLoad: Next<[string, { format?: string | null }], LoadResult>,
): Promise<LoadResult> {
  if (!url.startsWith('file:') || !isTypeScript(url)) return nextLoad(url, context)
  const path = fileURLToPath(url)
  const source = await readFile(path, 'utf8')
  return { format: 'module', source: await compile(path, source), shortCircuit: true }
}

/** By the URL's path: a query (`?athanor-loader=esbuild`) does not change what the file is. */
function isTypeScript(url: string): boolean {
  const { pathname } = new URL(url)
  return TYPESCRIPT.test(pathname) && !pathname.endsWith('.d.ts')
}

const COMPILE_OPTIONS = { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline' } as const

async function compile(path: string, source: string): Promise<string> {
  // The path is part of the key because the inline source map names it.
  const key = createHash('sha256')
    .update(`${esbuildVersion}\0${JSON.stringify(COMPILE_OPTIONS)}\0${path}\0${source}`)
    .digest('hex')
  const cached = cacheDir ? join(cacheDir, `${key.slice(0, 40)}.js`) : undefined
  if (cached) {
    try {
      return await readFile(cached, 'utf8')
    } catch {
      // Not compiled yet.
    }
  }
  const output = await transform(source, { ...COMPILE_OPTIONS, sourcefile: path })
  if (cached) await storeInCache(cached, output.code)
  return output.code
}

/** Best effort: a cache that cannot be written only costs speed. */
async function storeInCache(file: string, code: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    await mkdir(cacheDir!, { recursive: true })
    await writeFile(temporary, code, { mode: 0o600 })
    await rename(temporary, file)
  } catch {
    // Read-only checkout or full disk: compile again next time, leaving no half-written file.
    await rm(temporary, { force: true }).catch(() => undefined)
  }
}
