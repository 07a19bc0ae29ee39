#!/usr/bin/env node
// The CLI runs from the compiled dist/. An installed copy ships it; a checkout
// builds it on first use (`npm run build` rebuilds it after a change), so
// `node bin/athanor.js` works right after `npm install` without an install
// script, which every application installing athanor would have to approve.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/bundle/cli.js', import.meta.url)
const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))
if (!existsSync(entry) && existsSync(buildScript)) {
  console.error('athanor: building dist/ from src/ (first run in this checkout)')
  // Imported only here: child_process (and net beneath it) is a good part of a command's start-up.
  const { spawnSync } = await import('node:child_process')
  const built = spawnSync(process.execPath, [buildScript], { stdio: ['ignore', 2, 2] })
  if (built.status !== 0) process.exit(built.status ?? 1)
}
if (!existsSync(entry)) {
  console.error(
    'error: this copy of athanor has no dist/: install it from a tarball (npm pack in a checkout makes one), not from a git URL',
  )
  process.exit(1)
}
const { main, exitOnStrayFailure } = await import(entry.href)
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env }
exitOnStrayFailure(io)
// Taken now: while a script runs, process.exit is a throw.
const exit = process.exit.bind(process)
const status = await main(process.argv.slice(2), io)
process.exitCode = status
// A migration stopped midway (a signal, stepTimeout), or a script that
// `current` planned, may leave a timer of its own behind, which would keep
// the process alive after the command ended; an unref'd timer fires only
// if something does.
setTimeout(() => exit(status), 200).unref()
