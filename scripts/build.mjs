// Compiles the library (dist/, with type declarations), then bundles the
// library and the CLI into dist/bundle/ with shared chunks: loading a few
// modules instead of ~150 saves most of a command's start-up, and scripts
// that import 'athanor' get the very classes the CLI runs with.
//
// What the package ships (package.json "files") is dist/bundle/, the type
// declarations, and the TypeScript loader hooks, which Node loads by path on
// its loader thread and so are bundled into one file of their own. The
// per-file JavaScript tsc writes next to the declarations stays in the
// checkout. No source maps are shipped: the bundle is not minified, so a
// --verbose stack trace reads as it is.
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
// From scratch: a module moved or removed in src/ must not live on in dist/.
rmSync(join(root, 'dist'), { recursive: true, force: true })
// --no-check: emit without type-checking, for a caller that type-checks the
// whole project itself next (scripts/run-tests.mjs): the same files, in half the time.
const check = !process.argv.includes('--no-check')
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...(check ? [] : ['--noCheck'])], {
  cwd: root,
  stdio: 'inherit',
})
if (compiled.status !== 0) process.exit(compiled.status ?? 1)
removeUnreachableDeclarations(['index.d.ts', 'tools.d.ts'].map((entry) => join(root, 'dist', entry)))

const shared = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' }

await build({
  ...shared,
  entryPoints: {
    index: join(root, 'src', 'index.ts'),
    tools: join(root, 'src', 'tools.ts'),
    cli: join(root, 'src', 'cli', 'main.ts'),
    // What a config file's `import { defineConfig, env } from 'athanor'` loads (see src/light.ts).
    light: join(root, 'src', 'light.ts'),
    // What a models file's `import { col, table } from 'athanor'` loads (see src/models-entry.ts).
    models: join(root, 'src', 'models-entry.ts'),
  },
  outdir: join(root, 'dist', 'bundle'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
})

// Where core/package-root.ts looks for it (ownModuleUrl('script/ts-loader-hooks')).
const hooks = join(root, 'dist', 'script', 'ts-loader-hooks.js')
rmSync(`${hooks}.map`, { force: true })
await build({ ...shared, entryPoints: [join(root, 'src', 'script', 'ts-loader-hooks.ts')], outfile: hooks, allowOverwrite: true })

/**
 * Deletes the declaration files that neither entry point's types reach (the
 * CLI's, the drivers'), so the package ships only the types a consumer's
 * compiler reads.
 */
function removeUnreachableDeclarations(entries) {
  const options = { noEmit: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
  const program = ts.createProgram(entries, options)
  const reached = new Set(program.getSourceFiles().map((file) => resolve(file.fileName)))
  for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
    const path = join(root, 'dist', file)
    if (path.endsWith('.d.ts') && !reached.has(path)) rmSync(path)
  }
}
