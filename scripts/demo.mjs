// The README's first Quickstart command: upgrade the example project's fresh
// SQLite database to head, then show where it stands.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const project = join(root, 'examples', 'quickstart')
const cli = join(root, 'bin', 'athanor.js')

rmSync(join(project, 'app.db'), { force: true })
for (const args of [['upgrade', 'head'], ['current', '-v'], ['history', '-i']]) {
  console.log(`\n$ athanor ${args.join(' ')}`)
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: project, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
