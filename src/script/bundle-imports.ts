import type { Plugin } from 'esbuild'

/**
 * The name a classic plan bundle (see classicBundle) is given its imports
 * by: a function from a specifier to that module's namespace.
 */
export const BUNDLE_IMPORTS = '__athanorBundleImports'

/** esbuild's namespace for the stand-ins of the modules a bundle imports. */
const STAND_IN = 'athanor-bundle-import'

/**
 * An esbuild plugin that leaves no import in a plan bundle: each module the
 * compiled scripts import (`athanor`, pointed at the running copy, and
 * Node's built-ins: all a compiled copy may import, see
 * compileForDirectImport) becomes a stand-in module that awaits the real
 * one from {@link BUNDLE_IMPORTS} and re-exports each of its names, read
 * here from the module itself. A bundle without
 * imports runs as a classic script, whose compiled code V8 can keep
 * between runs; an ES module's it cannot, on Node 20.
 *
 * @example
 * const plugin = importsAsStandIns('/home/me/app/node_modules/.cache/athanor')
 */
export function importsAsStandIns(cacheDir: string): Plugin {
  return {
    name: 'imports-as-stand-ins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (args.path.startsWith(cacheDir) ? undefined : { path: args.path, namespace: STAND_IN }))
      build.onLoad({ filter: /.*/, namespace: STAND_IN }, async (args) => {
        const namespace = (await import(args.path)) as object
        return { contents: standIn(args.path, Object.keys(namespace)), loader: 'js' }
      })
    },
  }
}

/** The stand-in for `specifier`, exporting `names` as the module does (`default` among them). */
function standIn(specifier: string, names: readonly string[]): string {
  const values = names.map((name, at) => `v${at} = m[${JSON.stringify(name)}]`)
  const exported = names.map((name, at) => `v${at} as ${JSON.stringify(name)}`)
  return [
    `const m = await ${BUNDLE_IMPORTS}(${JSON.stringify(specifier)})`,
    ...(values.length === 0 ? [] : [`const ${values.join(', ')}`, `export { ${exported.join(', ')} }`]),
  ].join('\n')
}
