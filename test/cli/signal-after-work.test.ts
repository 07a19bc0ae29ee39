import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { withStopSignals } from '../../src/cli/signals.js'

// A signal that arrives while the command's last statement runs (SQLite's
// COMMIT runs synchronously) is past stopping anything, but it is not lost:
// the command says so and ends with the signal's status, not 0.

test("a SIGTERM received during the command's last synchronous work ends it with 143, not 0", async () => {
  const stderr = new PassThrough()
  let written = ''
  stderr.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')))
  const io = { stdout: new PassThrough(), stderr, env: {} }
  const status = await withStopSignals(io, async () => {
    // Awaited I/O first, as a command's work is: what follows runs from an I/O callback.
    await readFile(fileURLToPath(import.meta.url))
    // Received while JavaScript is busy: no listener has run yet when the work returns.
    process.kill(process.pid, 'SIGTERM')
    return 0
  })
  assert.equal(status, 143)
  assert.match(written, /^error: SIGTERM arrived after the command had finished its work; nothing was undone$/m)
})
