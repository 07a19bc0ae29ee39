// The README's first Quickstart command: the MARS-labs reference application
// (examples/mars-labs, three SQLite databases in one migrations folder) is
// upgraded from empty databases to head, then `current` and `history` show
// where it stands.
//
//   node scripts/demo.mjs [EXAMPLE_DIR]
import { spawnSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureNativeSqlite } from './ensure-native-sqlite.mjs'

ensureNativeSqlite()
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const project = resolve(process.argv[2] ?? join(root, 'examples', 'mars-labs'))
const cli = join(root, 'bin', 'athanor.js')

// Start from empty databases, so the whole history runs.
const instance = join(project, 'instance')
for (const name of readdirSync(instance)) {
  if (/\.db(-athanor-lock|-journal|-wal|-shm)?$/.test(name)) rmSync(join(instance, name), { force: true })
}
for (const args of [['upgrade', 'head'], ['current'], ['history', '-i']]) {
  console.log(`\n$ athanor ${args.join(' ')}`)
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: project, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
