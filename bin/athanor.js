#!/usr/bin/env node
// The CLI runs from the compiled dist/ (built by `npm install`'s prepare step).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/bundle/cli.js', import.meta.url)
if (!existsSync(entry)) {
  console.error("error: athanor is not built: run 'npm install' (or 'npm run build') in the athanor package")
  process.exit(1)
}
const { main, exitOnStrayFailure } = await import(entry.href)
const io = { stdout: process.stdout, stderr: process.stderr, env: process.env }
exitOnStrayFailure(io)
// Taken now: while a script runs, process.exit is a throw.
const exit = process.exit.bind(process)
const status = await main(process.argv.slice(2), io)
process.exitCode = status
// A migration stopped midway (a signal, stepTimeout) may leave a timer of
// its own behind, which would keep the process alive after the command
// ended; an unref'd timer fires only if something does.
if (status !== 0) setTimeout(() => exit(status), 200).unref()
