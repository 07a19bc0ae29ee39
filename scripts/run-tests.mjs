// The whole test suite: compile (the CLI runs from dist/), type-check every
// source and test under the strict settings, lint and check the formatting
// (Biome, biome.json), then run each test file with node's test runner,
// whose closing lines report the counts.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureNativeSqlite } from './ensure-native-sqlite.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome')

function run(args, label) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`${label} failed`)
    process.exit(result.status ?? 1)
  }
}

function testFiles(dir) {
  const found = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') found.push(...testFiles(path))
    } else if (name.endsWith('.test.ts')) found.push(relative(root, path))
  }
  return found
}

const only = process.argv.slice(2)
ensureNativeSqlite()
// The build only emits: the type-check after it covers src/ and the tests.
run([join(root, 'scripts', 'build.mjs'), '--no-check'], 'build')
run([tsc, '-p', 'tsconfig.json', '--noEmit'], 'type-check')
run([biome, 'check', '--no-errors-on-unmatched'], 'lint and format')
const files = only.length > 0 ? only : testFiles(join(root, 'test'))
// The Galera test files run two at a time, and each would start the cluster when it is not running:
// two starts at once stop each other's nodes, and the first file to end would stop the cluster under
// the other. Started here once, for all of them, and stopped here if it was not running before.
const galeraStarted = files.some((file) => relative('test', file).startsWith(join('cluster', 'galera'))) && startGalera()
const tests = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit' })
if (galeraStarted) spawnSync('bash', [join(root, 'scripts', 'start-galera.sh'), 'stop'], { cwd: root, stdio: 'ignore' })
if (tests.status !== 0) console.error('tests failed')
process.exit(tests.status ?? 1)

/** Starts the cluster unless it runs; whether this call started it. A failure is left to the tests, which name it. */
function startGalera() {
  const started = spawnSync('bash', [join(root, 'scripts', 'start-galera.sh')], { cwd: root, encoding: 'utf8' })
  if (started.status !== 0) {
    process.stderr.write(started.stderr)
    return false
  }
  return !started.stdout.includes('already running')
}
