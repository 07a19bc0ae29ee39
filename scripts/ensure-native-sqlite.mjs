// The native SQLite driver the demo and the tests need: npm can skip a
// dependency's install script (an allowScripts policy), and no prebuilt
// binary can be downloaded here, so a missing build/Release/better_sqlite3.node
// is compiled from source. The checkout's own commands (npm test, npm run
// demo, .ci/run) call this; it is not an install script, so an app that
// installs the package never runs it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export function ensureNativeSqlite() {
  let binding
  try {
    binding = join(
      dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
  } catch {
    console.error("better-sqlite3 is not installed: run 'npm install' first")
    process.exit(1)
  }
  if (existsSync(binding)) return
  console.error('compiling better-sqlite3 from source (about a minute)')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['rebuild', 'better-sqlite3', '--build-from-source', '--foreground-scripts'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0 || !existsSync(binding)) {
    console.error(`${binding} is still missing after npm rebuild better-sqlite3`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureNativeSqlite()
