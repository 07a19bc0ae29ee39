// Rewrites the outputs shown in examples/mars-labs/README.md with what the
// commands print today, after a deliberate change to athanor's output:
//
//   node --import tsx test/examples/update-readme.ts [--migrations]
//
// --migrations also replaces the example's committed migrations folder with
// the one the walk-through just made, keeping README and folder in step
// (their revision ids must agree). Review the diff before committing.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { copyExampleForWalkthrough, README, SHOWN_DIR } from './mars-labs-readme.js'
import { readmeSteps } from './readme-steps.js'
import { replayReadme } from './walkthrough.js'
import { EXAMPLE_DIR, removeWorkDir } from './mars-labs-app.js'

const dir = copyExampleForWalkthrough()
try {
  const { mismatches, ids } = replayReadme(README, dir, SHOWN_DIR)
  const byLine = new Map(mismatches.map((m) => [m.line, m]))
  const lines = readFileSync(README, 'utf8').split('\n')
  // From the bottom up, so earlier line numbers stay valid.
  const commands = readmeSteps(lines.join('\n'))
    .flatMap((s) => (s.kind === 'console' ? s.commands : []))
    .reverse()
  for (const command of commands) {
    const mismatch = byLine.get(command.line)
    if (!mismatch) continue
    const outputLines = command.expected === '' ? 0 : command.expected.split('\n').length
    const actual = mismatch.actual === '' ? [] : mismatch.actual.split('\n')
    lines.splice(command.line, outputLines, ...actual)
  }
  writeFileSync(README, lines.join('\n'))
  console.log(`${mismatches.length} output(s) rewritten`)
  if (process.argv.includes('--migrations')) {
    // Under the README's revision ids, which this run paired with its own.
    const target = join(EXAMPLE_DIR, 'migrations')
    rmSync(target, { recursive: true, force: true })
    cpSync(join(dir, 'migrations'), target, { recursive: true })
    const versions = join(target, 'versions')
    for (const name of readdirSync(versions)) {
      const text = readFileSync(join(versions, name), 'utf8')
      rmSync(join(versions, name))
      writeFileSync(join(versions, ids.toReadme(name)), ids.toReadme(text))
    }
    console.log('migrations folder replaced')
  }
} finally {
  removeWorkDir(dir)
}
