import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { settleOrFail } from '../core/never-settles.js'
import { withoutProcessExit } from '../core/thrown.js'
import { libraryEntryUrl } from '../core/package-root.js'
import { BUNDLED_MODULES, bundleEntry } from './bundle-entry.js'
import { importsAsStandIns } from './bundle-imports.js'
import { classicBundle, isClassicBundle, runClassicBundle } from './classic-bundle.js'
import { COMPILED_FORMAT, compileForDirectImport } from './direct-import.js'
import { importModule } from './import-module.js'
import { typeScriptLoader } from './typescript-loader.js'
import type { Plugin } from 'esbuild'

/** A script of the plan: its file and the checksum of its text (which the directory has already computed). */
export interface BundledScript {
  readonly source: string
  readonly checksum: string
}

/** Below this many scripts to import, a plan imports them one by one: the bundle would gain nothing a person could notice. */
export const BUNDLE_FROM_SCRIPTS = 50

/** Bumped when the bundle's form changes, so old bundles are not reused. */
const BUNDLE_FORMAT = 3

/**
 * The modules of many TypeScript scripts imported as one cached module:
 * Node spends most of a 1,000-script import resolving, reading and linking
 * each module apart (two thirds of `lint` over such a chain), and one module
 * holding them all costs a single import. It runs as a classic script
 * where it can (see classicBundle), whose compiled code V8 keeps between
 * runs: compiling the bundle and each script's functions on their first
 * call was a tenth of a 1,000-revision SQLite upgrade. The bundle is named by the
 * scripts' paths and checksums, so a run on a warm cache reads no script
 * text at all; a script whose compiled form cannot move to the cache (see
 * `compileForDirectImport`) is left out and imported on its own. Returns
 * each bundled script's exports by its file; an empty map when there is no
 * cache, Node strips the types itself, or the bundle fails to load (the
 * scripts are then imported one by one, whose errors name the script).
 *
 * @example
 * import { currentCompileCacheDir } from './compile-cache-dir.js'
 * import { ScriptDirectory } from './script-directory.js'
 * const scripts = await ScriptDirectory.open('migrations')
 * const modules = await importBundled(scripts.scripts, currentCompileCacheDir())
 * modules.get('/app/migrations/versions/ae1027a6acf0_add_email.ts')?.['revision'] // 'ae1027a6acf0'
 */
export async function importBundled(
  scripts: readonly BundledScript[],
  cacheDir: string | undefined,
): Promise<Map<string, Record<string, unknown>>> {
  const bundled = new Map<string, Record<string, unknown>>()
  const typescript = scripts.filter((script) => /\.(?:ts|mts|cts)$/.test(script.source))
  if (cacheDir === undefined || typescript.length === 0 || typeScriptLoader() !== 'esbuild') return bundled
  const library = libraryEntryUrl().href
  const hash = createHash('sha256').update(`${BUNDLE_FORMAT}\0${COMPILED_FORMAT}\0${library}`)
  for (const script of typescript) hash.update(`\0${script.source}\0${script.checksum}`)
  // Named by the folders too, so a new bundle of a project replaces its last one instead of piling up beside it.
  const folders = createHash('sha256').update([...new Set(typescript.map((script) => dirname(script.source)))].sort().join('\0'))
  const prefix = `plan-${folders.digest('hex').slice(0, 12)}-`
  const file = join(cacheDir, `${prefix}${hash.digest('hex').slice(0, 40)}.mjs`)
  if (!existsSync(file)) {
    if (!(await writeBundle(file, typescript, cacheDir))) return bundled
    await removeOlderBundles(cacheDir, prefix, file)
  }
  let exports: Record<string, unknown>
  try {
    const text = readFileSync(file, 'utf8')
    exports = isClassicBundle(text) ? await runOnce(file, text) : await importModule(file)
  } catch {
    return bundled
  }
  const modules = exports[BUNDLED_MODULES] as readonly (Record<string, unknown> | undefined)[] | undefined
  typescript.forEach((script, index) => {
    const module = modules?.[index]
    if (module !== undefined) bundled.set(script.source, module)
  })
  return bundled
}

/** A classic bundle run as importModule runs a module: a `process.exit` in it, or a wait nothing can end, fails it. */
function runOnce(file: string, text: string): Promise<Record<string, unknown>> {
  return settleOrFail(
    withoutProcessExit(file, () => runClassicBundle(file, text)),
    () => new AthanorError('NEVER_SETTLED', `${file} never finished loading`),
  )
}

/**
 * The project's bundles other than `kept`, with their maps and code caches. A run still importing one of
 * them reads it through its open file; one about to import it finds it
 * gone and imports each script on its own.
 */
async function removeOlderBundles(cacheDir: string, prefix: string, kept: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [])
  const older = names.filter((name) => name.startsWith(prefix) && !name.startsWith(basename(kept)))
  await Promise.all(older.map((name) => rm(join(cacheDir, name), { force: true }).catch(() => undefined)))
}

/** Compiles each script into the cache (as a single import would) and bundles the movable ones; `false` when nothing was written. */
async function writeBundle(file: string, scripts: readonly BundledScript[], cacheDir: string): Promise<boolean> {
  const compiled = new Map<number, string>()
  for (const [index, script] of scripts.entries()) {
    const found = await compileForDirectImport(script.source, readFileSync(script.source, 'utf8'), cacheDir)
    if (found !== undefined) compiled.set(index, found)
  }
  const temporary = `${file}.${process.pid}.tmp`
  try {
    const entry = await bundleEntry(compiled, cacheDir)
    if (entry === undefined) return false
    // A script importing a name its module lacks fails the stand-ins' build; as an ES module it fails at import, naming the script.
    const classic = await bundled(entry, file, cacheDir, importsAsStandIns(cacheDir)).catch(() => undefined)
    const classicCode = classic && classicBundle(classic.code)
    const output = classicCode ? { code: classicCode, map: classic.map } : await bundled(entry, file, cacheDir, importsKept(cacheDir))
    if (output === undefined) return false
    const { code, map } = output
    // The map first: a bundle is only used once it exists, and then its map must too.
    await writeFile(temporary, map, { mode: 0o600 })
    await rename(temporary, `${file}.map`)
    await writeFile(temporary, code, { mode: 0o600 })
    await rename(temporary, file)
    return true
  } catch {
    // A bundle is only speed: without one each script is imported on its own.
    await rm(temporary, { force: true }).catch(() => undefined)
    return false
  }
}

/** The bundle esbuild makes of `entry` for `file`, with its map; undefined when it made no such pair. */
async function bundled(entry: string, file: string, cacheDir: string, imports: Plugin): Promise<{ code: string; map: string } | undefined> {
  const { build } = await import('esbuild')
  const output = await build({
    stdin: { contents: entry, resolveDir: cacheDir, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    outfile: file,
    // The compiled scripts' own maps are chained, so a frame in the bundle
    // leads back to the script's line; in a file of its own, as Node would
    // otherwise scan half a megabyte of map with every import of the bundle.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [imports],
  })
  const code = output.outputFiles?.find((written) => written.path === file)?.text
  const map = output.outputFiles?.find((written) => written.path === `${file}.map`)?.text
  return code === undefined || map === undefined ? undefined : { code, map }
}

/** athanor (the running copy) and Node's built-ins stay imports of an ES module bundle. */
function importsKept(cacheDir: string): Plugin {
  return {
    name: 'only-compiled-scripts',
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => (args.path.startsWith(cacheDir) ? undefined : { path: args.path, external: true }))
    },
  }
}
