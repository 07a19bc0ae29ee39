import { readFileSync } from 'node:fs'
import { relative } from 'node:path'

/** The export of a plan bundle that holds each script's exports, by the script's place in the plan. */
export const BUNDLED_MODULES = 'modules'

/**
 * The entry module of a plan bundle: each compiled script's exports
 * imported by name and gathered into one plain object per script, in an
 * array indexed by the script's place in the plan (holes for the scripts
 * left out). `export * as` would give each script a namespace object with a
 * getter closure per export and keep every script's bindings in the
 * bundle's scope, about 10 KB a script that a 1,000-revision upgrade holds
 * for its whole run; named imports let the bundler hoist each script's code
 * as it is, and the object holds only the values. A script that re-exports
 * `*` from another module is left out: its names are known only once that
 * module loads, so it is imported on its own.
 *
 * @example
 * import { compileCacheDir } from './compile-cache-dir.js'
 * const cacheDir = compileCacheDir() ?? '/tmp'
 * const entry = await bundleEntry(new Map([[0, `${cacheDir}/3f1c….mjs`]]), cacheDir)
 * // import { downgrade as s0_0, revision as s0_1, upgrade as s0_2 } from "…/3f1c….mjs"
 * // export const modules = [{ downgrade: s0_0, revision: s0_1, upgrade: s0_2 }]
 */
export async function bundleEntry(compiled: ReadonlyMap<number, string>, cacheDir: string): Promise<string | undefined> {
  const named = [...compiled].filter(([, file]) => !/^export \* from /m.test(readFileSync(file, 'utf8')))
  if (named.length === 0) return undefined
  const exported = await exportNames(
    named.map(([, file]) => file),
    cacheDir,
  )
  const imports: string[] = []
  const slots: string[] = []
  for (const [index, file] of named) {
    const names = exported.get(relative(cacheDir, file))
    // A name that is no identifier (`export { x as "a-b" }`) stays with its own import.
    if (names === undefined || !names.every((name) => IDENTIFIER.test(name))) continue
    const local = (at: number) => `s${index}_${at}`
    imports.push(`import { ${names.map((name, at) => `${name} as ${local(at)}`).join(', ')} } from ${JSON.stringify(file)}`)
    slots[index] = `{ ${names.map((name, at) => `${name}: ${local(at)}`).join(', ')} }`
  }
  const array = Array.from({ length: slots.length }, (_, index) => slots[index] ?? '')
  return `${imports.join('\n')}\nexport const ${BUNDLED_MODULES} = [${array.join(',\n')}]\n`
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** Each compiled module's export names, by its path relative to the cache, as esbuild reads them without running anything. */
async function exportNames(files: readonly string[], cacheDir: string): Promise<Map<string, readonly string[]>> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [...files],
    absWorkingDir: cacheDir,
    bundle: false,
    write: false,
    metafile: true,
    format: 'esm',
    outdir: cacheDir,
    outExtension: { '.js': '.exports.mjs' },
    logLevel: 'silent',
  })
  const names = new Map<string, readonly string[]>()
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint !== undefined) names.set(output.entryPoint, output.exports)
  }
  return names
}
