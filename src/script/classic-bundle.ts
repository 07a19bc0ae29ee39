import { Script } from 'node:vm'
import { BUNDLE_IMPORTS } from './bundle-imports.js'
import { compiledCodeKept, keepCompiledCode } from './code-cache.js'

/**
 * The first characters of a plan bundle that runs as a classic script: an
 * async function (so the scripts' top-level `await` stays valid) called
 * with the bundle's imports (see importsAsStandIns). They share the first
 * line with the bundle's own first line, so each line keeps the number its
 * source map gives it.
 */
const HEAD = `(async function (${BUNDLE_IMPORTS}) {"use strict";`

/** The end esbuild gives a bundle whose entry exports `modules`, with the line naming its map. */
const ESM_TAIL = /\nexport \{\n {2}modules\n\};\n(\/\/# sourceMappingURL=[^\n]*\n?)?$/

/**
 * esbuild's ES module bundle of a plan, written as a classic script that
 * returns `{ modules }` where the module exported it, on as many lines.
 * Undefined when the text is not such a bundle: it is then kept and
 * imported as the ES module it is.
 *
 * @example
 * classicBundle('// a.mjs\nvar modules = [];\nexport {\n  modules\n};\n')
 * // '(async function (__athanorBundleImports) {"use strict";// a.mjs\nvar modules = [];\nreturn { modules };\n\n});\n'
 */
export function classicBundle(esm: string): string | undefined {
  const tail = ESM_TAIL.exec(esm)
  if (tail === null || /^\s*(?:import|export)\b/m.test(esm.slice(0, tail.index))) return undefined
  return `${HEAD}${esm.slice(0, tail.index)}\nreturn { modules };\n\n});\n${tail[1] ?? ''}`
}

/** Whether `text` is a plan bundle {@link classicBundle} wrote. */
export function isClassicBundle(text: string): boolean {
  return text.startsWith(HEAD)
}

/**
 * Runs a classic plan bundle and returns its exports. Its compiled code is
 * read from the code cache beside it when V8 takes it, so neither the
 * bundle nor the scripts' functions are compiled again; otherwise the code
 * compiled by the end of this process is kept there for the next run.
 * Each import is the module Node gives `import()`.
 *
 * @example
 * declare const text: string // a bundle classicBundle wrote, read from its file
 * const exports = await runClassicBundle('/app/node_modules/.cache/athanor/plan-….mjs', text)
 * exports['modules'] // each script's exports, by its place in the plan
 */
export async function runClassicBundle(file: string, text: string): Promise<Record<string, unknown>> {
  const cachedData = compiledCodeKept(file)
  const script = new Script(text, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) })
  if (cachedData === undefined || script.cachedDataRejected === true) keepCompiledCode(file, script)
  const run = script.runInThisContext() as (imports: (specifier: string) => Promise<unknown>) => Promise<Record<string, unknown>>
  return run((specifier) => import(specifier))
}
