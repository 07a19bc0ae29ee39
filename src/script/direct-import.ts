import { createHash } from 'node:crypto'
import { builtinModules } from 'node:module'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { libraryEntryUrl, lightEntryUrl, modelsEntryUrl } from '../core/package-root.js'
import { sealedCacheEntry } from './sealed-cache.js'

/**
 * The fast way to import a TypeScript script: compile it here (or take it
 * from the cache) into a plain ES module file and import that, with no
 * loader hooks. Hooks run on a separate thread and cost two messages per
 * module, which was a third of a 1,000-revision upgrade.
 *
 * Only for modules whose imports survive the move to the cache folder:
 * `athanor` (pointed at the running copy) and Node's built-ins. A script
 * that imports a sibling file or a package, or uses `import.meta` beyond
 * `url`/`dirname`/`filename`, returns `undefined` and goes through the hooks,
 * as does one whose compiled form cannot be written to the cache.
 */
export async function compileForDirectImport(file: string, source: string, cacheDir: string | undefined): Promise<string | undefined> {
  if (!cacheDir) return undefined
  const library = libraryEntryUrl().href
  const key = createHash('sha256').update(`${COMPILED_FORMAT}\0${library}\0${file}\0${source}`).digest('hex').slice(0, 40)
  const compiled = join(cacheDir, `${key}.mjs`)
  // Synchronous on purpose: a thousand small async file operations cost
  // more in promise and thread-pool round trips than the reads themselves.
  if (existsSync(compiled)) return compiled
  const code = await compileMovable(file, source, library)
  if (code === undefined) return undefined
  const { version } = await import('esbuild')
  const temporary = `${compiled}.${process.pid}.${version}.tmp`
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 })
    // Only this user may read what a script holds.
    await writeFile(temporary, code, { mode: 0o600 })
    await rename(temporary, compiled)
  } catch {
    // A full disk or a read-only cache only costs speed: the loader hooks
    // compile the script instead. No half-written file may stay behind.
    await rm(temporary, { force: true }).catch(() => undefined)
    return undefined
  }
  return compiled
}

/**
 * The same compile, imported from memory as a `data:` URL: for a module
 * whose text must not reach the disk readable (the config, which may hold a
 * password). With a cache folder the compiled text is kept there sealed
 * under a key only its source gives (see sealedCacheEntry), so a config
 * that has not changed is not compiled again: starting esbuild for it was
 * most of a quick command's time. `undefined` when the module cannot move
 * (see {@link compileForDirectImport}).
 *
 * @example
 * const url = await compileInMemory('/app/migrations/athanor.config.ts', "export default { url: 'sqlite:///app.db' }", undefined)
 */
export async function compileInMemory(file: string, source: string, cacheDir: string | undefined): Promise<string | undefined> {
  const library = libraryEntryUrl().href
  const sealed = cacheDir === undefined ? undefined : sealedCacheEntry(cacheDir, `${COMPILED_FORMAT}\0${library}\0${file}\0${source}`)
  let code = sealed?.read()
  if (code === undefined) {
    code = await compileMovable(file, source, library)
    if (code === undefined) return undefined
    sealed?.write(code)
  }
  return `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
}

async function compileMovable(file: string, source: string, library: string): Promise<string | undefined> {
  const { transform } = await import('esbuild')
  const url = pathToFileURL(file).href
  const output = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: file,
    sourcemap: 'inline',
    // Node parses the map of every module it loads; stack traces need only
    // the mappings, and a debugger finds the script by the path the map names.
    sourcesContent: false,
    // The compiled copy lives elsewhere; the script must still see its own location.
    define: {
      'import.meta.url': JSON.stringify(url),
      'import.meta.filename': JSON.stringify(file),
      'import.meta.dirname': JSON.stringify(join(file, '..')),
    },
  })
  return relocate(output.code, library)
}

/** Bumped when the compiled form changes, so old cache entries are not reused. */
export const COMPILED_FORMAT = 4

const BUILTINS = new Set(builtinModules)
const STATIC_SPECIFIER = /^(\s*(?:import|export)\b[^'"`;]*?\bfrom\s*|\s*import\s*)"([^"]+)"/gm

/**
 * What src/light.ts exports: a module that imports nothing else from
 * `athanor` is pointed at that entry, not at the whole library
 * (test/script/light-entry.test.ts checks the two lists agree).
 */
export const LIGHT_EXPORTS: ReadonlySet<string> = new Set([
  'defineConfig',
  'env',
  'parseDatabaseUrl',
  'redactUrl',
  't',
  'sql',
  'AthanorError',
  'isAthanorError',
  'ERROR_CODES',
  'errorCodeInfo',
  'AmbiguousRevisionError',
  'ConnectionError',
  'LockTimeoutError',
  'MigrationFailedError',
  'MultipleHeadsError',
  'RevisionNotFoundError',
  'SqlError',
  'UnresolvedMigrationError',
])

/** `import { a, b as c } from ` as esbuild prints it: the names imported, or `undefined` for any other form. */
function namedImports(head: string): string[] | undefined {
  const clause = /^\s*import\s*\{([^}]*)\}\s*from\s*$/.exec(head)?.[1]
  if (clause === undefined) return undefined
  return clause
    .split(',')
    .map((item) => item.trim().split(/\s+as\s+/)[0]!)
    .filter((name) => name !== '')
}

/**
 * What src/models-entry.ts exports: the light entry's names and the schema
 * DSL. A models file that imports nothing else from `athanor` is pointed at
 * that entry (test/script/light-entry.test.ts checks the lists agree).
 */
export const MODELS_EXPORTS: ReadonlySet<string> = new Set([
  ...LIGHT_EXPORTS,
  'check',
  'col',
  'ColumnBuilder',
  'defineModels',
  'extension',
  'foreignKey',
  'index',
  'partition',
  'pgComposite',
  'pgDomain',
  'pgRange',
  'pgEnum',
  'policy',
  'routine',
  'sequence',
  'table',
  'trigger',
  'unique',
  'view',
])

/** The entry an `import … from 'athanor'` is pointed at: the smallest that has every name imported. */
function athanorEntry(head: string, library: string): string {
  const names = namedImports(head)
  if (names === undefined) return library
  if (names.every((name) => LIGHT_EXPORTS.has(name))) return lightEntryUrl().href
  if (names.every((name) => MODELS_EXPORTS.has(name))) return modelsEntryUrl().href
  return library
}

/** The code with `athanor` pointed at the running copy; `undefined` if it cannot move. */
function relocate(code: string, library: string): string | undefined {
  // Dynamic imports, require and other import.meta uses resolve against the
  // file's own location, which the copy does not have.
  const body = code.replace(/\/\/# sourceMappingURL=.*$/m, '')
  if (/\bimport\s*\(/.test(body) || /\bimport\.meta\b/.test(body) || /\brequire\s*\(/.test(body)) return undefined
  let movable = true
  const rewritten = code.replace(STATIC_SPECIFIER, (whole, head: string, specifier: string) => {
    if (specifier === 'athanor') return `${head}"${athanorEntry(head, library)}"`
    if (specifier.startsWith('node:') || BUILTINS.has(specifier)) return whole
    movable = false
    return whole
  })
  return movable ? rewritten : undefined
}
