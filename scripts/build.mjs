// Compiles the library (dist/, with type declarations), then bundles the
// library and the CLI into dist/bundle/ with shared chunks: loading a few
// modules instead of ~150 saves most of a command's start-up, and scripts
// that import 'athanor' get the very classes the CLI runs with.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
// From scratch: a module moved or removed in src/ must not live on in dist/.
rmSync(join(root, 'dist'), { recursive: true, force: true })
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
if (compiled.status !== 0) process.exit(compiled.status ?? 1)

await build({
  entryPoints: { index: join(root, 'src', 'index.ts'), tools: join(root, 'src', 'tools.ts'), cli: join(root, 'src', 'cli', 'main.ts') },
  outdir: join(root, 'dist', 'bundle'),
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
})
