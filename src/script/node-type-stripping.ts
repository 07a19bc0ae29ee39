import { realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../core/package-root.js'

/**
 * Imports a TypeScript module the way Node runs one itself, types stripped
 * in place, with no compiler and no cache; `undefined` when Node's stripping
 * is not sound for it, which leaves the module to esbuild. Only where
 * {@link typeScriptLoader} said `node`.
 *
 * Sound means the module runs exactly as esbuild would have run it, or not
 * at all. So only a module that imports nothing but Node's built-ins,
 * packages, and an `athanor` that is the running copy (another copy's
 * classes would not be the CLI's): a relative import may be written `./x.js`
 * for `x.ts`, which only the hooks resolve, and a sibling Node refuses could
 * not be loaded again. And when Node refuses the module before running any of
 * it (an enum, which stripping cannot erase; `import { SomeType }` without
 * `type`, which esbuild drops and Node does not; a package typed CommonJS),
 * esbuild gets it instead. An error the module throws while running is its own.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 *
 * const file = '/app/migrations/versions/ae1027a6acf0_add_email.ts'
 * const module = await importWithTypeStripping(file, readFileSync(file, 'utf8'))
 * if (module === undefined) console.log('esbuild loads this one')
 */
export async function importWithTypeStripping(file: string, source: string): Promise<Record<string, unknown> | undefined> {
  if (!strippableByNode(file, source)) return undefined
  const url = pathToFileURL(file).href
  try {
    return (await import(url)) as Record<string, unknown>
  } catch (error) {
    if (refusedBeforeRunning(error, url)) return undefined
    throw error
  }
}

/** `from '…'`, `import '…'` and `import('…')`: every specifier a module names. */
const SPECIFIER = /\b(?:from|import)\s*(\(?)\s*(['"])([^'"\n]+)\2/g

/**
 * Whether Node's stripping is tried for this module at all: not under
 * node_modules, not CommonJS, no dynamic import, no relative import, and an
 * `athanor` import only where it is the running copy.
 *
 * @example
 * strippableByNode('/app/migrations/versions/a1_add.ts', "import { sql } from 'athanor'\nimport { x } from './x.js'") // false
 */
export function strippableByNode(file: string, source: string): boolean {
  // Node refuses TypeScript under node_modules; .cts is CommonJS, which scripts are not.
  if (file.split(/[\\/]/).includes('node_modules') || file.endsWith('.cts')) return false
  // A dynamic import runs after the module has started: too late to hand it to esbuild.
  if (/\bimport\s*\(/.test(source)) return false
  for (const [, , , specifier] of source.matchAll(SPECIFIER)) {
    if (/^(?:\.|\/|file:)/.test(specifier!)) return false
    if ((specifier === 'athanor' || specifier!.startsWith('athanor/')) && !importsRunningCopy(dirname(file))) return false
  }
  return true
}

const runningCopyByFolder = new Map<string, boolean>()

/** Whether `athanor`, imported from this folder, is the copy that is running. */
function importsRunningCopy(folder: string): boolean {
  let answer = runningCopyByFolder.get(folder)
  if (answer === undefined) {
    try {
      const found = createRequire(join(folder, 'noop.js')).resolve('athanor/package.json')
      answer = realpathSync(dirname(found)) === realpathSync(PACKAGE_ROOT)
    } catch {
      answer = false
    }
    runningCopyByFolder.set(folder, answer)
  }
  return answer
}

/** Codes Node gives a TypeScript module it will not load. */
const REFUSALS = new Set([
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_INVALID_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_MODULE_NOT_FOUND',
])

/**
 * Node failed the module while loading or linking it (a refusal, a parse
 * error, a missing named export), not while running it: a throw from the
 * module's own code has a stack frame in the module.
 */
function refusedBeforeRunning(error: unknown, url: string): boolean {
  const { code, name, stack } = (error ?? {}) as { code?: unknown; name?: unknown; stack?: unknown }
  if (!(typeof code === 'string' && REFUSALS.has(code)) && name !== 'SyntaxError') return false
  const frames = typeof stack === 'string' ? stack.split('\n').filter((line) => /^\s+at /.test(line)) : []
  return !frames.some((frame) => frame.includes(url))
}
