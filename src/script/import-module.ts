import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { AthanorError } from '../core/errors.js'
import { settleOrFail } from '../core/never-settles.js'
import { withoutProcessExit } from '../core/thrown.js'
import { libraryEntryUrl, ownModuleUrl } from '../core/package-root.js'
import { currentCompileCacheDir } from './compile-cache-dir.js'
import { isCompiledCopy, originalLine, originalStack } from './compiled-stack.js'
import { compileForDirectImport, compileInMemory } from './direct-import.js'
import { importWithTypeStripping } from './node-type-stripping.js'
import { typeScriptLoader } from './typescript-loader.js'

/** How {@link importModule} treats a module. */
export interface ImportOptions {
  /**
   * The module's text may hold a secret (the config, a password): its
   * compiled form is kept in the cache only sealed (see sealedCacheEntry).
   */
  readonly secret?: boolean
}

let hooksRegistered = false

function ensureTypeScriptHooks(): void {
  if (hooksRegistered) return
  hooksRegistered = true
  const data = { selfUrl: libraryEntryUrl().href, cacheDir: currentCompileCacheDir() }
  register(ownModuleUrl('script/ts-loader-hooks'), { data })
  enableSourceMaps()
}

let sourceMapsEnabled = false

/** Stack traces then point at the TypeScript lines users wrote. Once: each call resets Node's stack formatting. */
function enableSourceMaps(): void {
  if (sourceMapsEnabled) return
  sourceMapsEnabled = true
  process.setSourceMapsEnabled(true)
}

/**
 * Imports a user module (script, config, models) written in TypeScript or
 * JavaScript. Failures become one-line errors naming the file and line; a
 * top-level await that nothing can settle becomes `NEVER_SETTLED`, naming
 * the file, where Node would end the process with status 13 and no word.
 *
 * @example
 * const script = await importModule('/app/migrations/versions/ae1027a6acf0_add_email.ts')
 */
export async function importModule(file: string, options: ImportOptions = {}): Promise<Record<string, unknown>> {
  return settleOrFail(
    withoutProcessExit(file, () => importOnce(file, options)),
    () => neverLoaded(file),
  )
}

function neverLoaded(file: string): AthanorError {
  return new AthanorError(
    'NEVER_SETTLED',
    `${file} never finished loading: its top-level code awaits a promise that nothing left can settle ` +
      '(no timer, connection or other work is pending)',
  )
}

async function importOnce(file: string, options: ImportOptions): Promise<Record<string, unknown>> {
  const loader = /\.(?:ts|mts|cts)$/.test(file) ? typeScriptLoader() : undefined
  try {
    if (loader === undefined) return (await import(pathToFileURL(file).href)) as Record<string, unknown>
    const source = readFileSync(file, 'utf8')
    if (loader === 'node') {
      const stripped = await importWithTypeStripping(file, source)
      if (stripped) return stripped
    }
    return await importCompiledByEsbuild(file, source, options, loader === 'node')
  } catch (error) {
    throw describeImportFailure(file, error)
  }
}

/**
 * esbuild's three ways, fastest first: compiled in memory (the config, whose
 * text must not reach the disk readable; cached sealed), compiled into the
 * cache and imported from there, or through the loader hooks. `afterNode` when Node already tried
 * the file: its failed load stays in Node's module map under the file's URL,
 * so the hooks get the file under a URL of its own.
 */
async function importCompiledByEsbuild(
  file: string,
  source: string,
  options: ImportOptions,
  afterNode: boolean,
): Promise<Record<string, unknown>> {
  if (options.secret === true) {
    const inMemory = await compileInMemory(file, source, currentCompileCacheDir())
    if (inMemory) return (await import(inMemory)) as Record<string, unknown>
  }
  const compiled = await compileForDirectImport(file, source, options.secret === true ? undefined : currentCompileCacheDir())
  // No source maps here: a stack that is shown is mapped back by originalStack.
  if (compiled) return (await import(pathToFileURL(compiled).href)) as Record<string, unknown>
  ensureTypeScriptHooks()
  const url = pathToFileURL(file)
  if (afterNode) url.search = '?athanor-loader=esbuild'
  return (await import(url.href)) as Record<string, unknown>
}

function describeImportFailure(file: string, error: unknown): AthanorError {
  const err = error as { message?: string; stack?: string; name?: string; errors?: unknown }
  const stack = typeof err?.stack === 'string' ? originalStack(err.stack) : undefined
  const message = String(err?.message ?? error)
  // esbuild: "Transform failed with 1 error:\n/path/x.ts:3:0: ERROR: Unexpected ..."
  const transformed = /^(.+?):(\d+):(\d+): ERROR: (.*)$/m.exec(message)
  if (transformed) {
    return new AthanorError('SCRIPT_SYNTAX', `${transformed[1]}:${transformed[2]}: syntax error: ${transformed[4]}`, { cause: error })
  }
  if (err?.name === 'SyntaxError') {
    const location = syntaxErrorLocation(stack, file)
    // Node reports a name a module does not export as a SyntaxError, when linking; the text is fine.
    if (MISSING_EXPORT.test(message)) {
      return new AthanorError('SCRIPT_IMPORT', `${location}: ${withPackageName(message.split('\n')[0]!)}`, { cause: error })
    }
    return new AthanorError('SCRIPT_SYNTAX', `${location}: syntax error: ${message}`, { cause: error })
  }
  if ((error as { code?: string })?.code === 'ERR_MODULE_NOT_FOUND') {
    return new AthanorError('SCRIPT_IMPORT', `${file}: ${message.split('\n')[0]}`, { cause: error })
  }
  const line = lineInFile(stack, file)
  return new AthanorError('SCRIPT_LOAD', `${file}${line ? `:${line}` : ''}: error while loading: ${message.split('\n')[0]}`, {
    cause: error,
  })
}

/** Node's words for an import of a name the module does not export (an ES module's, then a CommonJS module's). */
const MISSING_EXPORT = /does not provide an export named|^Named export '[^']*' not found/

/**
 * Where Node says a SyntaxError is: the stack's first `file:line`, which for
 * a compiled copy of a TypeScript file is mapped back to the user's file and
 * line (the copy is nothing the user wrote), else the file being imported.
 */
function syntaxErrorLocation(stack: string | undefined, file: string): string {
  const where = /^(file:\/\/\/?[^\s:]+|\/[^\s:]+):(\d+)/m.exec(stack ?? '')
  if (!where) return file
  const path = where[1]!.replace(/^file:\/\//, '')
  if (!isCompiledCopy(path)) return `${path}:${where[2]}`
  const original = originalLine(path, Number(where[2]))
  return original ? `${original.file}:${original.line}` : file
}

/** Modules as the user knows them: athanor by its package name, not the URL of its bundle; a file by its path. */
function withPackageName(message: string): string {
  return message
    .replaceAll(`'${libraryEntryUrl().href}'`, "'athanor'")
    .replace(/'(file:\/\/[^'?#]+)'/g, (_whole, url: string) => `'${fileURLToPath(url)}'`)
}

function lineInFile(stack: string | undefined, file: string): string | undefined {
  if (!stack) return undefined
  for (const frame of stack.split('\n')) {
    const at = frame.indexOf(file)
    if (at >= 0) return /^:(\d+)/.exec(frame.slice(at + file.length))?.[1]
  }
  return undefined
}
