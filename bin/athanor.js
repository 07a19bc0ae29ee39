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
process.exitCode = await main(process.argv.slice(2), io)
