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
run([join(root, 'scripts', 'build.mjs')], 'build')
run([tsc, '-p', 'tsconfig.json', '--noEmit'], 'type-check')
run([biome, 'check', '--no-errors-on-unmatched'], 'lint and format')
const files = only.length > 0 ? only : testFiles(join(root, 'test'))
run(['--import', 'tsx', '--test', '--test-concurrency=2', ...files], 'tests')
