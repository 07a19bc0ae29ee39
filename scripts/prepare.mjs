// Runs after `npm install` at the repository root: makes sure the native
// SQLite driver was really compiled (npm can skip dependency install scripts
// under an allowScripts policy, and no prebuilt binary can be downloaded
// here), then compiles the TypeScript sources so bin/athanor.js works at once.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false })
  if (result.status !== 0) {
    console.error(`prepare: ${command} ${args.join(' ')} failed with status ${result.status}`)
    process.exit(result.status ?? 1)
  }
}

function nativeSqliteBinding() {
  try {
    const pkg = dirname(require.resolve('better-sqlite3/package.json'))
    return join(pkg, 'build', 'Release', 'better_sqlite3.node')
  } catch {
    return null
  }
}

const binding = nativeSqliteBinding()
if (binding && !existsSync(binding)) {
  console.log('prepare: compiling better-sqlite3 from source (about a minute)')
  run('npm', ['rebuild', 'better-sqlite3', '--build-from-source', '--foreground-scripts'])
  if (!existsSync(binding)) {
    console.error(`prepare: ${binding} is still missing after the rebuild`)
    process.exit(1)
  }
}

// An installed copy ships dist/; a checkout builds it (typescript is a dev dependency).
if (existsSync(join(root, 'node_modules', 'typescript'))) run(process.execPath, [join(root, 'scripts', 'build.mjs')])
